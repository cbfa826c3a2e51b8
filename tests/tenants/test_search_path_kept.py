"""search_path_kept(): the partner's search_path set once for a stretch of statements,
and set again whenever the database may no longer have it or another partner is chosen
(tenants/postgresql_backend). The wrong search_path would read another partner's rows."""

import pytest
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext

from casework.models import Programme
from tenants.postgresql_backend.base import search_path_kept


def _sets(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SET search_path")]


def _path_in_force() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        return cursor.fetchone()[0]


def _expected(partner) -> str:
    return f"{partner.schema_name}, public"


def test_outside_it_every_statement_sets_the_path(in_partner_a):
    with CaptureQueriesContext(connection) as queries:
        Programme.objects.count()
        Programme.objects.count()
    assert len(_sets(queries)) == 2


def test_inside_it_the_path_is_set_once(in_partner_a):
    with search_path_kept(), CaptureQueriesContext(connection) as queries:
        Programme.objects.count()
        Programme.objects.count()
        Programme.objects.exists()
    assert len(_sets(queries)) == 1
    assert len(queries) == 4
    assert connection.search_path_kept is False  # restored on the way out


def test_choosing_another_partner_sets_it_again(partner_a, partner_b):
    connection.set_tenant(partner_a)
    Programme.objects.create(name="Only at A", code_prefix="OA")
    try:
        with search_path_kept(), CaptureQueriesContext(connection) as queries:
            assert Programme.objects.filter(name="Only at A").exists()
            connection.set_tenant(partner_b)
            assert not Programme.objects.filter(name="Only at A").exists()
            assert _path_in_force() == _expected(partner_b)
        assert len(_sets(queries)) == 1  # A's was already in force: B's only
    finally:
        connection.set_schema_to_public()


def test_a_path_set_in_a_rolled_back_savepoint_is_set_again(partner_a, partner_b):
    """PostgreSQL undoes a SET made in a savepoint that is rolled back; django-tenants
    still has partner B chosen, so the next statement must set B's path again rather
    than run on A's (the reason TENANT_LIMIT_SET_CALLS stays off)."""
    connection.set_tenant(partner_a)
    try:
        with search_path_kept():
            Programme.objects.count()  # A's path set
            with CaptureQueriesContext(connection) as queries:
                with pytest.raises(RuntimeError), transaction.atomic():
                    connection.set_tenant(partner_b)
                    Programme.objects.count()  # B's path set inside the savepoint
                    raise RuntimeError("rolled back")
                assert connection.schema_name == partner_b.schema_name
                assert _path_in_force() == _expected(partner_b)
            # Set in the savepoint, then again once it was rolled back.
            assert len(_sets(queries)) == 2
    finally:
        connection.set_schema_to_public()


def test_a_failed_statement_rolled_back_sets_the_path_again(in_partner_a):
    with search_path_kept():
        Programme.objects.count()
        with CaptureQueriesContext(connection) as queries:
            with pytest.raises(DataError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT 1/0")
            assert _path_in_force() == _expected(in_partner_a)
        assert len(_sets(queries)) == 1  # set again after the rollback only
