"""The default manual every partner starts with (it is seeded into the template schema).
Written for Casebridge's own screens; each partner's editors adapt their copy.

Chapters and topics are plain data here; cms.services.seed turns them into pages.
Bodies are StreamField data (see cms.blocks); "related" blocks name topics by
"chapter-slug/topic-slug" and are resolved to pages when seeded.
"""

import uuid
from dataclasses import dataclass, field

from tenants.accounts import capabilities as cap
from tenants.accounts.roles import PARTNER_ROLES


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    help_keys: tuple[str, ...]
    body: list[dict]
    for_roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    summary: str
    topics: list[Topic] = field(default_factory=list)
    for_roles: tuple[str, ...] = ()


# --- who a page is for, from the role definitions (never a hand-kept list) -------------


def roles_with(permission: str, *, kinds: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every kind's roles (or only `kinds`) whose rights include `permission`, as the
    "kind:key" names pages are targeted with."""
    refs = set()
    for spec in PARTNER_ROLES:
        if permission in spec.permissions or permission in spec.default_privileges:
            refs |= {f"{kind}:{spec.key}" for kind in spec.kinds if not kinds or kind in kinds}
    return tuple(sorted(refs))


def roles_of_kind(kind: str) -> tuple[str, ...]:
    return tuple(sorted(f"{kind}:{spec.key}" for spec in PARTNER_ROLES if kind in spec.kinds))


def without(refs: tuple[str, ...], *keys: str) -> tuple[str, ...]:
    return tuple(ref for ref in refs if ref.split(":", 1)[1] not in keys)


CHAMPIONS = roles_with(cap.MANAGE_USERS)
ROLE_KEEPERS = roles_with(cap.MANAGE_ROLES)
INTEGRATORS = roles_with(cap.USE_API)


# --- body blocks ------------------------------------------------------------------------


def _block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _rich(*parts) -> str:
    """Paragraphs from strings (which may hold inline HTML: <strong>, <em>); a list or
    tuple becomes a bulleted list."""
    html = []
    for part in parts:
        if isinstance(part, list | tuple):
            html.append("<ul>" + "".join(f"<li>{item}</li>" for item in part) + "</ul>")
        else:
            html.append(f"<p>{part}</p>")
    return "".join(html)


def heading(text: str) -> dict:
    return _block("heading", text)


def text(*parts) -> dict:
    return _block("paragraph", _rich(*parts))


def steps(*items: str) -> dict:
    return _block(
        "steps",
        [
            {
                "type": "item",
                "value": {"text": _rich(item), "image": None, "image_alt": ""},
                "id": str(uuid.uuid4()),
            }
            for item in items
        ],
    )


def callout(kind: str, title: str, *parts) -> dict:
    return _block("callout", {"kind": kind, "title": title, "text": _rich(*parts)})


def definitions(*pairs: tuple[str, str]) -> dict:
    return _block(
        "definitions",
        [
            {
                "type": "item",
                "value": {"term": term, "definition": _rich(meaning)},
                "id": str(uuid.uuid4()),
            }
            for term, meaning in pairs
        ],
    )


def related(*paths: str) -> dict:
    return _block("related", list(paths))


def default_manual() -> list[Chapter]:
    from cms.default_manual import (
        casework,
        everyday,
        getting_started,
        people,
        referrals,
        retention,
        safeguarding,
    )

    start = getting_started.CHAPTER
    return [
        Chapter(
            slug=start.slug,
            title=start.title,
            summary=start.summary,
            topics=[
                *start.topics,
                everyday.TASKS,
                everyday.HISTORY,
                everyday.REPORTS,
                everyday.SUBJECT_ACCESS,
                everyday.CONSENT_REVIEWS,
                retention.RETENTION,
            ],
            for_roles=start.for_roles,
        ),
        Chapter(
            slug="family-centres",
            title="Family centres",
            summary="Contacts and households, engagements, deliveries, consultations, "
            "safeguarding and closing work.",
            topics=[
                *casework.TOPICS,
                *safeguarding.TOPICS,
                casework.CLOSING,
                *casework.MANAGING,
            ],
            for_roles=without(roles_of_kind("family_centre"), "integrator"),
        ),
        referrals.CHAPTER,
        Chapter(
            slug="boroughs-and-providers",
            title="Boroughs and providers",
            summary="Customers, their interest in support, and referrals to providers.",
            topics=[everyday.CUSTOMERS, everyday.JOURNEY],
            for_roles=tuple(
                sorted(set(roles_with(cap.REFER_CUSTOMERS)) | set(roles_with(cap.RECORD_OUTCOMES)))
            ),
        ),
        Chapter(
            slug=people.CHAMPIONS_CHAPTER.slug,
            title=people.CHAMPIONS_CHAPTER.title,
            summary=people.CHAMPIONS_CHAPTER.summary,
            topics=[*people.CHAMPIONS_CHAPTER.topics, everyday.TRAINING],
            for_roles=people.CHAMPIONS_CHAPTER.for_roles,
        ),
        people.INTEGRATORS_CHAPTER,
    ]
