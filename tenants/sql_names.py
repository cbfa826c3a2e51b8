"""Names in SQL built from the catalog (schemas, tables, roles): always quoted."""


def qi(name: str) -> str:
    """Quote an identifier, always (PostgreSQL's quote_ident quotes only when needed)."""
    return '"' + name.replace('"', '""') + '"'
