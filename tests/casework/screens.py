"""Shared by the casework screen tests: signed-in HTTP clients and ready-made records."""

from datetime import date, timedelta

from casework.models import Consent, ContactKind
from casework.services.contacts import contact_create
from casework.services.engagements import engagement_open
from tests.partners import PASSWORD
from tests.tenants.accounts.helpers import make_user


def body(response) -> str:
    return response.content.decode()


def user_with(role_key, **kwargs):
    return make_user(role_key=role_key, password=PASSWORD, **kwargs)


def new_child(actor, first="Sam", last="Bunny", **extra):
    return contact_create(
        actor=actor,
        kind=ContactKind.CHILD,
        first_name=first,
        last_name=last,
        date_of_birth=extra.pop("date_of_birth", date.today() - timedelta(days=3 * 365)),
        consent=Consent.GIVEN,
        **({"address_line_1": "1 Warren Lane", "postcode": "sw1a1aa"} | extra),
    )


def new_engagement(actor, contact, programme, **extra):
    return engagement_open(
        actor=actor,
        contact=contact,
        programme=programme,
        start_date=extra.pop("start_date", date.today() - timedelta(days=30)),
        **extra,
    )


def today_text(days_ago=0) -> str:
    day = date.today() - timedelta(days=days_ago)
    return f"{day.day}/{day.month}/{day.year}"


def child_post(**extra) -> dict:
    """What the new-contact form posts for a child (any field overridden)."""
    return {
        "kind": "child",
        "first_name": "Poppy",
        "last_name": "Field",
        "date_of_birth": "3/4/2021",
        "address_line_1": "2 Meadow Road",
        "postcode": "m1 1ae",
        "consent": "given",
        "consent_decided_on": today_text(),
        "alerts": "Nut allergy",
        "watch_list": "on",
    } | extra
