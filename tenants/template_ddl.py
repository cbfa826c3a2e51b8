"""The template's DDL, read from catalog rows filtered to the template's namespace.

Deparsed with the search path set to the template alone, so its own objects come out
unqualified and everything in public (content types, pg_trgm, fuzzystrmatch) as
`public.…`; tenants/schema_clone.py replays it under the new schema's name. Anything
this module cannot reproduce faithfully raises TemplateNotCloneable, naming it.
"""

import re
from dataclasses import dataclass

from django.db import connection

from tenants.sql_names import qi
from tenants.template_grants import relation_grants, schema_grants


class TemplateNotCloneable(Exception):
    """The template holds something this module cannot reproduce faithfully."""


@dataclass(frozen=True)
class TemplateSnapshot:
    fingerprint: str
    before_rows: list[str]  # functions, sequences, tables
    copy_rows: list[str]  # INSERT … SELECT from the template, one per table
    set_sequences: str  # one SELECT setval(…) over every sequence, or ""
    after_rows: list[str]  # indexes, constraints, triggers, privileges on relations
    # The schema's own privileges as (grantee, "USAGE, …" [+ " WITH GRANT OPTION"]):
    # granted under the new schema's name, which the statements above never carry.
    schema_grants: tuple[tuple[str, str], ...] = ()

    @property
    def statement_count(self) -> int:
        return len(self.before_rows) + len(self.copy_rows) + len(self.after_rows) + 1


def read_template(cursor, template: str, fingerprint: str) -> TemplateSnapshot:
    """The statements that rebuild the template under another schema's name, in pg_dump's
    order: functions, sequences, tables (with their keys, unique and check constraints);
    the rows; the sequences' values; indexes, foreign keys, triggers."""
    cursor.execute("SELECT %s::regnamespace::oid", [qi(template)])
    (nsp,) = cursor.fetchone()
    cursor.execute("SELECT current_setting('server_version_num')::int")
    (server_version,) = cursor.fetchone()
    # Deparse relative to the template alone: its objects unqualified, the rest qualified.
    cursor.execute(f"SET search_path TO {qi(template)}")
    try:
        _refuse_what_cannot_be_cloned(cursor, nsp)
        functions = _functions(cursor, nsp, template)
        sequences = _sequences(cursor, nsp)
        inline, foreign_keys = _constraints(cursor, nsp)
        tables, copies = _tables(cursor, nsp, template, sequences, inline, server_version)
        after = _indexes(cursor, nsp, template) + foreign_keys + _triggers(cursor, nsp, template)
        after += relation_grants(cursor, nsp)
        grants = schema_grants(cursor, nsp)
    finally:
        connection.set_schema_to_public()
    standalone = [s for s in sequences.values() if s["identity_of"] is None]
    before = functions + [_create_sequence(s) for s in standalone] + tables
    before += [
        f"ALTER SEQUENCE {qi(s['name'])} OWNED BY {qi(s['owner_table'])}.{qi(s['owner_column'])}"
        for s in standalone
        if s["owner_table"]
    ]
    set_sequences = " UNION ALL ".join(
        f"SELECT setval({_literal(qi(s['name']))}, last_value, is_called) "  # noqa: S608
        f"FROM {qi(template)}.{qi(s['name'])}"  # identifiers quoted, from the catalog
        for s in sequences.values()
    )
    before, after = [_faithful(x) for x in before], [_faithful(x) for x in after]
    snapshot = TemplateSnapshot(fingerprint, before, copies, set_sequences, after, grants)
    qualified = qi(template) + "."
    for statement in [*before, *after]:
        if qualified in statement or f"{template}." in statement:
            raise TemplateNotCloneable(f"names the template schema itself: {statement[:200]}")
    return snapshot


