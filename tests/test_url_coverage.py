"""The URL coverage check itself (tests/url_coverage.py) can fail."""

from tests import url_coverage


def test_refusals_are_404_403_or_a_redirect_to_sign_in():
    assert url_coverage._refused(404, "")
    assert url_coverage._refused(403, "")
    assert url_coverage._refused(302, "/sign-in/?next=/contacts/")
    assert not url_coverage._refused(200, "")
    assert not url_coverage._refused(302, "/contacts/")


def test_every_portal_and_console_pattern_is_listed(db):
    names = url_coverage.all_pattern_names()
    assert {"contact_detail", "support_case", "customer_detail", "home"} <= names
    assert not any(name.startswith("wagtailadmin") for name in names)


def test_a_pattern_reached_but_never_refused_is_reported(monkeypatch):
    monkeypatch.setattr(url_coverage, "_seen", {"contact_detail": {False}, "home": {True}})
    monkeypatch.setattr(url_coverage, "all_pattern_names", lambda: {"contact_detail", "home"})
    assert url_coverage.uncovered() == ["contact_detail"]
