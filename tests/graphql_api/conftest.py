from datetime import timedelta

import pytest
from django.db import connection

from casework.models import Programme, Service
from tests.customers.journey import TODAY, a_customer, adviser_at, inside, refer
from tests.graphql_api.employment import BOOK, data_of
from tests.graphql_api.helpers import global_id, make_token, run


@pytest.fixture(autouse=True)
def _outside_playwrights_event_loop(outside_playwrights_event_loop):
    """Every test here reaches /graphql/ or runs the schema (tests/conftest.py)."""


@pytest.fixture
def token_a(in_partner_a) -> str:
    return make_token()


@pytest.fixture
def read_token_a(in_partner_a) -> str:
    return make_token(scope="read")


@pytest.fixture
def champion_token_b(partner_b, partner_a):
    """Partner B's most powerful token: its champion's, read and write."""
    connection.set_tenant(partner_b)
    token = make_token(username="champion")
    connection.set_tenant(partner_a)
    return token


@pytest.fixture
def catalogue(in_partner_a):
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    service = Service.objects.create(programme=programme, name="RF: Stay & Play session")
    return programme, service


class World:
    """Partner A's casework seen from every side: the owner of an engagement, another
    practitioner, a manager and a colleague it is shared with."""


@pytest.fixture
def world(in_partner_a, catalogue):
    from casework.models import ContactKind
    from casework.safeguarding.services.cases import case_open, monitoring_action_add
    from casework.safeguarding.services.closure import closure_request_submit
    from casework.services.contacts import contact_create
    from casework.services.engagements import (
        consultation_create,
        delivery_create,
        engagement_share,
    )
    from casework.services.relationships import relationship_create
    from casework.worklist.models import Notification, Task
    from tests.casework.screens import new_child, new_engagement, user_with

    w = World()
    w.partner = in_partner_a
    w.programme, w.service = catalogue
    w.users = {
        "owner": user_with("practitioner"),
        "other": user_with("practitioner"),
        "manager": user_with("manager"),
        "shared": user_with("practitioner"),
    }
    owner = w.users["owner"]
    w.child = new_child(owner, first="Zephyrine", last="Quillfeather", alerts="Secret alert")
    w.household = w.child.household
    w.mum = contact_create(
        actor=owner,
        kind=ContactKind.ADULT,
        first_name="Jane",
        last_name="Quillfeather",
        household=w.household,
    )
    w.relationship = relationship_create(actor=owner, contact=w.mum, other=w.child, kind="mother")
    w.engagement = new_engagement(owner, w.child, w.programme)
    w.delivery = delivery_create(
        actor=owner,
        engagement=w.engagement,
        service=w.service,
        on=w.engagement.start_date,
        summary="Delivery summary marker",
    )
    w.consultation = consultation_create(
        actor=owner,
        engagement=w.engagement,
        on=w.engagement.start_date,
        method="phone",
        held_with="Health visitor",
        notes="Consultation notes marker",
    )
    engagement_share(actor=owner, engagement=w.engagement, with_user=w.users["shared"])
    w.case = case_open(
        actor=owner,
        engagement=w.engagement,
        threshold="high",
        description="Case description marker",
        raised_with="The centre's safeguarding lead",
        actions_agreed="Watch and record",
    )
    w.task = Task.objects.get(assignee=owner)  # the new case's task, for its owner
    monitoring_action_add(
        actor=owner,
        case=w.case,
        actions_taken="Monitoring marker",
        taken_by="Centre staff",
        rationale="Because",
    )
    w.closure = closure_request_submit(
        actor=owner, case=w.case, approver=w.users["manager"], comment="All done"
    )
    # The request's notification goes to the manager chosen to decide it.
    w.notification = Notification.objects.get(recipient=w.users["manager"])
    return w


# The employment API's (tests/graphql_api/employment.py has their operations).


@pytest.fixture
def kappa(partner_c):
    return partner_c


@pytest.fixture
def customer(people):
    return a_customer(people.officer)


@pytest.fixture
def booked(people, kappa, customer):
    """A request the provider booked in two days' time: (adviser, sent copy, appointment id)."""
    sent = refer(people.officer, customer, kappa)
    adviser = adviser_at(kappa)
    with inside(kappa):
        result = run(
            adviser,
            BOOK,
            {
                "input": {
                    "referralId": global_id("Referral", sent),
                    "on": str(TODAY + timedelta(days=2)),
                    "at": "10:00",
                    "adviserId": global_id("User", adviser),
                    "place": "Library",
                }
            },
        )
    return adviser, sent, data_of(result, "appointmentBook")["appointment"]["id"]
