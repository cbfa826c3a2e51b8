"""The two taxonomies the directory publishes: Casebridge's referral types (each one a
term) and the standard taxonomy shipped as data. Their ids are derived, so they are the
same on every deployment and stay put when a term is renamed."""

import uuid
from dataclasses import dataclass

from referrals.types import REFERRAL_TYPES
from tenants.service_types import service_types

# Fixed namespace for every derived id the directory publishes.
NAMESPACE = uuid.UUID("5c1f0a4e-2b7d-4f43-9a55-0c8e3d9b7a21")
REFERRAL_TYPES_KEY = "casebridge-referral-types"


def derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


@dataclass(frozen=True)
class PublishedTerm:
    id: str
    taxonomy_key: str
    code: str
    name: str
    description: str
    parent_code: str | None


@dataclass(frozen=True)
class PublishedTaxonomy:
    id: str
    key: str
    name: str
    description: str
    uri: str
    version: str
    terms: tuple[PublishedTerm, ...]


def term_id(taxonomy_key: str, code: str) -> str:
    return derived_id("term", taxonomy_key, code)


def taxonomies() -> tuple[PublishedTaxonomy, ...]:
    referral = PublishedTaxonomy(
        id=derived_id("taxonomy", REFERRAL_TYPES_KEY),
        key=REFERRAL_TYPES_KEY,
        name="Casebridge referral types",
        description="The kinds of referral a service accepts through Casebridge.",
        uri="",
        version="1",
        terms=tuple(
            PublishedTerm(
                id=term_id(REFERRAL_TYPES_KEY, key),
                taxonomy_key=REFERRAL_TYPES_KEY,
                code=key,
                name=spec.label,
                description=f"Accepts {spec.label.lower()} referrals.",
                parent_code=None,
            )
            for key, spec in REFERRAL_TYPES.items()
        ),
    )
    standard = service_types()
    shipped = PublishedTaxonomy(
        id=derived_id("taxonomy", standard.key),
        key=standard.key,
        name=standard.name,
        description=standard.description,
        uri=standard.uri,
        version=standard.version,
        terms=tuple(
            PublishedTerm(
                id=term_id(standard.key, t.code),
                taxonomy_key=standard.key,
                code=t.code,
                name=t.name,
                description=t.description,
                parent_code=t.parent,
            )
            for t in standard.terms
        ),
    )
    return (referral, shipped)


def terms_by_id() -> dict[str, PublishedTerm]:
    return {t.id: t for tax in taxonomies() for t in tax.terms}


def taxonomy_of(term: PublishedTerm) -> PublishedTaxonomy:
    return next(t for t in taxonomies() if t.key == term.taxonomy_key)
