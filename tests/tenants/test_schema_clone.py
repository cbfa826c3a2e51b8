"""A partner cloned from the template is the template: the same tables, columns (types,
defaults, generated expressions, identity), indexes, constraints, triggers, functions,
sequences (and their values) and rows. And the clone costs the same however many
partners exist: once the template's DDL is known, it reads no catalog at all."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context

from tenants import schema_clone
from tenants.services import partner_create
from tests.tenants.accounts.helpers import make_user

# DDL and migrations: the owner's work (CASEBRIDGE_TEST_AS_APP leaves these with it).
pytestmark = pytest.mark.owner_role

TEMPLATE = settings.TENANT_BASE_SCHEMA


def _rows(cursor, sql, params=()):
    cursor.execute(sql, params)
    return cursor.fetchall()


def describe_schema(schema: str, *, with_rows: bool = True) -> dict:
    """Everything about a schema's structure, deparsed relative to the schema itself (so
    two schemas compare equal when they differ only in name)."""
    with connection.cursor() as cursor:
        cursor.execute(f'SET search_path TO "{schema}"')
        cursor.execute("SELECT %s::regnamespace::oid", [f'"{schema}"'])
        (nsp,) = cursor.fetchone()
        d = {}
        d["relations"] = _rows(
            cursor,
            """SELECT relname, relkind, relpersistence, reloptions, relacl::text,
                      relrowsecurity, relreplident
                 FROM pg_class WHERE relnamespace = %s ORDER BY relname""",
            [nsp],
        )
        # Tables' columns (an index's own column names are internal: pg_dump does not keep
        # them either, and after a column is renamed they still carry the old name).
        d["columns"] = _rows(
            cursor,
            """SELECT c.relname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
                      a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                      a.attidentity, a.attgenerated, pg_get_expr(ad.adbin, ad.adrelid),
                      a.attcollation, a.attstorage, a.attstattarget
                 FROM pg_class c
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
                      AND NOT a.attisdropped
                 LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
                WHERE c.relnamespace = %s AND c.relkind = 'r' ORDER BY 1, 2""",
            [nsp],
        )
        d["constraints"] = _rows(
            cursor,
            """SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid),
                      con.condeferrable, con.condeferred, con.convalidated
                 FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
                WHERE c.relnamespace = %s ORDER BY 1, 2""",
            [nsp],
        )
        d["indexes"] = _rows(
            cursor,
            """SELECT x.relname, pg_get_indexdef(i.indexrelid), i.indisclustered,
                      i.indisvalid, i.indisprimary, i.indisunique
                 FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
                WHERE x.relnamespace = %s ORDER BY 1""",
            [nsp],
        )
        d["triggers"] = _rows(
            cursor,
            """SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled,
                      t.tgisinternal, t.tgdeferrable, t.tginitdeferred
                 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = %s AND NOT t.tgisinternal ORDER BY 1, 2""",
            [nsp],
        )
        # Foreign keys' internal triggers: as many, on the same tables.
        d["internal_triggers"] = _rows(
            cursor,
            """SELECT c.relname, count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = %s AND t.tgisinternal GROUP BY 1 ORDER BY 1""",
            [nsp],
        )
        d["functions"] = [
            (name, re.sub(r"FUNCTION \S+?\.", "FUNCTION ", definition, count=1))
            for name, definition in _rows(
                cursor,
                """SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p
                    WHERE p.pronamespace = %s ORDER BY 1""",
                [nsp],
            )
        ]
        sequences = _rows(
            cursor,
            """SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                      s.seqmin, s.seqmax, s.seqcache, s.seqcycle, d.deptype, t.relname,
                      a.attname
                 FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid
                 LEFT JOIN pg_depend d ON d.objid = s.seqrelid AND d.deptype IN ('a', 'i')
                      AND d.classid = 'pg_class'::regclass
                 LEFT JOIN pg_class t ON t.oid = d.refobjid
                 LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                WHERE c.relnamespace = %s ORDER BY 1""",
            [nsp],
        )
        # A sequence's position is data, like the rows: compared only with them (a new
        # partner's own first rows, written after the clone, move it).
        d["sequences"] = [
            (*row, *_rows(cursor, f'SELECT last_value, is_called FROM "{row[0]}"')[0])  # noqa: S608
            if with_rows
            else row
            for row in sequences
        ]
        if with_rows:
            tables = [r[0] for r in d["relations"] if r[1] == "r"]
            d["rows"] = [
                (
                    table,
                    *_rows(
                        cursor,
                        f"SELECT count(*), md5(string_agg(t::text, E'\\n' ORDER BY t::text)) "  # noqa: S608
                        f'FROM "{table}" t',
                    )[0],
                )
                for table in tables
            ]
    connection.set_schema_to_public()
    # Index and trigger definitions (non-pretty: exact) name their table's schema.
    for part in ("indexes", "triggers"):
        d[part] = [
            tuple(v.replace(f" ON {schema}.", " ON ") if isinstance(v, str) else v for v in row)
            for row in d[part]
        ]
    return d


def assert_same(template: dict, clone: dict) -> None:
    assert template.keys() == clone.keys()
    for part in template:
        missing = sorted(set(template[part]) - set(clone[part]), key=str)
        extra = sorted(set(clone[part]) - set(template[part]), key=str)
        assert (missing, extra) == ([], []), (
            f"{part} differ: template only {missing[:5]}, clone only {extra[:5]}"
        )


@pytest.fixture
def cloned(db):
    connection.set_schema_to_public()
    schema_clone.clone_schema(template=TEMPLATE, new_schema="clone_check")
    return "clone_check"


def test_the_template_is_not_empty(db):
    """Guards the comparisons below: they would pass vacuously on two empty schemas."""
    template = describe_schema(TEMPLATE)
    assert len(template["relations"]) > 500
    assert len(template["triggers"]) > 50
    assert len(template["functions"]) > 10
    assert any(r[6] == "s" for r in template["columns"])  # the generated search names
    assert any(table == "wagtailcore_page" and count > 0 for table, count, _ in template["rows"])


def test_a_clone_is_identical_to_the_template(cloned):
    assert_same(describe_schema(TEMPLATE), describe_schema(cloned))


def test_a_new_partner_has_the_template_structure(db):
    """Through the real service (which then prunes roles to the partner's kind, so its rows
    differ from the template's; its structure may not)."""
    partner = partner_create(actor=None, name="Omicron Borough", slug="omicron", kind="borough")
    assert_same(
        describe_schema(TEMPLATE, with_rows=False),
        describe_schema(partner.schema_name, with_rows=False),
    )


def test_the_clone_copies_rows_before_the_triggers_exist(cloned):
    """Copying the template's rows records no history and trips no append-only guard."""
    template = dict((t, n) for t, n, _ in describe_schema(TEMPLATE)["rows"])
    clone = dict((t, n) for t, n, _ in describe_schema(cloned)["rows"])
    events = [t for t in clone if t.endswith("event")]
    assert events and all(clone[t] == template[t] for t in events)


def test_a_clone_works_as_a_partner(cloned):
    """Identity columns continue after the template's rows; generated columns compute;
    history triggers fire; the append-only guard holds."""
    from django.db import DatabaseError, transaction

    from casework.models import Contact, ContactEvent, ContactKind
    from casework.services.contacts import contact_create
    from tenants.accounts.models import AuditEntry

    with schema_context(cloned):
        user = make_user(role_key="practitioner")
        assert user.pk > 0
        contact = contact_create(
            actor=user,
            kind=ContactKind.CHILD,
            first_name="Ada",
            last_name="Lovelace",
            date_of_birth=date(2022, 1, 1),
        )
        assert Contact.objects.values_list("search_name", flat=True).get(pk=contact.pk) == (
            "Ada Lovelace"
        )
        assert ContactEvent.objects.filter(pgh_obj=contact).count() == 1  # the insert trigger
        entry = AuditEntry.objects.create(action="test", partner_schema=cloned)
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEntry.objects.filter(pk=entry.pk).update(detail="rewritten")


def test_once_the_ddl_is_known_a_clone_reads_no_catalog(db):
    """What made the old clone slow with many partners was catalog reads across every
    schema: the cached clone reads none, so its cost cannot depend on them."""
    from django.test.utils import CaptureQueriesContext

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        schema_clone.snapshot_for(cursor, TEMPLATE)
    with CaptureQueriesContext(connection) as captured:
        schema_clone.clone_schema(template=TEMPLATE, new_schema="clone_flat")
    statements = [q["sql"] for q in captured.captured_queries]
    assert len(statements) <= 12
    catalog_reads = [
        s
        for s in statements
        if re.search(
            r"\bpg_(class|attribute|constraint|index|trigger|proc|namespace|depend)\b|information_schema",
            s,
        )
    ]
    assert catalog_reads == []


def test_a_new_migration_state_rebuilds_the_ddl(db):
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        before = schema_clone.snapshot_for(cursor, TEMPLATE)
        cursor.execute(
            f'CREATE TABLE "{TEMPLATE}".clone_probe (id bigint PRIMARY KEY);'
            f'INSERT INTO "{TEMPLATE}".django_migrations (app, name, applied) '
            "VALUES ('tenants', '9999_clone_probe', now())"
        )
        after = schema_clone.snapshot_for(cursor, TEMPLATE)
    assert after.fingerprint != before.fingerprint
    assert any('"clone_probe"' in statement for statement in after.before_rows)
    assert not any('"clone_probe"' in statement for statement in before.before_rows)
    schema_clone.snapshots_forget()  # the probe is rolled back with the test


def test_what_cannot_be_cloned_is_refused_by_name(db):
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE VIEW "{TEMPLATE}".clone_probe_view AS SELECT 1 AS one;'
            f'INSERT INTO "{TEMPLATE}".django_migrations (app, name, applied) '
            "VALUES ('tenants', '9999_clone_probe_view', now())"
        )
        with pytest.raises(schema_clone.TemplateNotCloneable, match="clone_probe_view"):
            schema_clone.snapshot_for(cursor, TEMPLATE)
    schema_clone.snapshots_forget()
