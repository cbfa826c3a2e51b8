"""Change history of a borough's customers, the reasons they gave, the referrals sent
for them and the provider's appointments: kept by the database with who made each
change, whether through the portal, GraphQL or Celery; the event tables refuse UPDATE,
DELETE and TRUNCATE; the customer's History tab shows it to whoever may see the
customer, in a fixed number of queries."""

from datetime import time, timedelta

import pytest
from django.db import DatabaseError, connection, transaction

from casework.history import events_page, history_of
from customers import selectors
from customers.models import (
    AppointmentEvent,
    CustomerEvent,
    CustomerReasonEvent,
    CustomerReferralEvent,
    NotInterestedReason,
)
from customers.services import customer_record_interest
from customers.services.appointments import appointment_book, appointments_flag_missing
from tests.casework.screens import body, user_with
from tests.clients import signed_in
from tests.customers.journey import TODAY, a_customer, adviser_at, booking, inside, refer
from tests.graphql_api.helpers import run

# It reaches the GraphQL schema: no Playwright event loop (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("outside_playwrights_event_loop")

EVENT_TABLES = [
    "customers_customerevent",
    "customers_customerreasonevent",
    "customers_customerreferralevent",
    "customers_appointmentevent",
]


def not_interested(officer, customer, *names, other=""):
    reasons = [NotInterestedReason.objects.get_or_create(name=name)[0] for name in names]
    return customer_record_interest(
        actor=officer,
        customer=customer,
        interest="not_interested",
        on=TODAY,
        reasons=reasons,
        other=other,
    )


def test_a_customers_changes_are_kept_with_who_made_them(people):
    customer = a_customer(people.officer, housing_reference="HS-1")
    not_interested(people.colleague, customer, "Caring for a relative")
    not_interested(people.officer, customer, "Shift work", other="Moving away")
    created = CustomerEvent.objects.get(pgh_obj=customer, pgh_label="insert")
    assert created.first_name == "Jordan" and created.housing_reference == "HS-1"
    assert created.pgh_context["user"] == people.officer.pk
    assert created.pgh_context["action"] == "customer_create"
    first, second = CustomerEvent.objects.filter(pgh_obj=customer, pgh_label="update").order_by(
        "pgh_id"
    )
    assert first.pgh_context["user"] == people.colleague.pk
    assert created.interest == "not_asked" and first.interest == "not_interested"
    assert (first.not_interested_other, second.not_interested_other) == ("", "Moving away")
    # The reasons the first answer gave are kept after the second replaced them.
    reasons = CustomerReasonEvent.objects.filter(customer_id=customer.pk).order_by("pgh_id")
    replaced = NotInterestedReason.objects.get(name="Caring for a relative")
    assert [(e.pgh_label, e.notinterestedreason_id) for e in reasons][:2] == [
        ("insert", replaced.pk),
        ("delete", replaced.pk),
    ]
    assert reasons.last().pgh_context["user"] == people.officer.pk


def test_the_history_page_says_it_in_peoples_words(people, partner_c):
    customer = a_customer(people.officer)
    not_interested(people.colleague, customer, "Shift work")
    refer(people.officer, customer, partner_c)
    _, page = selectors.customer_history(user=people.officer, public_id=customer.public_id)
    entries = [(e.who, e.what) for e in page.object_list]
    officer, colleague = people.officer.get_full_name(), people.colleague.get_full_name()
    assert entries[0] == (officer, "Referral added: to Kappa Advice Provider")
    assert (colleague, "Reason not interested added: Shift work") in entries
    assert entries[-1] == (officer, "Customer added")
    answer = next(e for e in page.object_list if e.what == "Customer changed")
    changes = {c.label: (c.old, c.new) for c in answer.changes}
    assert changes["Interest"] == ("Not asked yet", "Not interested")
    assert changes["Asked on"][0] == "(blank)"
    # Nobody else's history is mixed in.
    a_customer(people.officer, first_name="Other", last_name="Person")
    _, again = selectors.customer_history(user=people.officer, public_id=customer.public_id)
    assert len(again.object_list) == len(page.object_list)


def test_graphql_writes_are_attributed_like_the_portals(people):
    created = run(
        people.officer,
        """mutation { customerCreate(input: {firstName: "Robin", lastName: "Ashdown",
           noneOfTheMatches: true}) { customer { id } errors { field message } } }""",
    ).data["customerCreate"]
    assert created["errors"] == []
    event = CustomerEvent.objects.get(first_name="Robin", pgh_label="insert")
    assert event.pgh_context["user"] == people.officer.pk
    assert event.pgh_context["action"] == "customer_create"


def test_a_direct_booking_names_the_officer_and_their_borough_at_the_provider(people, partner_c):
    customer = a_customer(people.officer)
    refer(people.officer, customer, partner_c, booking=booking())
    with inside(partner_c):
        # The officer's user key means somebody else, or nobody, at the provider.
        event = AppointmentEvent.objects.get(pgh_label="insert")
        assert event.direct and event.pgh_context["action"] == "customer_refer"
        page = events_page(history_of(AppointmentEvent, tracks=event.pgh_obj))
        assert page.object_list[0].who == f"{people.officer.get_full_name()} (Gamma Borough)"
        assert page.object_list[0].what == "Appointment added"


