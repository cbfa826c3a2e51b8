"""Change history of casework (pghistory): every change through a service is kept with
who made it and what changed, whichever way the service was called; the event tables
refuse UPDATE, DELETE and TRUNCATE; a newly cloned partner keeps history too."""

from datetime import date, timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django_tenants.utils import schema_context

from casework import selectors_history
from casework.models import (
    Consent,
    ContactEvent,
    ContactKind,
    EngagementEvent,
    HouseholdEvent,
    Programme,
    ServiceDeliveryEvent,
)
from casework.services.contacts import contact_create
from casework.services.engagements import (
    consultation_create,
    delivery_create,
    engagement_close,
    engagement_open,
    programme_create,
    service_create,
)
from casework.services.group_sessions import BulkRow, deliveries_bulk_create
from casework.services.households import household_address_update
from casework.services.relationships import relationship_create
from tenants.services import partner_create
from tests.tenants.accounts.helpers import make_user

EVENT_TABLES = [
    "casework_contactevent",
    "casework_householdevent",
    "casework_relationshipevent",
    "casework_programmeevent",
    "casework_serviceevent",
    "casework_engagementevent",
    "casework_groupsessionevent",
    "casework_servicedeliveryevent",
    "casework_consultationevent",
    "casework_consultationparticipantevent",
]


def test_a_change_through_a_service_records_the_actor_and_the_diff(practitioner, child):
    household_address_update(
        actor=practitioner,
        household=child.household,
        address_line_1="2 Burrow Road",
        postcode="m11ae",
    )
    event = HouseholdEvent.objects.filter(pgh_obj=child.household, pgh_label="update").latest(
        "pgh_id"
    )
    assert event.pgh_context["user"] == practitioner.pk
    assert event.pgh_context["action"] == "household_address_update"
    assert (event.address_line_1, event.postcode) == ("2 Burrow Road", "M1 1AE")
    created = ContactEvent.objects.get(pgh_obj=child, pgh_label="insert")
    assert created.pgh_context["user_public_id"] == str(practitioner.public_id)


def test_the_history_page_says_who_and_what_in_peoples_words(practitioner, manager, child):
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    engagement = engagement_open(
        actor=practitioner,
        contact=child,
        programme=programme,
        start_date=date.today() - timedelta(days=10),
        stage="applied",
    )
    engagement_close(
        actor=manager, engagement=engagement, closed_on=date.today(), stage="withdrawn"
    )
    _, page = selectors_history.engagement_history(user=manager, public_id=engagement.public_id)
    newest, opened = page.object_list[0], page.object_list[-1]
    assert newest.who == manager.get_full_name()
    assert newest.what == "Engagement changed"
    changes = {c.label: (c.old, c.new) for c in newest.changes}
    # Choice labels, not stored values; dates as people write them.
    assert changes["Stage"] == ("Applied", "Withdrawn")
    assert changes["Closed on"] == ("(blank)", date.today().strftime("%-d %b %Y"))
    assert opened.who == practitioner.get_full_name() and opened.what == "Engagement added"
    assert {c.label: c.new for c in opened.changes}["Programme"] == "Riverside Families"


def test_engagement_history_includes_its_deliveries(practitioner, child, service):
    engagement = engagement_open(
        actor=practitioner,
        contact=child,
        programme=service.programme,
        start_date=date.today() - timedelta(days=10),
    )
    delivery_create(
        actor=practitioner,
        engagement=engagement,
        service=service,
        on=date.today(),
        attendance="absent",
    )
    _, page = selectors_history.engagement_history(
        user=practitioner, public_id=engagement.public_id
    )
    latest = page.object_list[0]
    assert latest.what.startswith("Service delivery added: RF: Stay & Play session on ")
    assert {c.label: c.new for c in latest.changes}["Attendance"] == "Absent"
    assert ServiceDeliveryEvent.objects.filter(engagement_id=engagement.pk).count() == 1


def test_contact_history_shows_relationships_from_their_side(practitioner, child):
    mum = contact_create(
        actor=practitioner,
        kind=ContactKind.ADULT,
        first_name="Jane",
        last_name="Bunny",
        consent=Consent.GIVEN,
        household=child.household,
    )
    relationship_create(actor=practitioner, contact=mum, other=child, kind="mother")
    _, page = selectors_history.contact_history(user=practitioner, public_id=mum.public_id)
    whats = [e.what for e in page.object_list]
    assert whats[0] == f"Relationship added: Mother of Sam Bunny ({child.client_id})"
    assert whats[-1] == "Contact added"
    _, child_page = selectors_history.contact_history(user=practitioner, public_id=child.public_id)
    assert any(e.what.startswith("Relationship added: Child of Jane") for e in child_page)


