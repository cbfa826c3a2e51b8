"""The engagements' log of shares, reassignments and closures (CaseworkEvent) is
append-only in the database: neither raw SQL nor the ORM can rewrite or remove it, in
any partner, while the services still add to it."""

from datetime import date

import pytest
from django.db import DatabaseError, connection, transaction

from casework.models import CaseworkEvent
from casework.services.engagements import engagement_close, engagement_share
from tests.casework.screens import new_engagement, user_with

pytestmark = pytest.mark.security


@pytest.fixture
def logged(practitioner, manager, child, programme):
    """An engagement opened, shared and closed: three rows of the log."""
    engagement = new_engagement(practitioner, child, programme)
    engagement_share(actor=practitioner, engagement=engagement, with_user=user_with("practitioner"))
    engagement_close(actor=manager, engagement=engagement, closed_on=date.today())
    events = list(CaseworkEvent.objects.filter(engagement=engagement).order_by("id"))
    assert [e.action for e in events][0] == "engagement.open" and len(events) >= 3
    return events


def rows() -> list[tuple]:
    return list(CaseworkEvent.objects.order_by("id").values_list("id", "action", "detail"))


@pytest.mark.owner_role  # the trigger, which holds against the owner too
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE casework_caseworkevent SET action = 'rewritten', detail = ''",
        "UPDATE casework_caseworkevent SET actor_id = actor_id",  # even a no-op
        "DELETE FROM casework_caseworkevent",
        "TRUNCATE casework_caseworkevent",
    ],
)
def test_raw_sql_cannot_rewrite_or_remove_the_log(logged, statement):
    before = rows()
    with connection.cursor() as cursor:
        # Check the deferred foreign keys now: PostgreSQL refuses TRUNCATE with checks
        # pending before any trigger runs, which would hide what this test is about.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement)
    assert rows() == before


@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_the_orm_cannot_either(logged):
    before = rows()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CaseworkEvent.objects.filter(pk=logged[0].pk).update(action="engagement.forged")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        logged[-1].delete()
    assert rows() == before


def test_every_partner_has_the_guard(partner_b, partner_a):
    for partner in (partner_a, partner_b):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s "
                "AND c.relname = 'casework_caseworkevent' AND NOT t.tgisinternal",
                [partner.schema_name],
            )
            assert cursor.fetchone()[0] == 2, partner.schema_name
