"""External services: other organisations' services imported from their Open Referral
UK feeds into the directory (public schema). They have no Casebridge partner, so they
are signposted to and referred to by the email and phone they carry, until the
organisation joins and a platform manager links them to its partner. A feed is read
whole before anything is written (referrals.oruk.feed) and written in one transaction,
updating services by the feed's ids."""

import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_tenants.utils import get_public_schema_name, schema_context

from referrals.oruk.feed import FeedError, FeedService, feed_read
from tenants import policy
from tenants.accounts.services.audit import audit_record
from tenants.directory_cache import published_directory_changed
from tenants.models import DirectoryEntry, DirectoryLocation, Partner
from tenants.services.reference import region_for

FEED_NAME_MAX = 100
FILE_MAX_BYTES = 20 * 1024 * 1024
FETCH_PAGES_MAX = 200
FETCH_TIMEOUT = 30
_FIELDS = (
    "name",
    "organisation_name",
    "description",
    "eligibility",
    "fees",
    "how_to_access",
    "status",
    "url",
    "email",
    "phone",
    "service_types",
)


_PLACE_FIELDS = ("name", "address", "city", "postcode", "postcode_district", "region")


@dataclass(frozen=True)
class ImportResult:
    feed: str
    added: int
    updated: int
    unchanged: int
    linked: int  # already linked to a partner: the partner keeps them now

    def __str__(self):
        text = (
            f"{self.feed}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        )
        if self.linked:
            text += f", {self.linked} left as their partners keep them"
        return text + "."


def _feed_name_clean(feed: str) -> str:
    feed = (feed or "").strip()
    if not feed:
        raise ValidationError({"feed": "Enter the feed's name, like “Northmoor Council”."})
    if len(feed) > FEED_NAME_MAX:
        raise ValidationError({"feed": f"Keep the name to {FEED_NAME_MAX} characters or fewer."})
    return feed


def directory_feed_import(*, actor, feed: str, pages: list[tuple[str, bytes]]) -> ImportResult:
    """A platform manager imports a feed saved as files ((file name, JSON) each). The
    whole feed is refused, naming what is wrong, when any part of it is malformed."""
    if not policy.can_keep_reference_data(actor):
        raise PermissionDenied("Only platform managers import feeds.")
    return _import(actor=actor, feed=_feed_name_clean(feed), pages=pages)


def directory_feed_import_by_platform(*, feed: str, pages: list[tuple[str, bytes]]) -> ImportResult:
    """The same import with no person acting, for the platform's own callers: beat's
    nightly feeds and the demo's made-up council."""
    return _import(actor=None, feed=_feed_name_clean(feed), pages=pages)


def _import(*, actor, feed: str, pages) -> ImportResult:
    try:
        services = feed_read(pages, feed_name=feed)
    except FeedError as exc:
        raise ValidationError({"file": exc.problems}) from exc
    counts = {"added": 0, "updated": 0, "unchanged": 0, "linked": 0}
    with transaction.atomic(), schema_context(get_public_schema_name()):
        existing = {
            e.feed_id: e
            for e in DirectoryEntry.objects.select_for_update(of=("self",))
            .filter(feed=feed, feed_id__in=[s.feed_id for s in services])
            .prefetch_related("locations")
            .order_by("pk")
        }
        for service in services:
            entry = existing.get(service.feed_id)
            if entry is not None and entry.partner_id is not None:
                counts["linked"] += 1
                continue
            counts[_write(entry, service, feed)] += 1
        audit_record(
            actor=actor,
            actor_is_platform=True,
            action="directory.feed_imported",
            after=counts,
            detail=f"Open Referral feed “{feed}”"[:300],
        )
        if counts["added"] or counts["updated"]:
            transaction.on_commit(published_directory_changed)
    return ImportResult(feed=feed, **counts)


def _write(entry: DirectoryEntry | None, service: FeedService, feed: str) -> str:
    outcome = "updated"
    if entry is None:
        entry, outcome = DirectoryEntry(feed=feed, feed_id=service.feed_id), "added"
    places = [
        {
            **{k: p.get(k, "") for k in _PLACE_FIELDS},
            "region": region_for(p["postcode_district"]) or "",
        }
        for p in service.locations
    ]
    before = [getattr(entry, f) for f in _FIELDS]
    kept = sorted(entry.locations.all(), key=lambda p: (p.position, p.id)) if entry.pk else []
    places_before = [{k: getattr(p, k) for k in _PLACE_FIELDS} for p in kept]
    for name in _FIELDS:
        setattr(entry, name, getattr(service, name))
    after = [getattr(entry, f) for f in _FIELDS]
    if outcome == "updated" and before == after and places_before == places:
        return "unchanged"
    # Regions and districts it covers: those of its places (signposting finds it by them).
    entry.districts = sorted({p["postcode_district"] for p in places})
    entry.regions = sorted({p["region"] for p in places if p["region"]})
    entry.save()
    entry.locations.all().delete()
    DirectoryLocation.objects.bulk_create(
        DirectoryLocation(entry=entry, position=n, **p) for n, p in enumerate(places)
    )
    return outcome


def _page_url(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "page"] + [("page", str(page))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def feed_fetch(url: str) -> list[tuple[str, bytes]]:
    """A feed's pages from its /services address, following its page numbers (a file://
    address is one page). Raises ValidationError when it cannot be read."""
    import json

    pages: list[tuple[str, bytes]] = []
    page = 1
    while page <= FETCH_PAGES_MAX:
        address = url if url.startswith("file:") or page == 1 else _page_url(url, page)
        try:
            with urllib.request.urlopen(address, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
                body = response.read(FILE_MAX_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise ValidationError({"url": f"{address} could not be read: {exc}"}) from exc
        if len(body) > FILE_MAX_BYTES:
            raise ValidationError({"url": f"{address} is larger than 20 MB."})
        pages.append((f"{address}", body))
        try:
            document = json.loads(body)
        except ValueError:
            break  # refused, with the reason, by the import
        last = not isinstance(document, dict) or document.get("last_page", True) is not False
        if url.startswith("file:") or last:
            break
        page += 1
    return pages


def directory_feeds_import_scheduled() -> list[str]:
    """The feeds in settings.ORUK_FEEDS ({name: /services address}), each imported by
    itself (one refused leaves the others), by the platform (no person). Returns a line
    per feed, for the worker's log."""
    lines = []
    for feed, url in (getattr(settings, "ORUK_FEEDS", None) or {}).items():
        try:
            lines.append(
                str(_import(actor=None, feed=_feed_name_clean(feed), pages=feed_fetch(url)))
            )
        except ValidationError as exc:
            lines.append(f"{feed}: refused: {'; '.join(exc.messages)}")
    return lines


def directory_service_link(*, actor, entry: DirectoryEntry, partner: Partner) -> DirectoryEntry:
    """An external service becomes the partner's (the organisation joined Casebridge):
    a platform manager links it. Its feed's id stays, so a re-import leaves it to the
    partner; the partner then states the referral types it takes through Casebridge."""
    if not policy.can_keep_reference_data(actor):
        raise PermissionDenied("Only platform managers link services to partners.")
    if (
        partner.is_training
        or not partner.is_active
        or partner.schema_name == get_public_schema_name()
    ):
        raise ValidationError({"partner": "Choose an active partner organisation."})
    with transaction.atomic(), schema_context(get_public_schema_name()):
        locked = (
            DirectoryEntry.objects.select_for_update(of=("self",))
            .filter(pk=entry.pk)
            .order_by("pk")
            .first()
        )
        if locked is None or locked.partner_id is not None:
            raise ValidationError({"partner": "This service is already linked to a partner."})
        locked.partner = partner
        locked.save(update_fields=["partner", "updated_at"])
        audit_record(
            actor=actor,
            actor_is_platform=True,
            action="directory.service_linked",
            before={"organisation": locked.organisation_name},
            after={"partner": partner.name},
            detail=f"{locked.name} ({locked.feed}) → {partner.name}"[:300],
        )
        transaction.on_commit(published_directory_changed)
    return locked