def test_the_celery_sweep_and_the_adviser_are_attributed(people, partner_c):
    customer = a_customer(people.officer)
    sent = refer(people.officer, customer, partner_c)
    with inside(partner_c):
        adviser = adviser_at(partner_c)
        appointment = appointment_book(
            actor=adviser,
            referral=type(sent).objects.get(public_id=sent.public_id),
            on=TODAY,
            at=time(9, 0),
            adviser=adviser,
            place="Library",
        )
        assert appointments_flag_missing(today=TODAY + timedelta(days=1)) == 1
        booked, flagged = AppointmentEvent.objects.filter(pgh_obj=appointment).order_by("pgh_id")
        assert booked.pgh_context["user"] == adviser.pk
        assert booked.missing_flagged_at is None and flagged.missing_flagged_at is not None
        assert flagged.pgh_context["user"] is None
        assert flagged.pgh_context["action"] == "appointments_flag_missing"


@pytest.fixture
def one_of_everything(people, partner_c):
    """A row in every event table (row triggers only fire for rows that exist)."""
    customer = a_customer(people.officer)
    not_interested(people.officer, customer, "Shift work")
    refer(people.officer, customer, partner_c, booking=booking())
    with connection.cursor() as cursor:
        for table in EVENT_TABLES:
            schema = partner_c.schema_name if "appointment" in table else people.borough.schema_name
            cursor.execute(f"SELECT count(*) FROM {schema}.{table}")
            assert cursor.fetchone()[0] > 0, table
    return customer


@pytest.mark.owner_role  # the trigger, which holds against the owner too
@pytest.mark.parametrize("table", EVENT_TABLES)
@pytest.mark.parametrize(
    "statement",
    ["UPDATE {} SET pgh_label = 'rewritten'", "DELETE FROM {}", "TRUNCATE {}"],
)
def test_event_rows_cannot_be_rewritten_or_removed(
    one_of_everything, partner_c, people, table, statement
):
    schema = partner_c.schema_name if "appointment" in table else people.borough.schema_name
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement.format(f"{schema}.{table}"))


@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_the_orm_cannot_rewrite_a_customers_history(people):
    customer = a_customer(people.officer)
    event = CustomerEvent.objects.get(pgh_obj=customer)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CustomerEvent.objects.filter(pk=event.pk).update(first_name="Forged")
    assert CustomerEvent.objects.get(pk=event.pk).first_name == "Jordan"
    assert CustomerReferralEvent.objects.count() == 0


# --- the History tab ---


def test_the_customer_page_has_a_history_tab(people, partner_c):
    customer = a_customer(people.officer)
    not_interested(people.officer, customer, "Shift work")
    client = signed_in(people.borough, people.colleague)
    detail = body(client.get(f"/customers/{customer.public_id}/"))
    assert f'href="/customers/{customer.public_id}/history/"' in detail
    response = client.get(f"/customers/{customer.public_id}/history/")
    assert response.status_code == 200
    page = body(response)
    assert "Not asked yet → Not interested" in page
    assert "Reason not interested added: Shift work" in page
    assert people.officer.get_full_name() in page
    assert page.index("Customer changed") < page.index("Customer added")


def test_history_of_someone_not_seen_is_not_found(people, partner_a):
    customer = a_customer(people.officer)
    editor = signed_in(people.borough, people.editor)
    assert editor.get(f"/customers/{customer.public_id}/history/").status_code == 404
    with inside(partner_a):
        manager = user_with("manager")
    family_centre = signed_in(partner_a, manager)
    response = family_centre.get(f"/customers/{customer.public_id}/history/")
    assert response.status_code == 404 and "Okafor" not in body(response)
    officer = signed_in(people.borough, people.officer)
    assert officer.get(f"/customers/{customer.public_id}/history/?page=x").status_code == 200
    connection.set_tenant(people.borough)


def test_the_history_tab_costs_the_same_queries_however_long(
    people, partner_c, django_assert_max_num_queries
):
    customer = a_customer(people.officer)
    client = signed_in(people.borough, people.officer)
    url = f"/customers/{customer.public_id}/history/"
    not_interested(people.officer, customer, "Shift work")
    refer(people.officer, customer, partner_c)
    client.get(url)  # warm caches (permissions, partner)
    # django-tenants counts a "SET search_path" per cursor: the bound is what matters.
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for n in range(15):
        not_interested(people.colleague, customer, f"Reason {n}", other=f"Other {n}")
        refer(people.colleague, customer, partner_c)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = body(client.get(url))
    assert "Page 1 of " in page and page.count("Referral added: to Kappa") >= 5
    assert people.colleague.get_full_name() in page
