"""Reading another organisation's Open Referral UK feed (HSDS 3.0 services): the pages
of /services (Open Referral's page envelope, `contents` a list of services), full
service objects as /services/{id} gives them, or a list of either. Read strictly: a
feed with anything wrong is refused whole, each problem named by page, service and
field, so nothing is half-imported. Pure: no database."""

import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from tenants.models import ServiceStatus
from tenants.service_types import service_types as standard_taxonomy
from tenants.services.reference import district_normalise

MAX_SERVICES = 5000
MAX_PROBLEMS = 10
NAME_MAX = 200
ID_MAX = 200
# Longer published words are cut to what the directory keeps, not refused.
TEXT_MAX = {"description": 2000, "eligibility": 1000, "fees": 500, "how_to_access": 1000}


class FeedError(ValueError):
    """The feed is refused: `problems` name each thing wrong, in words."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class FeedService:
    feed_id: str
    name: str
    organisation_name: str
    description: str = ""
    eligibility: str = ""
    fees: str = ""
    how_to_access: str = ""
    status: str = ServiceStatus.ACTIVE
    url: str = ""
    email: str = ""
    phone: str = ""
    service_types: list[str] = field(default_factory=list)
    locations: list[dict] = field(default_factory=list)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _services_of(document, where: str, problems: list[str]):
    """(where, service) for each service object in one parsed document."""
    if isinstance(document, list):
        for n, item in enumerate(document, 1):
            yield from _services_of(item, f"{where}, item {n}", problems)
    elif isinstance(document, dict) and "contents" in document:
        contents = document["contents"]
        if not isinstance(contents, list):
            problems.append(f"{where}: “contents” is not a list of services.")
            return
        for n, item in enumerate(contents, 1):
            if not isinstance(item, dict):
                problems.append(f"{where}, service {n}: not a service object.")
            else:
                yield f"{where}, service {n}", item
    elif isinstance(document, dict) and ("id" in document or "name" in document):
        yield where, document
    else:
        problems.append(
            f"{where}: neither a page of services (with “contents”) nor a service "
            "(with “id” and “name”)."
        )


def _phone(service: dict) -> str:
    for source in [service, *(service.get("contacts") or [])]:
        if not isinstance(source, dict):
            continue
        for phone in source.get("phones") or []:
            if isinstance(phone, dict) and _text(phone.get("number")):
                return _text(phone["number"])[:30]
    return ""


def _service_types(service: dict) -> list[str]:
    """Terms of the standard taxonomy this directory knows, by their code; others are
    the feed's own and are left out."""
    known = {t.code for t in standard_taxonomy().terms}
    codes = []
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if isinstance(term, dict):
            code = _text(term.get("code") or term.get("term")).lower()
            if code in known and code not in codes:
                codes.append(code)
    return codes


def _locations(service: dict, where: str, problems: list[str]) -> list[dict]:
    places = []
    for n, sal in enumerate(service.get("service_at_locations") or [], 1):
        location = sal.get("location") if isinstance(sal, dict) else None
        if not isinstance(location, dict):
            continue
        address = next((a for a in location.get("addresses") or [] if isinstance(a, dict)), {})
        postcode = _text(address.get("postal_code"))
        if not postcode:
            continue  # a place with no postcode cannot be placed: left out
        try:
            district = district_normalise(postcode)
        except ValidationError:
            problems.append(f"{where}, place {n}: “{postcode[:20]}” is not a UK postcode.")
            continue
        compact = postcode.replace(" ", "").upper()
        places.append(
            {
                "name": (_text(location.get("name")) or _text(address.get("address_1")))[:200]
                or "Service location",
                "address": _text(address.get("address_1"))[:300],
                "city": _text(address.get("city"))[:100],
                "postcode": f"{compact[:-3]} {compact[-3:]}",
                "postcode_district": district,
            }
        )
    return places[:20]


def _service(raw: dict, where: str, feed_name: str, problems: list[str]) -> FeedService | None:
    before = len(problems)
    feed_id = raw.get("id")
    feed_id = str(feed_id).strip() if isinstance(feed_id, str | int) else ""
    if not feed_id:
        problems.append(f"{where}: the service has no “id”.")
    elif len(feed_id) > ID_MAX:
        problems.append(f"{where}: the “id” is longer than {ID_MAX} characters.")
    where = f"{where} (id “{feed_id[:40]}”)" if feed_id else where
    name = _text(raw.get("name"))
    if not name:
        problems.append(f"{where}: the service has no “name”.")
    elif len(name) > NAME_MAX:
        problems.append(f"{where}: the “name” is longer than {NAME_MAX} characters.")
    status = _text(raw.get("status")).lower() or ServiceStatus.ACTIVE
    if status not in ServiceStatus.values:
        problems.append(
            f"{where}: “status” is “{status[:30]}”, not one of {', '.join(ServiceStatus.values)}."
        )
    url = _text(raw.get("url"))
    if url:
        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError:
            problems.append(f"{where}: “url” is not a web address.")
    email = _text(raw.get("email"))
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            problems.append(f"{where}: “email” is not an email address.")
    locations = _locations(raw, where, problems)
    if len(problems) > before:
        return None
    organisation = raw.get("organization") if isinstance(raw.get("organization"), dict) else {}
    texts = {
        "description": _text(raw.get("description")),
        "eligibility": _text(raw.get("eligibility_description")),
        "fees": _text(raw.get("fees_description")) or _text(raw.get("fees")),
        "how_to_access": _text(raw.get("application_process")),
    }
    return FeedService(
        feed_id=feed_id,
        name=name,
        organisation_name=(_text(organisation.get("name")) or feed_name)[:200],
        status=status,
        url=url[:500],
        email=email,
        phone=_phone(raw),
        service_types=_service_types(raw),
        locations=locations,
        **{k: v[: TEXT_MAX[k]] for k, v in texts.items()},
    )


def feed_read(pages: list[tuple[str, bytes | str]], *, feed_name: str) -> list[FeedService]:
    """Every service in the pages ((label, JSON text) each), by the feed's id (a later
    copy of the same id wins). Raises FeedError naming the problems (at most
    MAX_PROBLEMS of them) when anything is wrong."""
    problems: list[str] = []
    found: dict[str, FeedService] = {}
    for label, text in pages:
        try:
            document = json.loads(text)
        except (ValueError, UnicodeDecodeError) as exc:
            problems.append(f"{label}: not JSON ({exc.__class__.__name__}: {exc}).")
            continue
        for where, raw in _services_of(document, label, problems):
            service = _service(raw, where, feed_name, problems)
            if service is not None:
                found[service.feed_id] = service
            if len(problems) >= MAX_PROBLEMS:
                break
    if not problems and not found:
        problems.append("The feed holds no services.")
    if len(found) > MAX_SERVICES:
        problems.append(f"The feed holds more than {MAX_SERVICES} services: split it.")
    if problems:
        raise FeedError(problems[:MAX_PROBLEMS])
    return list(found.values())
