"""django-tenants' PostgreSQL backend, able to keep the search_path through a request.

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
hand (tests/tenants/test_search_path_kept.py proves each case)."""

from contextlib import contextmanager

from django.db import connection as default_connection
from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantsDatabaseWrapper


class DatabaseWrapper(TenantsDatabaseWrapper):
    search_path_kept = False

    def connect(self):
        self.search_path_set_schemas = None  # a new session starts from its default path
        super().connect()

    def _handle_search_path(self, cursor=None):
        if self.search_path_kept and self.search_path_set_schemas:
            return
        super()._handle_search_path(cursor)


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