# `status IN ('a', 'b')` on a varchar column is stored as `= ANY` over an array of varchar
# cast to text[]; PostgreSQL deparses it as `(ARRAY['a'::character varying, …])::text[]`,
# which reads back as an array of text (the cast goes inside). Naming the array's own type
# reads back as it was stored, so the clone's partial indexes and checks deparse exactly
# like the template's.
_ARRAY_CAST = re.compile(
    r"\(ARRAY\[((?:'(?:[^']|'')*'::([a-z][a-z ]*)(?:, )?)+)\]\)::([a-z][a-z ]*)\[\]"
)


def _faithful(sql: str) -> str:
    def fix(match: re.Match) -> str:
        elements, element_type, target = match.groups()
        if element_type == target or elements.count(f"::{element_type}") != elements.count("'::"):
            return match.group(0)
        return f"(ARRAY[{elements}]::{element_type}[])::{target}[]"

    return _ARRAY_CAST.sub(fix, sql)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _refuse_what_cannot_be_cloned(cursor, nsp: int) -> None:
    cursor.execute(
        """
        SELECT 'relation ' || relname || ' of kind ' || relkind::text FROM pg_class
         WHERE relnamespace = %(nsp)s AND relkind NOT IN ('r', 'i', 'S')
        UNION ALL
        SELECT 'row security or rules on ' || relname FROM pg_class
         WHERE relnamespace = %(nsp)s AND (relrowsecurity OR relhasrules OR relispartition
               OR relhassubclass OR relkind = 'r' AND relpersistence <> 'p')
        UNION ALL
        SELECT 'type ' || t.typname FROM pg_type t
         WHERE t.typnamespace = %(nsp)s AND t.typrelid = 0
           AND NOT (t.typcategory = 'A' AND EXISTS (SELECT FROM pg_type e
                    WHERE e.oid = t.typelem AND e.typrelid <> 0))
        UNION ALL
        SELECT 'aggregate or window function ' || proname FROM pg_proc
         WHERE pronamespace = %(nsp)s AND prokind NOT IN ('f', 'p')
        UNION ALL
        SELECT 'operator ' || oprname FROM pg_operator WHERE oprnamespace = %(nsp)s
        UNION ALL
        SELECT 'collation ' || collname FROM pg_collation WHERE collnamespace = %(nsp)s
        UNION ALL
        SELECT 'statistics ' || stxname FROM pg_statistic_ext WHERE stxnamespace = %(nsp)s
        UNION ALL
        SELECT 'comment on ' || c.relname FROM pg_description d
          JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
         WHERE c.relnamespace = %(nsp)s
        UNION ALL
        SELECT 'comment on ' || p.proname FROM pg_description d
          JOIN pg_proc p ON p.oid = d.objoid AND d.classoid = 'pg_proc'::regclass
         WHERE p.pronamespace = %(nsp)s
        UNION ALL
        SELECT 'privileges with a grantor other than the owner on ' || c.relname
          FROM pg_class c, aclexplode(c.relacl) a
         WHERE c.relnamespace = %(nsp)s AND a.grantor <> c.relowner
        """,
        {"nsp": nsp},
    )
    problems = [row[0] for row in cursor.fetchall()]
    if problems:
        raise TemplateNotCloneable(
            "The template holds what the clone cannot reproduce: " + "; ".join(problems[:10])
        )


def _functions(cursor, nsp: int, template: str) -> list[str]:
    cursor.execute(
        "SELECT pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = %s ORDER BY oid", [nsp]
    )
    statements = []
    for (definition,) in cursor.fetchall():
        header, _, body = definition.partition("\n")
        # pg_get_functiondef always names the function's schema; only its header does.
        for prefix in (f"FUNCTION {qi(template)}.", f"FUNCTION {template}."):
            header = header.replace(prefix, "FUNCTION ", 1)
        statements.append(header + "\n" + body)
    return statements


