"""The template's grants, read from the catalog so a clone gets the same: on its tables
and sequences (the application role's SELECT and INSERT only on append-only tables,
tools/db_roles.py) and on the schema itself. Part of tenants/template_ddl.py's snapshot."""

from tenants.sql_names import qi

# Privileges on a relation as aclexplode names them, in GRANT's order.
RIGHTS_ORDER = [
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "TRUNCATE",
    "REFERENCES",
    "TRIGGER",
    "MAINTAIN",
    "USAGE",
]


def grantee_sql(oid: int, name: str | None) -> str:
    """A grantee as GRANT names it (oid 0 is PUBLIC)."""
    return "PUBLIC" if oid == 0 else qi(name)


def relation_grants(cursor, nsp: int) -> list[str]:
    """The template's grants on its tables and sequences to roles other than their owner
    (the application role: SELECT and INSERT only on append-only tables,
    tools/db_roles.py). The clone's relations may already hold default privileges, so each
    grantee's are revoked first, then granted exactly as in the template, grouped."""
    cursor.execute(
        """
        SELECT c.relname, c.relkind = 'S', a.grantee, r.rolname, a.privilege_type,
               a.is_grantable
          FROM pg_class c
         CROSS JOIN LATERAL aclexplode(c.relacl) a
          LEFT JOIN pg_roles r ON r.oid = a.grantee
         WHERE c.relnamespace = %s AND c.relkind IN ('r', 'S') AND a.grantee <> c.relowner
         ORDER BY c.relname
        """,
        [nsp],
    )
    rights: dict[tuple[str, bool, str], dict[str, set]] = {}
    for table, is_sequence, oid, name, privilege, grantable in cursor.fetchall():
        per_table = rights.setdefault((table, is_sequence, grantee_sql(oid, name)), {})
        per_table.setdefault(grantable, set()).add(privilege)
    if not rights:
        return []
    statements = []
    grantees = sorted({grantee for _, _, grantee in rights})
    for is_sequence, keyword in ((False, "TABLE"), (True, "SEQUENCE")):
        names = sorted({t for t, seq, _ in rights if seq == is_sequence})
        if names:
            statements.append(
                f"REVOKE ALL ON {keyword} {', '.join(qi(n) for n in names)} "
                f"FROM {', '.join(grantees)}"
            )
    groups: dict[tuple[str, str, str, bool], list[str]] = {}
    for (table, is_sequence, grantee), by_option in rights.items():
        for grantable, privileges in by_option.items():
            listed = ", ".join(p for p in RIGHTS_ORDER if p in privileges)
            keyword = "SEQUENCE" if is_sequence else "TABLE"
            groups.setdefault((keyword, listed, grantee, grantable), []).append(qi(table))
    for (keyword, listed, grantee, grantable), tables in sorted(groups.items()):
        option = " WITH GRANT OPTION" if grantable else ""
        statements.append(f"GRANT {listed} ON {keyword} {', '.join(tables)} TO {grantee}{option}")
    return statements


def schema_grants(cursor, nsp: int) -> tuple[tuple[str, str], ...]:
    """The schema's own privileges as (grantee, "USAGE, …" [+ " WITH GRANT OPTION"]), to
    be granted under the new schema's name."""
    cursor.execute(
        """
        SELECT a.grantee, r.rolname, string_agg(a.privilege_type, ', ' ORDER BY
               a.privilege_type), a.is_grantable
          FROM pg_namespace n
         CROSS JOIN LATERAL aclexplode(n.nspacl) a
          LEFT JOIN pg_roles r ON r.oid = a.grantee
         WHERE n.oid = %s AND a.grantee <> n.nspowner
         GROUP BY a.grantee, r.rolname, a.is_grantable
         ORDER BY r.rolname
        """,
        [nsp],
    )
    return tuple(
        (grantee_sql(oid, name), listed + (" WITH GRANT OPTION" if grantable else ""))
        for oid, name, listed, grantable in cursor.fetchall()
    )
