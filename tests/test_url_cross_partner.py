"""Every portal screen of one record refuses a signed-in user of another partner (issue 22).

For each role of the crawl (tests/pages_crawl.py), its pages with a record's id, and the
screens of one record they link to (Change, Remove, Correct…, and their pictures), and the
screens the crawl asks for directly (SCREENS_ASKED_DIRECTLY: downloads, POST-only steps),
are opened at the crawl's partner, then asked for with the same ids at another partner of
the same kind, signed in there with the same role: the answer must be 404, whatever the
method. Every portal pattern with an id must be reached so (or be open across partners
on purpose, url_coverage.CROSS_PARTNER_OPEN). The requests are recorded by
tests/url_coverage.py, which fails a whole run when a portal pattern with an id was never
refused so."""

import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve
from django_tenants.utils import schema_context

from tenants.accounts.roles import roles_for_kind
from tenants.accounts.services import demo_user_ensure
from tenants.models import Partner
from tests import url_coverage
from tests.pages_crawl import (
    BOROUGH,
    FAMILY_CENTRE,
    PROVIDER,
    PUBLIC,
    SCREENS_ASKED_DIRECTLY,
    SUPPORT_LINE,
    VISITS,
    page_url,
)
from tests.pages_crawl_records import crawl_ensure
from tests.partners import PARTNER_A, PARTNER_B, PARTNER_BROWSER_BO, PARTNER_C, PASSWORD
from tests.url_coverage import CROSS_PARTNER_OPEN, OPEN

pytestmark = pytest.mark.security

SAME_KIND = {
    FAMILY_CENTRE: PARTNER_A.slug,
    SUPPORT_LINE: PARTNER_B.slug,
    PROVIDER: PARTNER_C.slug,
    BOROUGH: PARTNER_BROWSER_BO.slug,
}
# Downloads and the way out: not followed from the pages.
NOT_FOLLOWED = {"logout", "wagtail_serve"}
# Pages read by the crawl that link to no record's own screen not also linked from
# elsewhere: dashboards, reports, the manual (seconds saved).
NOT_READ = {"home", "report_detail", "manual_home", "manual_search", "search"}


def _with_id(path: str):
    """(pattern, its path's values) when the path names a record of the partner's."""
    try:
        match = resolve(urlsplit(path).path, urlconf="config.urls_tenant")
    except Resolver404:
        return None
    name = match.url_name
    if not match.kwargs or name in OPEN or name in CROSS_PARTNER_OPEN or name in NOT_FOLLOWED:
        return None
    return name, match.kwargs


def _pattern_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path, urlconf="config.urls_tenant").url_name
    except Resolver404:
        return None


def _links(page: str) -> list[str]:
    """The addresses a page offers: its links, its forms' and its pictures (a thumbnail
    is the record's as much as its page)."""
    return [
        h.replace("&amp;", "&")
        for h in re.findall(r'(?:href|action|src)="(/[^"#]*)"', page)
        if not h.startswith(("/static/", "/media/"))
    ]


@pytest.fixture(scope="module")
def crawl_ids(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), schema_context("public"):
        return crawl_ensure(PASSWORD)


def _client(partner: Partner, username: str, signed_in: dict) -> Client:
    """The partner's user of that role, signed in once per test (`signed_in` keeps them)."""
    from tenants.accounts.models import User

    if (partner.pk, username) in signed_in:
        return signed_in[partner.pk, username]
    connection.set_tenant(partner)
    if not User.objects.filter(username=username).exists():
        role = next(r for r in roles_for_kind(partner.kind) if r.key == username)
        demo_user_ensure(username=username, full_name=username, role=role, password=PASSWORD)
    client = Client(HTTP_HOST=partner.get_primary_domain().domain)
    client.force_login(User.objects.get(username=username))
    signed_in[partner.pk, username] = client
    return client


def _asked_elsewhere(stranger, other, home, name, path, kwargs) -> list:
    """The screen asked for at `other` by its user of the same role: 404, by GET or (when
    only POST is allowed) by POST. What let the stranger in, if anything."""
    url_coverage.record_offered(name, kwargs, home.schema_name)
    for method in (stranger.get, stranger.post):
        response = method(path)
        if response.status_code != 405:
            break
    if response.status_code != 404:
        return [(other.slug, name, path, response.status_code)]
    return []


def test_every_screen_of_one_record_is_not_found_at_another_partner(crawl_ids, db):
    asked, let_in, read, not_at_home, signed_in = {}, [], set(), [], {}
    try:
        for visit in VISITS:
            if visit.partner == PUBLIC:
                continue
            home = Partner.objects.get(slug=visit.partner)
            other = Partner.objects.get(slug=SAME_KIND[visit.partner])
            own = _client(home, visit.username, signed_in)
            found = {}
            for entry in visit.pages:
                path = page_url(entry, crawl_ids, visit.partner)
                if path in read or _pattern_name(path) in NOT_READ:
                    continue
                read.add(path)
                response = own.get(path)
                if response.status_code != 200 or response.streaming:
                    continue
                for link in [path, *_links(response.content.decode())]:
                    linked = _with_id(link)
                    if linked and linked[0] not in asked:
                        found.setdefault(linked[0], (link, linked[1]))
            stranger = _client(other, visit.username, signed_in)
            for name, (path, kwargs) in found.items():
                asked[name] = path
                let_in += _asked_elsewhere(stranger, other, home, name, path, kwargs)
        for partner_slug, username, entry in SCREENS_ASKED_DIRECTLY:
            home = Partner.objects.get(slug=partner_slug)
            path = page_url(entry, crawl_ids, partner_slug)
            name, kwargs = _with_id(path)
            # At home the id is the crawl's own record: never "not found" (GET only, so
            # nothing changes; a POST-only step answers 405).
            answer = _client(home, username, signed_in).get(path)
            if answer.status_code in (404, 500):
                not_at_home.append((name, path, answer.status_code))
                continue
            asked[name] = path
            other = Partner.objects.get(slug=SAME_KIND[partner_slug])
            stranger = _client(other, username, signed_in)
            let_in += _asked_elsewhere(stranger, other, home, name, path, kwargs)
    finally:
        connection.set_schema_to_public()
    assert let_in == [], let_in
    assert not_at_home == [], ("asked directly, yet not found at its own partner", not_at_home)
    missing = url_coverage.patterns_with_an_id() - set(asked) - set(OPEN) - set(CROSS_PARTNER_OPEN)
    assert missing == set(), f"not reached by the crawl's pages: {', '.join(sorted(missing))}"
    # What tests/url_coverage.py recorded of these requests proves it too.
    assert set(asked) <= url_coverage.refused_to_another_partner()
