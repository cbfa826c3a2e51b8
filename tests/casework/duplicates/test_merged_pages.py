"""A merged record's pages lead to the record kept (issue 18): not only the record itself
but every tab and sub-page under it (casework.duplicates.redirects), for whoever may see
contacts; a record of another partner, or one never merged, is still simply not found."""

import uuid

from django.conf import settings
from django.db import connection
from django.urls import URLPattern, get_resolver, reverse
from django_tenants.utils import schema_context

from casework.duplicates.merging import contacts_merge
from casework.duplicates.redirects import CONTACT_PAGES
from tests.casework.screens import body, new_child, user_with
from tests.clients import signed_in

# The record's tabs and sub-pages named in the issue: the walk below must find each.
EXPECTED = {
    "contact_detail",
    "contact_edit",
    "contact_history",
    "contact_notes",
    "contact_note_new",
    "contact_call_log",
    "contact_plans",
    "contact_assessments",
    "contact_files",
    "contact_file_new",
    "contact_photo",
    "contact_events",
    "contact_event_new",
    "contact_incidents",
    "contact_incident_new",
    "contact_who_looked",
    "engagement_new",
    "merge_with",
}


def _contact_pages(patterns=None, prefix=""):
    """(url name, route, pattern) of every portal page under a contact's address."""
    for pattern in (
        get_resolver(settings.ROOT_URLCONF).url_patterns if patterns is None else patterns
    ):
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLPattern):
            if route.startswith(CONTACT_PAGES):
                yield pattern.name, route, pattern
        else:
            yield from _contact_pages(pattern.url_patterns, route)


def test_every_contact_page_follows_merges():
    pages = {name: pattern for name, _, pattern in _contact_pages()}
    assert EXPECTED <= set(pages)
    assert all(getattr(p.callback, "follows_merges", False) for p in pages.values())


def test_every_page_of_a_merged_record_leads_to_the_kept_one(in_partner_a, partner_a, partner_b):
    practitioner, manager = user_with("practitioner"), user_with("manager")
    kept = new_child(practitioner, "Samuel", "Bunny")
    merged = new_child(practitioner, "Sam", "Bunny")
    contacts_merge(actor=manager, survivor=kept, merged=merged, reason="Same child")
    browser = signed_in(partner_a, manager)
    stranger_id = uuid.uuid4()
    checked = []
    for name, route, pattern in _contact_pages():
        others = {key: stranger_id for key in pattern.pattern.converters if key != "public_id"}
        address = reverse(name, kwargs={"public_id": merged.public_id, **others})
        answer = browser.get(address)
        assert answer.status_code == 302, (name, answer.status_code)
        assert answer.url == reverse(name, kwargs={"public_id": kept.public_id, **others}), name
        checked.append(name)
    assert EXPECTED <= set(checked)
    # With the notice, on the kept record's tab.
    notes = browser.get(reverse("contact_notes", args=[merged.public_id]), follow=True)
    assert notes.redirect_chain[-1][0] == reverse("contact_notes", args=[kept.public_id])
    assert "was merged into Samuel Bunny" in body(notes)
    # Never merged: still not found (no redirect to some other record).
    assert browser.get(reverse("contact_notes", args=[uuid.uuid4()])).status_code == 404
    # Another partner's staff find nothing, merged or not.
    with schema_context(partner_b.schema_name):
        outsider = user_with("supervisor")
    other = signed_in(partner_b, outsider)
    for record in (merged, kept):
        assert other.get(reverse("contact_notes", args=[record.public_id])).status_code == 404
    connection.set_schema_to_public()
