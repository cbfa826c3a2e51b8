"""The standard taxonomy of service types shipped as data (tenants/data/service_types.json:
Open Eligibility's human-services categories). Directory entries name its terms by code."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "service_types.json"


@dataclass(frozen=True)
class Term:
    code: str
    name: str
    description: str
    parent: str | None


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str
    description: str
    uri: str
    version: str
    terms: tuple[Term, ...]

    def term(self, code: str) -> Term | None:
        return next((t for t in self.terms if t.code == code), None)


@cache
def service_types() -> Taxonomy:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return Taxonomy(
        key=data["key"],
        name=data["name"],
        description=data["description"],
        uri=data["uri"],
        version=data["version"],
        terms=tuple(Term(**t) for t in data["terms"]),
    )


def service_type_choices() -> list[tuple[str, str]]:
    """Second-level terms under their category, for a form: ("food-pantry", "Food: Food bank")."""
    taxonomy = service_types()
    names = {t.code: t.name for t in taxonomy.terms}
    return [
        (t.code, f"{names[t.parent]}: {t.name}" if t.parent else t.name) for t in taxonomy.terms
    ]
