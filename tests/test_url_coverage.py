"""The URL coverage check itself (tests/url_coverage.py) can fail."""

import json
from types import SimpleNamespace

import pytest

from tests import url_coverage

pytestmark = pytest.mark.security


def test_refusals_are_404_403_or_a_redirect_to_sign_in():
    assert url_coverage.is_refusal(404, "")
    assert url_coverage.is_refusal(403, "")
    assert url_coverage.is_refusal(302, "/sign-in/?next=/contacts/")
    assert not url_coverage.is_refusal(200, "")
    assert not url_coverage.is_refusal(302, "/contacts/")


def test_every_portal_and_console_pattern_is_listed(db):
    names = url_coverage.all_pattern_names()
    assert {"contact_detail", "support_case", "customer_detail", "home"} <= names
    assert not any(name.startswith("wagtailadmin") for name in names)


def test_a_pattern_reached_but_never_refused_is_reported(monkeypatch):
    monkeypatch.setattr(url_coverage, "answers_seen", {"contact_detail": {False}, "home": {True}})
    monkeypatch.setattr(url_coverage, "all_pattern_names", lambda: {"contact_detail", "home"})
    monkeypatch.setattr(url_coverage, "patterns_with_an_id", set)
    assert url_coverage.uncovered() == ["contact_detail"]


def test_a_screen_of_one_record_must_be_refused_to_another_partner(monkeypatch):
    """A sign-in redirect is not enough for a screen with an id: a signed-in user at one
    partner must have been answered 404 for an id opened at another."""
    key = ("contact_detail", (("public_id", "1"),))
    monkeypatch.setattr(url_coverage, "answers_seen", {"contact_detail": {True}})
    monkeypatch.setattr(url_coverage, "all_pattern_names", lambda: {"contact_detail"})
    monkeypatch.setattr(url_coverage, "patterns_with_an_id", lambda: {"contact_detail"})
    monkeypatch.setattr(url_coverage, "opened_at", {key: {"partner_alpha"}})
    missing = ["contact_detail (not refused to another partner)"]
    # Only a 404 at the partner that opened it (an unknown id at home): not enough.
    monkeypatch.setattr(url_coverage, "not_found_signed_in_at", {key: {"partner_alpha"}})
    assert url_coverage.uncovered() == missing
    monkeypatch.setattr(url_coverage, "not_found_signed_in_at", {key: {"partner_beta"}})
    assert url_coverage.uncovered() == []
    # The partner that opened it refusing it later too (a test removed the record) does
    # not hide the other partner's refusal.
    both = {"partner_alpha", "partner_beta"}
    monkeypatch.setattr(url_coverage, "not_found_signed_in_at", {key: both})
    assert url_coverage.uncovered() == []
    # A refusal of an id nobody opened proves nothing.
    monkeypatch.setattr(url_coverage, "opened_at", {})
    assert url_coverage.uncovered() == missing


def _sample(route: str) -> str:
    """A path for a route, with made-up values: nothing exists under them, and an
    anonymous visitor must be refused before that matters."""
    import re
    import uuid

    path = re.sub(r"<uuid:[^>]+>", str(uuid.uuid4()), route.lstrip("^").rstrip("$"))
    path = re.sub(r"<int:[^>]+>", "1", path)
    path = re.sub(r"<(?:slug|str|path):[^>]+>", "nobody", path)
    return "/" + path


def _every_route():
    from django.conf import settings
    from django.urls import get_resolver

    for where, urlconf in (
        ("portal", settings.ROOT_URLCONF),
        ("console", settings.PUBLIC_SCHEMA_URLCONF),
    ):
        for name, route in url_coverage.routes(get_resolver(urlconf)):
            if name not in url_coverage.OPEN:
                yield where, name, route


def test_every_page_refuses_a_visitor_who_is_not_signed_in(partner_a, platform):
    """Every portal and console screen (but the few open by design) sends someone who is
    not signed in to sign in, or refuses them, whatever method they use."""
    from django.test import Client

    from tests.partners import domain_of

    hosts = {"portal": domain_of(partner_a), "console": domain_of(platform)}
    let_in = []
    checked = 0
    for where, name, route in _every_route():
        client = Client(HTTP_HOST=hosts[where])
        path = _sample(route)
        for method in (client.get, client.post):
            response = method(path)
            if response.status_code != 405:
                break
        checked += 1
        if not url_coverage.is_refusal(response.status_code, response.get("Location", "")):
            let_in.append((name, path, response.status_code))
    assert checked > 100
    assert let_in == []


def test_what_each_xdist_worker_saw_adds_up_in_the_controller(monkeypatch):
    """With pytest-xdist each worker sees part of the run: what it recorded travels to the
    controller as lists (execnet has no sets, and tuples may come back as lists) and is
    merged there before the whole-run check."""
    key = ("contact_detail", (("public_id", "1"),))
    for name, value in (
        ("answers_seen", {"contact_detail": {True}}),
        ("opened_at", {key: {"partner_alpha"}}),
        ("not_found_signed_in_at", {key: {"partner_beta"}}),
    ):
        monkeypatch.setattr(url_coverage, name, value)
    session = SimpleNamespace(config=SimpleNamespace(workerinput={}, workeroutput={}))
    url_coverage.pytest_sessionfinish(session, 0)
    sent = session.config.workeroutput["url_coverage"]
    # What execnet gives back: tuples as lists.
    worker_side = json.loads(json.dumps(sent))
    for name in ("answers_seen", "opened_at", "not_found_signed_in_at"):
        monkeypatch.setattr(url_coverage, name, {})
    monkeypatch.setattr(url_coverage, "answers_seen", {"home": {False}})
    url_coverage.pytest_testnodedown(
        SimpleNamespace(workeroutput={"url_coverage": worker_side}), None
    )
    assert url_coverage.answers_seen == {"home": {False}, "contact_detail": {True}}
    assert url_coverage.opened_at == {key: {"partner_alpha"}}
    assert url_coverage.not_found_signed_in_at == {key: {"partner_beta"}}
    monkeypatch.setattr(url_coverage, "all_pattern_names", lambda: {"contact_detail"})
    monkeypatch.setattr(url_coverage, "patterns_with_an_id", lambda: {"contact_detail"})
    assert url_coverage.uncovered() == []
