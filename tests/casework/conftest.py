from datetime import date, timedelta

import pytest

from casework.models import Consent, ContactKind, Programme, Service
from casework.services.contacts import contact_create
from tenants.accounts import capabilities as cap
from tests.casework.screens import new_child, new_engagement
from tests.partners import PASSWORD
from tests.tenants.accounts.helpers import make_user


@pytest.fixture
def practitioner(in_partner_a):
    return make_user(role_key="practitioner")


@pytest.fixture
def other_practitioner(in_partner_a):
    return make_user(role_key="practitioner")


@pytest.fixture
def manager(in_partner_a):
    return make_user(role_key="manager", privileges={cap.CHANGE_OWN_PASSWORD})


@pytest.fixture
def programme(in_partner_a):
    return Programme.objects.create(name="Riverside Families", code_prefix="RF")


@pytest.fixture
def service(programme):
    return Service.objects.create(programme=programme, name="RF: Stay & Play session")


@pytest.fixture
def child(practitioner):
    return contact_create(
        actor=practitioner,
        kind=ContactKind.CHILD,
        first_name="Sam",
        last_name="Bunny",
        date_of_birth=date.today() - timedelta(days=3 * 365),
        consent=Consent.GIVEN,
        address_line_1="1 Warren Lane",
        postcode="sw1a1aa",
    )


# --- screens (HTTP) ------------------------------------------------------------------


@pytest.fixture
def owner(in_partner_a):
    """A practitioner who can sign in: owns what the screen tests open."""
    return make_user(role_key="practitioner", password=PASSWORD)


@pytest.fixture
def owner_client(in_partner_a, owner):
    from tests.clients import signed_in

    return signed_in(in_partner_a, owner)


@pytest.fixture
def family(owner, programme):
    """A child (Sam) with mum in the household, and Olive (not of the household), with an
    engagement of Sam's: the people a consultation is held with."""
    sam = new_child(owner)
    mum = contact_create(
        actor=owner, kind="adult", first_name="Jane", last_name="Bunny", household=sam.household
    )
    nan = contact_create(actor=owner, kind="adult", first_name="Olive", last_name="Hare")
    return {"sam": sam, "mum": mum, "nan": nan, "engagement": new_engagement(owner, sam, programme)}
