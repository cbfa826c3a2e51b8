"""What /oruk/ may show, and its query parameters read strictly: a bad value is refused
with a message naming the parameter and the rule, never guessed at and never a 500."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_date, parse_datetime
from django_tenants.utils import get_public_schema_name, schema_context

from tenants.models import ORGANISATION_KINDS, DirectoryEntry, DirectoryLocation, Region
from tenants.services.reference import district_normalise, region_for

from .taxonomies import REFERRAL_TYPES_KEY, taxonomies, terms_by_id

PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 100
# Open Referral's filters this directory cannot answer truthfully: refused, not ignored,
# so a client never takes an unfiltered list for a filtered one.
NOT_SUPPORTED = {
    "proximity": "this directory has no map coordinates: give a postcode alone to find "
    "services that cover it",
    "minimum_age": "services here do not state ages",
    "maximum_age": "services here do not state ages",
    "start_time": "services here give opening hours as words, not times",
    "end_time": "services here give opening hours as words, not times",
    "day": "services here give opening hours as words, not days",
    "format": "only JSON is offered",
}


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class Page:
    number: int
    per_page: int


def published_entries() -> QuerySet:
    """Entries of real organisations that are open: never a training copy (its people
    are made up), an archived partner, the platform or the template."""
    return DirectoryEntry.objects.filter(
        partner__is_active=True,
        partner__archived_at__isnull=True,
        partner__training_of__isnull=True,
        partner__kind__in=ORGANISATION_KINDS,
    ).select_related("partner")


def _whole_number(params, name: str, default: int, low: int, high: int | None) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(name, f"{name} must be a whole number, like 1.") from None
    if value < low or (high is not None and value > high):
        rule = f"between {low} and {high}" if high is not None else f"{low} or more"
        raise BadParameter(name, f"{name} must be {rule}.")
    return value


def page_of(params) -> Page:
    return Page(
        number=_whole_number(params, "page", 1, 1, 100_000),
        per_page=_whole_number(params, "per_page", PER_PAGE_DEFAULT, 1, PER_PAGE_MAX),
    )


def refuse_unsupported(params) -> None:
    for name, why in NOT_SUPPORTED.items():
        if params.get(name):
            raise BadParameter(name, f"{name} is not supported: {why}.")


def _text_filter(params) -> Q:
    text = (params.get("text") or params.get("search") or "").strip()
    if len(text) > 100:
        raise BadParameter("text", "text must be 100 characters or fewer.")
    if not text:
        return Q()
    return (
        Q(name__icontains=text)
        | Q(description__icontains=text)
        | Q(eligibility__icontains=text)
        | Q(partner__name__icontains=text)
    )


def _taxonomy_filter(params) -> Q:
    query = Q()
    raw = params.get("taxonomy_term_id")
    if raw:
        term = terms_by_id().get(_uuid_text(raw, "taxonomy_term_id"))
        if term is None:
            raise BadParameter(
                "taxonomy_term_id", "taxonomy_term_id is not a term here: see /oruk/taxonomy_terms."
            )
        if term.taxonomy_key == REFERRAL_TYPES_KEY:
            query &= Q(referral_types__contains=[term.code])
        else:
            # A category finds its narrower terms' services too.
            codes = [term.code] + [
                t.code for t in terms_by_id().values() if t.parent_code == term.code
            ]
            query &= Q(service_types__overlap=codes)
    raw = params.get("taxonomy_id")
    if raw:
        key = {t.id: t.key for t in taxonomies()}.get(_uuid_text(raw, "taxonomy_id"))
        if key is None:
            raise BadParameter(
                "taxonomy_id", "taxonomy_id is not a taxonomy here: see /oruk/taxonomies."
            )
        field = "referral_types" if key == REFERRAL_TYPES_KEY else "service_types"
        query &= ~Q(**{field: []})
    return query


def _uuid_text(raw: str, name: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadParameter(
            name, f"{name} must be an id like 3fa85f64-5717-4562-b3fc-2c963f66afa6."
        ) from None


def _area_filter(params) -> Q:
    """A postcode (or district) finds services whose area covers it (its district, its
    region or the whole UK) or that have a place in that district."""
    name = "postcode" if params.get("postcode") else "district"
    raw = (params.get(name) or "").strip()
    if not raw:
        return Q()
    try:
        district = district_normalise(raw)
    except ValidationError:
        raise BadParameter(
            name, f"{name} must be a UK postcode or postcode district, like M1 1AE or M1."
        ) from None
    if district == "UK":
        return Q()
    region = region_for(district)
    cover = Q(districts__contains=[district]) | Q(regions__contains=[Region.UNITED_KINGDOM])
    if region:
        cover |= Q(regions__contains=[region])
    places = DirectoryLocation.objects.filter(postcode_district=district).values("entry_id")
    return cover | Q(pk__in=places)


def _modified_filter(params) -> Q:
    raw = (params.get("modified_after") or "").strip()
    if not raw:
        return Q()
    moment = None
    try:
        moment = parse_datetime(raw.replace(" ", "+"))  # a '+' arrives as a space
        if moment is None and (day := parse_date(raw)) is not None:
            moment = datetime.combine(day, time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter(
            "modified_after",
            "modified_after must be a date and time, like 2026-12-01T09:00:00Z or 2026-12-01.",
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return Q(updated_at__gte=moment)


def services_matching(params) -> QuerySet:
    """Published entries matching every filter given, by name. Reads public."""
    refuse_unsupported(params)
    with schema_context(get_public_schema_name()):
        query = (
            _text_filter(params)
            & _taxonomy_filter(params)
            & _area_filter(params)
            & _modified_filter(params)
        )
    return published_entries().filter(query).order_by("name", "pk")


def service_by_id(raw: str) -> DirectoryEntry | None:
    try:
        public_id = uuid.UUID(raw)
    except ValueError:
        return None
    return published_entries().prefetch_related("locations").filter(public_id=public_id).first()


def places_matching(params) -> QuerySet:
    entries = services_matching(params)
    return (
        DirectoryLocation.objects.filter(entry__in=entries.values("pk"))
        .select_related("entry__partner")
        .order_by("entry__name", "entry_id", "position", "pk")
    )
