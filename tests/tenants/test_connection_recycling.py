"""A persistent database session that has served more than CONN_MAX_SCHEMAS partners'
schemas is closed where Django closes obsolete connections (request start and end), since
PostgreSQL keeps each schema's catalog entries cached for the session's life
(tenants/postgresql_backend)."""

import pytest
from django.db import connection, connections


@pytest.fixture
def session(db):
    """A session of its own (outside the test's transaction), persistent as with
    CONN_MAX_AGE=None, so only the schema count can close it."""
    default = connections["default"]
    wrapper = type(default)({**default.settings_dict, "CONN_MAX_AGE": None})  # its own session
    yield wrapper
    wrapper.close()


def _serve(wrapper, schemas: list[str]) -> None:
    for schema in schemas:
        wrapper.set_schema(schema)
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT current_schemas(false)")
            assert cursor.fetchone()[0][0] == schema


def _schemas(count: int) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'partner\\_%%' "
            "ORDER BY nspname LIMIT %s",
            [count],
        )
        found = [row[0] for row in cursor.fetchall()]
    assert len(found) == count, "the test database has fewer partners than this test needs"
    return found


def test_a_session_is_kept_until_it_has_served_more_schemas_than_the_limit(session, settings):
    settings.CONN_MAX_SCHEMAS = 3
    schemas = _schemas(4)
    _serve(session, schemas[:3] + schemas[:3])  # the same three again: still three
    session.close_if_unusable_or_obsolete()
    assert session.connection is not None
    pid = session.connection.info.backend_pid

    _serve(session, schemas[3:])
    session.close_if_unusable_or_obsolete()
    assert session.connection is None

    _serve(session, schemas[:1])  # the next statement opens a fresh session, counting anew
    assert session.connection.info.backend_pid != pid
    assert session.schemas_served == {schemas[0]}


def test_zero_turns_it_off(session, settings):
    settings.CONN_MAX_SCHEMAS = 0
    _serve(session, _schemas(3))
    session.close_if_unusable_or_obsolete()
    assert session.connection is not None
    assert len(session.schemas_served) == 3
