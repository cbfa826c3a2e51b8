import json
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models.query_utils import DeferredAttribute
from django.utils import timezone

from casework.models import Programme, Service
from tenants.accounts.models import User
from tenants.accounts.services.tokens import api_token_create

# The borough-to-provider journey's fixtures (a borough and its officers), for the
# employment API's tests.
from tests.customers.conftest import borough, borough_ensured, known, people  # noqa: F401


@pytest.fixture(autouse=True)
def _outside_playwrights_event_loop(outside_playwrights_event_loop):
    """Every test here reaches /graphql/ or runs the schema (tests/conftest.py)."""


def make_token(*, username: str = "integrator", scope: str = "write", days: int = 30) -> str:
    """A token for one of the current partner's accounts, created by its champion."""
    champion = User.objects.get(username="champion")
    user = User.objects.get(username=username)
    return api_token_create(
        actor=champion,
        user_public_id=user.public_id,
        name=f"{username} {scope}",
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    ).secret


@contextmanager
def no_deferred_column_loads():
    """The optimizer selects only() the columns a query asks for; a resolver reading a
    column it did not declare would cost one query per object. Fail on the first."""
    loads = []
    original = DeferredAttribute.__get__

    def watched(self, instance, cls=None):
        if (
            instance is not None
            and self.field.attname not in instance.__dict__
            and self._check_parent_chain(instance) is None
        ):
            loads.append(f"{type(instance).__name__}.{self.field.attname}")
        return original(self, instance, cls)

    DeferredAttribute.__get__ = watched
    try:
        yield loads
    finally:
        DeferredAttribute.__get__ = original
    assert not loads, f"columns loaded one query at a time (declare them with only=): {loads}"


def gql(client, query: str, variables: dict | None = None, *, token: str | None = None):
    """POST one operation; returns (status, parsed JSON). No resolver may load a column
    the optimizer left out (see no_deferred_column_loads)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    with no_deferred_column_loads():
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **headers,
        )
    return response.status_code, response.json()


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


def run(user, query: str, variables: dict | None = None, *, partner=None, token=None, schema=None):
    """Execute against the schema in-process as `user` (no HTTP, no auth queries); like
    gql(), it fails on a column loaded one query at a time."""
    from django.test import RequestFactory
    from strawberry.django.context import StrawberryDjangoContext

    from graphql_api.schema import schema as default_schema

    request = RequestFactory().post("/graphql/")
    request.user = user
    request.tenant = partner or connection.tenant
    if token is not None:
        request.api_token = token
    with no_deferred_column_loads():
        return (schema or default_schema).execute_sync(
            query,
            variable_values=variables,
            context_value=StrawberryDjangoContext(request=request, response=None),
        )


def global_id(type_name: str, obj) -> str:
    from strawberry import relay

    return str(relay.GlobalID(type_name, str(obj.public_id)))


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


# The employment API's fixtures (last: that module uses run and global_id above).
from tests.graphql_api.employment import booked, customer, kappa  # noqa: E402, F401