def _sequences(cursor, nsp: int) -> dict[int, dict]:
    cursor.execute(
        """
        SELECT s.seqrelid, c.relname, format_type(s.seqtypid, NULL), s.seqstart,
               s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
               d.deptype, t.relname, a.attname
          FROM pg_sequence s
          JOIN pg_class c ON c.oid = s.seqrelid
          LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid
               AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
          LEFT JOIN pg_class t ON t.oid = d.refobjid
          LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE c.relnamespace = %s
         ORDER BY c.relname
        """,
        [nsp],
    )
    sequences = {}
    for row in cursor.fetchall():
        oid, name, type_, start, inc, min_, max_, cache, cycle, deptype, table, column = row
        sequences[oid] = {
            "name": name,
            "type": type_,
            "options": (
                f"START WITH {start} INCREMENT BY {inc} MINVALUE {min_} "
                f"MAXVALUE {max_} CACHE {cache} {'CYCLE' if cycle else 'NO CYCLE'}"
            ),
            "identity_of": (table, column) if deptype == "i" else None,
            "owner_table": table if deptype == "a" else None,
            "owner_column": column if deptype == "a" else None,
        }
    return sequences


def _create_sequence(sequence: dict) -> str:
    return f"CREATE SEQUENCE {qi(sequence['name'])} AS {sequence['type']} {sequence['options']}"


def _tables(
    cursor, nsp, template, sequences, constraints, server_version
) -> tuple[list[str], list[str]]:
    not_null_names: dict[tuple[int, int], str] = {}
    if server_version >= 180000:  # NOT NULL constraints have names (and rows) since 18
        cursor.execute(
            """
            SELECT con.conrelid, con.conkey[1], con.conname FROM pg_constraint con
              JOIN pg_class c ON c.oid = con.conrelid
             WHERE c.relnamespace = %s AND con.contype = 'n'
            """,
            [nsp],
        )
        not_null_names = {(rel, num): name for rel, num, name in cursor.fetchall()}
    identity = {s["identity_of"]: s for s in sequences.values() if s["identity_of"]}
    cursor.execute(
        """
        SELECT c.oid, c.relname, c.reloptions, a.attnum, a.attname,
               format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
               a.attgenerated, pg_get_expr(d.adbin, d.adrelid),
               CASE WHEN a.attcollation <> ty.typcollation
                    THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END
          FROM pg_class c
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
          JOIN pg_type ty ON ty.oid = a.atttypid
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          LEFT JOIN pg_collation co ON co.oid = a.attcollation
          LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
         WHERE c.relnamespace = %s AND c.relkind = 'r'
         ORDER BY c.relname, a.attnum
        """,
        [nsp],
    )
    columns: dict[str, list] = {}
    options: dict[str, list | None] = {}
    for (
        oid,
        table,
        reloptions,
        attnum,
        name,
        type_,
        notnull,
        ident,
        generated,
        expr,
        coll,
    ) in cursor.fetchall():
        options[table] = reloptions
        parts = [qi(name), type_]
        if coll:
            parts.append(f"COLLATE {coll}")
        if generated:
            stored = "STORED" if generated == "s" else "VIRTUAL"
            parts.append(f"GENERATED ALWAYS AS ({expr}) {stored}")
        elif ident:
            sequence = identity[(table, name)]
            kind = "ALWAYS" if ident == "a" else "BY DEFAULT"
            parts.append(
                f"GENERATED {kind} AS IDENTITY "
                f"(SEQUENCE NAME {qi(sequence['name'])} {sequence['options']})"
            )
        elif expr is not None:
            parts.append(f"DEFAULT {expr}")
        if notnull:
            constraint = not_null_names.get((oid, attnum))
            parts.append(f"CONSTRAINT {qi(constraint)} NOT NULL" if constraint else "NOT NULL")
        columns.setdefault(table, []).append((name, bool(generated), ident == "a", " ".join(parts)))
    creates, copies = [], []
    for table, cols in columns.items():
        with_ = f" WITH ({', '.join(options[table])})" if options[table] else ""
        elements = [c[3] for c in cols] + constraints.get(table, [])
        creates.append(
            f"CREATE TABLE {qi(table)} (\n    " + ",\n    ".join(elements) + f"\n){with_}"
        )
        names = ", ".join(qi(c[0]) for c in cols if not c[1])
        overriding = " OVERRIDING SYSTEM VALUE" if any(c[2] for c in cols) else ""
        copies.append(
            f"INSERT INTO {qi(table)} ({names}){overriding} "  # noqa: S608
            f"SELECT {names} FROM {qi(template)}.{qi(table)}"
        )
    return creates, copies


