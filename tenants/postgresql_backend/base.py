"""django-tenants' PostgreSQL backend, able to keep the search_path through a request,
and recycling a database session that has served many partners.

django-tenants issues `SET search_path` before every statement: a GraphQL page of
four queries costs eight round trips. Its TENANT_LIMIT_SET_CALLS setting skips the
repeats everywhere, and stays off: outside a request, raw SQL (the template's DDL, a
partner's clone) sets the search_path itself behind django-tenants' back.

Inside `search_path_kept()` the path is set once and reused while django-tenants
still knows it to be in force. It forgets it (and the next statement sets it again)
whenever the database may have dropped it or another partner is chosen: `set_tenant`
(also under schema_context), a rollback or a rollback to a savepoint (a SET in the
aborted transaction or savepoint is undone by PostgreSQL), a failed SET, closing the
connection, and here, opening a new one. Nothing inside a request sets the path by
hand (tests/tenants/test_search_path_kept.py proves each case).

A PostgreSQL session caches the catalog entries of every schema it touches (~0.7 MB a
partner, `bin/bench tenants`), and never gives them back. So a persistent connection
(CONN_MAX_AGE) that has served more than `CONN_MAX_SCHEMAS` schemas is closed where
Django closes obsolete connections: at the start and end of each request (and the next
statement opens a fresh session). Never inside a transaction."""

from contextlib import contextmanager

from django.conf import settings
from django.db import connection as default_connection
from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantsDatabaseWrapper

# Schemas one database session may serve before it is recycled (settings.CONN_MAX_SCHEMAS).
DEFAULT_MAX_SCHEMAS = 20


class DatabaseWrapper(TenantsDatabaseWrapper):
    search_path_kept = False

    def __init__(self, *args, **kwargs):
        self.schemas_served: set[str] = set()
        super().__init__(*args, **kwargs)

    def connect(self):
        self.search_path_set_schemas = None  # a new session starts from its default path
        self.schemas_served = set()
        super().connect()

    def _handle_search_path(self, cursor=None):
        if self.search_path_kept and self.search_path_set_schemas:
            return
        super()._handle_search_path(cursor)
        if self.search_path_set_schemas:
            self.schemas_served.add(self.schema_name)

    def close_if_unusable_or_obsolete(self):
        super().close_if_unusable_or_obsolete()
        limit = getattr(settings, "CONN_MAX_SCHEMAS", DEFAULT_MAX_SCHEMAS)
        if (
            self.connection is not None
            and not self.in_atomic_block
            and limit
            and len(self.schemas_served) > limit
        ):
            self.close()


@contextmanager
def search_path_kept(connection=None):
    """Statements run inside set the search_path once, not before each one."""
    connection = connection or default_connection
    previous = connection.search_path_kept
    connection.search_path_kept = True
    try:
        yield
    finally:
        connection.search_path_kept = previous
