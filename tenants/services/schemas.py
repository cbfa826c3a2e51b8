"""Bringing every partner's schema to the template's migration state, at scale.

Partners whose `django_migrations` rows already equal the template's are skipped after
one query across all schemas (running `migrate` to find out costs ~0.5 s a partner).
The rest are migrated in a bounded pool of processes, one partner at a time each; one
partner's failure never stops the others: it is marked on its Partner row (its portal
shows a maintenance page) and listed at the end. Operator-only (manage.py).
"""

import logging
import multiprocessing
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_tenants.utils import get_public_schema_name

from tenants.models import Partner
from tenants.sql_names import qi

logger = logging.getLogger(__name__)

# One django_migrations row set, as one comparable value.
STATE_SQL = "SELECT md5(string_agg(app || '.' || name, ',' ORDER BY app, name)) FROM {}"


@dataclass
class MigrationRun:
    up_to_date: list[str] = field(default_factory=list)
    migrated: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # schema → what went wrong


def migration_states(schemas: list[str]) -> dict[str, str | None]:
    """Each schema's migration state in one query (None: no schema or no django_migrations)."""
    if not schemas:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND n.nspname = ANY(%s)",
            [schemas],
        )
        present = [row[0] for row in cursor.fetchall()]
        states: dict[str, str | None] = dict.fromkeys(schemas)
        if present:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT %s, ({STATE_SQL.format(qi(s) + '.django_migrations')})"
                    for s in present
                ),
                present,
            )
            states.update(dict(cursor.fetchall()))
    return states


def schemas_behind_template(schemas: list[str]) -> tuple[list[str], list[str]]:
    """(up to date, to migrate): compared with the template's migration state."""
    template = settings.TENANT_BASE_SCHEMA
    states = migration_states([template, *schemas])
    target = states.pop(template)
    up_to_date = [s for s in schemas if states[s] is not None and states[s] == target]
    return up_to_date, [s for s in schemas if s not in set(up_to_date)]


def schema_migrate(schema: str) -> tuple[str, str | None]:
    """Migrate one schema; never raises (the error comes back as text)."""
    try:
        call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
        return schema, None
    except Exception as exc:  # noqa: BLE001  (any failure is this partner's, reported)
        logger.exception("migrating %s failed", schema)
        last = traceback.format_exception_only(exc)[-1].strip()
        return schema, last[:2000]
    finally:
        connection.set_schema_to_public()


def _mark(schema: str, error: str | None) -> None:
    partners = Partner.objects.filter(schema_name=schema)
    if error is None:
        partners.exclude(migration_failed_at=None).update(
            migration_failed_at=None, migration_error=""
        )
    else:
        partners.update(migration_failed_at=timezone.now(), migration_error=error)


def partners_migrate(
    *, jobs: int = 1, progress: Callable[[int, int, str, str | None], None] | None = None
) -> MigrationRun:
    """Migrate every partner schema that is behind the template (the template first, by
    template_ensure). `jobs` > 1 runs that many worker processes."""
    public, template = get_public_schema_name(), settings.TENANT_BASE_SCHEMA
    schemas = list(
        Partner.objects.exclude(schema_name__in=[public, template])
        .order_by("schema_name")
        .values_list("schema_name", flat=True)
    )
    run = MigrationRun()
    run.up_to_date, behind = schemas_behind_template(schemas)
    # A partner mended by hand since its failure is open again.
    Partner.objects.filter(schema_name__in=run.up_to_date).exclude(migration_failed_at=None).update(
        migration_failed_at=None, migration_error=""
    )

    def record(done: int, schema: str, error: str | None) -> None:
        _mark(schema, error)
        if error is None:
            run.migrated.append(schema)
        else:
            run.failed[schema] = error
        if progress:
            progress(done, len(behind), schema, error)

    if jobs <= 1 or len(behind) <= 1:
        for done, schema in enumerate(behind, start=1):
            record(done, *schema_migrate(schema))
        return run
    connections.close_all()  # the workers open their own
    # Fresh interpreters (spawn): nothing of this process's connections or state is shared.
    # django.setup runs before the first task (whose module imports models) is unpickled.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(behind)), mp_context=context, initializer=django.setup
    ) as pool:
        futures = [pool.submit(schema_migrate, schema) for schema in behind]
        for done, future in enumerate(as_completed(futures), start=1):
            record(done, *future.result())
    return run
