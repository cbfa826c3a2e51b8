"""The published directory (/oruk/) is cached; any change to what it shows (an entry kept,
a partner archived or brought back) starts a new version, so nobody reads a stale copy
once the change is committed. The key lives in public's cache space whichever schema
the change was made from (cache keys carry the current schema)."""

import uuid

from django.core.cache import cache
from django.db import transaction
from django_tenants.utils import get_public_schema_name, schema_context

VERSION_KEY = "oruk:version"


def published_directory_changed() -> None:
    transaction.on_commit(published_directory_version_new)


def published_directory_version_new() -> None:
    """A new version now (the tests, and on commit of a change)."""
    with schema_context(get_public_schema_name()):
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def published_directory_version() -> str:
    with schema_context(get_public_schema_name()):
        return cache.get_or_set(VERSION_KEY, uuid.uuid4().hex, None)
