"""What one partner's schema is made of: its relations and their bytes by kind (tables,
indexes, toast, sequences) and by app (wagtail, casework, …), and the system catalogs'
share. `bench/tenants` prints it at each size; on its own it reads any schema:

    DATABASE_URL=… python -m bench.footprint [schema]     (default: _template)

Every relation is counted against the table it belongs to (an index its table's, a toast
table and its index the table whose long values they hold, a sequence the column it
numbers), and each table against the Django app whose model it is.
"""

import os
import sys
from collections import defaultdict

KINDS = ("table", "index", "unique index", "toast table", "toast index", "sequence", "other")

# Every relation of the schema, with the table it belongs to.
RELATIONS_SQL = """
WITH nsp AS (SELECT %(schema)s::regnamespace::oid AS oid),
tables AS (
  SELECT c.oid, c.reltoastrelid FROM pg_class c, nsp
   WHERE c.relnamespace = nsp.oid AND c.relkind IN ('r', 'p')
),
rel AS (
  SELECT oid, 'table' AS kind, oid AS owner FROM tables
  UNION ALL
  SELECT i.indexrelid, CASE WHEN i.indisunique THEN 'unique index' ELSE 'index' END, i.indrelid
    FROM pg_index i JOIN tables t ON t.oid = i.indrelid
  UNION ALL
  SELECT reltoastrelid, 'toast table', oid FROM tables WHERE reltoastrelid <> 0
  UNION ALL
  SELECT i.indexrelid, 'toast index', t.oid FROM tables t JOIN pg_index i ON i.indrelid = t.reltoastrelid
  UNION ALL
  SELECT s.oid, 'sequence', d.refobjid
    FROM pg_class s CROSS JOIN nsp
    LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
   WHERE s.relnamespace = nsp.oid AND s.relkind = 'S'
  UNION ALL
  SELECT c.oid, 'other', NULL FROM pg_class c, nsp
   WHERE c.relnamespace = nsp.oid AND c.relkind NOT IN ('r', 'p', 'i', 'I', 'S')
)
SELECT owner.relname, rel.kind, count(*), sum(pg_relation_size(rel.oid))
  FROM rel LEFT JOIN pg_class owner ON owner.oid = rel.owner
 GROUP BY 1, 2
"""

# Plain b-tree indexes whose key columns lead another plain b-tree index of the same table:
# a read can use the longer one, so each costs a page and its catalog rows for nothing.
LEADING_SQL = """
SELECT count(*), coalesce(sum(pg_relation_size(a.indexrelid)), 0)
  FROM pg_index a JOIN pg_class ac ON ac.oid = a.indexrelid
 WHERE ac.relnamespace = %(schema)s::regnamespace AND NOT a.indisunique
   AND a.indpred IS NULL AND a.indexprs IS NULL
   AND EXISTS (
     SELECT 1 FROM pg_index b JOIN pg_class bc ON bc.oid = b.indexrelid
      WHERE b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid AND bc.relam = ac.relam
        AND b.indpred IS NULL AND b.indexprs IS NULL AND b.indnkeyatts > a.indnkeyatts
        AND (b.indkey::int2[])[0:a.indnkeyatts - 1] = (a.indkey::int2[])[0:a.indnkeyatts - 1]
        AND (b.indclass::oid[])[0:a.indnkeyatts - 1] = (a.indclass::oid[])[0:a.indnkeyatts - 1])
"""

CATALOG_SQL = """
SELECT (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
         WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r'
           AND NOT c.relisshared),
       (SELECT count(*) FROM pg_namespace
         WHERE nspname LIKE 'partner\\_%%' OR nspname = '_template'),
       pg_database_size(current_database())
"""


def table_apps() -> dict[str, str]:
    from django.apps import apps

    return {
        model._meta.db_table: model._meta.app_label
        for model in apps.get_models(include_auto_created=True)
    }


def footprint(schema: str) -> dict:
    """{"kinds": {kind: [relations, bytes]}, "apps": {app: {kind: [relations, bytes]}},
    "leading_indexes": [n, bytes], "catalog_bytes": …, "schemas": …, "db_bytes": …}"""
    from django.db import connection

    owners = table_apps()
    kinds = {kind: [0, 0] for kind in KINDS}
    per_app: dict[str, dict[str, list[int]]] = defaultdict(lambda: {k: [0, 0] for k in KINDS})
    with connection.cursor() as cursor:
        cursor.execute(RELATIONS_SQL, {"schema": schema})
        for table, kind, count, size in cursor.fetchall():
            # A table of no model (none today) counts under its name's first word.
            app = owners.get(table) or (table or "(none)").split("_")[0]
            for bucket in (kinds[kind], per_app[app][kind]):
                bucket[0] += count
                bucket[1] += int(size or 0)
        cursor.execute(LEADING_SQL, {"schema": schema})
        leading = list(cursor.fetchone())
        cursor.execute(CATALOG_SQL)
        catalog_bytes, schemas, db_bytes = cursor.fetchone()
    return {
        "schema": schema,
        "kinds": kinds,
        "apps": dict(per_app),
        "leading_indexes": [int(leading[0]), int(leading[1])],
        "catalog_bytes": int(catalog_bytes or 0),
        "schemas": int(schemas),
        "db_bytes": int(db_bytes),
    }


def footprint_lines(figures: dict, top: int = 12) -> list[str]:
    kinds = figures["kinds"]
    relations = sum(n for n, _ in kinds.values())
    size = sum(b for _, b in kinds.values())
    lines = [
        f"footprint of {figures['schema']}: {relations} relations, {size / 2**20:.1f} MB",
        "  by kind: "
        + ", ".join(f"{kind} {n} ({b / 2**20:.2f} MB)" for kind, (n, b) in kinds.items() if n or b),
    ]
    apps = sorted(figures["apps"].items(), key=lambda item: -sum(b for _, b in item[1].values()))
    lines.append("  by app (relations, MB; tables/indexes/toast/sequences):")
    for app, by_kind in apps[:top]:
        n = sum(x for x, _ in by_kind.values())
        b = sum(x for _, x in by_kind.values())
        tables = by_kind["table"][0]
        indexes = by_kind["index"][0] + by_kind["unique index"][0]
        toast = by_kind["toast table"][0] + by_kind["toast index"][0]
        lines.append(
            f"    {app:<24} {n:>5} {b / 2**20:>6.2f}  "
            f"{tables}/{indexes}/{toast}/{by_kind['sequence'][0]}"
        )
    rest = apps[top:]
    if rest:
        n = sum(x for _, k in rest for x, _ in k.values())
        b = sum(x for _, k in rest for _, x in k.values())
        lines.append(f"    {len(rest)} other apps{'':<13} {n:>5} {b / 2**20:>6.2f}")
    count, leading = figures["leading_indexes"]
    lines.append(
        f"  plain indexes whose columns lead another index of their table: {count} "
        f"({leading / 2**20:.2f} MB)"
    )
    schemas = max(figures["schemas"], 1)
    lines.append(
        f"  system catalogs {figures['catalog_bytes'] / 2**20:.0f} MB "
        f"({figures['catalog_bytes'] / 2**20 / schemas:.2f} MB a schema over {schemas}); "
        f"database {figures['db_bytes'] / 2**20:.0f} MB "
        f"({figures['db_bytes'] / 2**20 / schemas:.2f} MB a schema)"
    )
    return lines


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    print("\n".join(footprint_lines(footprint(argv[0] if argv else "_template"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
