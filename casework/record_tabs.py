"""The tabs of a contact's or an engagement's record (Record, Notes, Plans, …, History).

Each part of the client record (notes, plans, assessments, files, incidents, events) lives in
its own sub-app and registers its tab here in its AppConfig.ready(), so the record's screens
and casework's views need no knowledge of them (a hook, ARCHITECTURE.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from tenants.hooks import hook_register


@dataclass(frozen=True)
class RecordTab:
    """One tab: `key` names it in tests (`data-testid="<key>-tab"`) and in `showing`;
    `contact_url` / `engagement_url` are URL names taking the record's public id (None:
    the tab is not on that kind of record); `count(user=, contact=, engagement=)` gives
    the number shown beside the label (what that user may see, one query; None: no
    number, and no query); `shown(user)`, when given, says whether this user has the tab."""

    key: str
    label: str
    order: int
    count: Callable[..., int] | None
    contact_url: str | None = None
    engagement_url: str | None = None
    shown: Callable[..., bool] | None = None


_tabs: list[RecordTab] = []


def record_tab_register(tab: RecordTab) -> RecordTab:
    """Add a tab to every contact or engagement record (once; ordered by `order`)."""
    if all(t.key != tab.key for t in _tabs):
        hook_register(_tabs, tab)
        _tabs.sort(key=lambda t: t.order)
    return tab


def record_tabs(*, user, contact=None, engagement=None) -> list[dict]:
    """The registered tabs of this record with their links and counts, in order."""
    shown = []
    for tab in _tabs:
        url_name = tab.engagement_url if engagement is not None else tab.contact_url
        if url_name is None or (tab.shown is not None and not tab.shown(user)):
            continue
        record = engagement if engagement is not None else contact
        shown.append(
            {
                "key": tab.key,
                "label": tab.label,
                "url": reverse(url_name, args=[record.public_id]),
                "count": None
                if tab.count is None
                else tab.count(user=user, contact=contact, engagement=engagement),
            }
        )
    return shown