def _unqualify_table(definition: str, template: str) -> str:
    """Index and trigger definitions always name their table with its schema (the
    non-pretty forms, whose expressions read back exactly as they were; the pretty ones
    drop parentheses that matter)."""
    for prefix in (f" ON {qi(template)}.", f" ON {template}."):
        if prefix in definition:
            return definition.replace(prefix, " ON ", 1)
    return definition


def _indexes(cursor, nsp: int, template: str) -> list[str]:
    """Indexes that no constraint owns (those come with their constraint)."""
    cursor.execute(
        """
        SELECT pg_get_indexdef(i.indexrelid), i.indisclustered, t.relname, x.relname
          FROM pg_index i
          JOIN pg_class t ON t.oid = i.indrelid
          JOIN pg_class x ON x.oid = i.indexrelid
         WHERE t.relnamespace = %s
           AND NOT EXISTS (SELECT FROM pg_constraint con WHERE con.conindid = i.indexrelid
                           AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
         ORDER BY x.relname
        """,
        [nsp],
    )
    statements = []
    for definition, clustered, table, index in cursor.fetchall():
        statements.append(_unqualify_table(definition, template))
        if clustered:
            statements.append(f"ALTER TABLE {qi(table)} CLUSTER ON {qi(index)}")
    return statements


def _constraints(cursor, nsp: int) -> tuple[dict[str, list[str]], list[str]]:
    """Primary keys, unique, check and exclusion constraints go inside CREATE TABLE
    (cheaper than ALTER TABLE each); foreign keys come after the rows, one ALTER per table."""
    cursor.execute(
        """
        SELECT c.relname, con.conname, pg_get_constraintdef(con.oid), con.contype
          FROM pg_constraint con
          JOIN pg_class c ON c.oid = con.conrelid
         WHERE c.relnamespace = %s AND con.contype IN ('p', 'u', 'c', 'x', 'f')
         ORDER BY c.relname, con.contype, con.conname
        """,
        [nsp],
    )
    inline: dict[str, list[str]] = {}
    foreign: dict[str, list[str]] = {}
    for table, name, definition, kind in cursor.fetchall():
        target = foreign if kind == "f" else inline
        target.setdefault(table, []).append(f"CONSTRAINT {qi(name)} {definition}")
    alters = [
        f"ALTER TABLE {qi(table)} " + ", ".join(f"ADD {c}" for c in constraints)
        for table, constraints in foreign.items()
    ]
    return inline, alters


def _triggers(cursor, nsp: int, template: str) -> list[str]:
    cursor.execute(
        """
        SELECT pg_get_triggerdef(t.oid), t.tgenabled, c.relname, t.tgname
          FROM pg_trigger t
          JOIN pg_class c ON c.oid = t.tgrelid
         WHERE c.relnamespace = %s AND NOT t.tgisinternal
         ORDER BY c.relname, t.tgname
        """,
        [nsp],
    )
    statements = []
    enabling = {"D": "DISABLE", "R": "ENABLE REPLICA", "A": "ENABLE ALWAYS"}
    for definition, enabled, table, name in cursor.fetchall():
        statements.append(_unqualify_table(definition, template))
        if enabled in enabling:
            statements.append(f"ALTER TABLE {qi(table)} {enabling[enabled]} TRIGGER {qi(name)}")
    return statements