def test_changes_outside_a_service_are_kept_without_a_person(practitioner, child):
    """A data fix in a shell is still history: kept, with no one to name."""
    with connection.cursor() as cursor:
        # The test runs in one transaction; a shell would start a new one, without the
        # context the services above set for theirs.
        cursor.execute("SELECT set_config('pghistory.context_metadata', '', true)")
    type(child).objects.filter(pk=child.pk).update(watch_list=True)
    _, page = selectors_history.contact_history(user=practitioner, public_id=child.public_id)
    assert page.object_list[0].who == "Casebridge (no one signed in)"
    assert [(c.label, c.old, c.new) for c in page.object_list[0].changes] == [
        ("Watch list", "No", "Yes")
    ]


@pytest.fixture
def one_of_everything(practitioner, manager, child, service):
    """A row in every event table (row triggers only fire for rows that exist)."""
    mum = contact_create(
        actor=practitioner,
        kind="adult",
        first_name="Jane",
        last_name="Bunny",
        household=child.household,
    )
    relationship_create(actor=practitioner, contact=mum, other=child, kind="mother")
    programme_create(actor=manager, name="Other Programme", code_prefix="OP")
    service_create(actor=manager, programme=service.programme, name="Nursery")
    engagement = engagement_open(
        actor=practitioner,
        contact=child,
        programme=service.programme,
        start_date=date.today() - timedelta(days=3),
    )
    deliveries_bulk_create(
        actor=practitioner,
        rows=[BulkRow(engagement=engagement, service=service, on=date.today())],
        anonymous_attendees=2,
    )
    consultation_create(
        actor=practitioner,
        engagement=engagement,
        on=date.today(),
        method="phone",
        held_with="School nurse",
        held_with_contacts=[mum],
        notes="Spoke about sleep.",
    )
    with connection.cursor() as cursor:
        for table in EVENT_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            assert cursor.fetchone()[0] > 0, table


@pytest.mark.owner_role  # the trigger, which holds against the owner too
@pytest.mark.parametrize("table", EVENT_TABLES)
@pytest.mark.parametrize("statement", ["UPDATE {} SET pgh_label = 'rewritten'", "DELETE FROM {}"])
def test_event_rows_cannot_be_rewritten_or_removed(one_of_everything, table, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement.format(table))


@pytest.mark.owner_role  # the trigger, which holds against the owner too
@pytest.mark.parametrize("table", EVENT_TABLES)
def test_event_tables_cannot_be_truncated(in_partner_a, table):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table}")


@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_the_orm_cannot_rewrite_history(practitioner, child):
    event = ContactEvent.objects.get(pgh_obj=child, pgh_label="insert")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ContactEvent.objects.filter(pk=event.pk).update(first_name="Forged")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.delete()
    assert ContactEvent.objects.get(pk=event.pk).first_name == "Sam"


def casework_triggers(schema: str) -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relname LIKE 'casework_%%' AND NOT t.tgisinternal",
            [schema],
        )
        return set(cursor.fetchall())


@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_a_newly_cloned_partner_records_history_too(db):
    partner = partner_create(actor=None, name="Delta Families", slug="delta", kind="family_centre")
    # Insert, update and delete triggers on each tracked table and two guards on each
    # event table: the clone has every one the template has.
    assert casework_triggers(partner.schema_name) == casework_triggers("_template")
    assert len(casework_triggers("_template")) >= len(EVENT_TABLES) * 5
    with schema_context(partner.schema_name):
        user = make_user(role_key="practitioner")
        child = contact_create(
            actor=user,
            kind=ContactKind.CHILD,
            first_name="Ada",
            last_name="Delta",
            date_of_birth=date(2022, 1, 1),
        )
        programme = Programme.objects.create(name="Delta Play", code_prefix="DP")
        engagement_open(actor=user, contact=child, programme=programme, start_date=date.today())
        assert EngagementEvent.objects.get().pgh_context["user"] == user.pk
        assert ContactEvent.objects.get().first_name == "Ada"
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            ContactEvent.objects.all().delete()
    # Nothing of the new partner's history is in another partner's schema.
    with schema_context("partner_alpha"):
        assert not ContactEvent.objects.filter(first_name="Ada", last_name="Delta").exists()
