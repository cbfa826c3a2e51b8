"""Every URL pattern is shown to refuse someone (issue 22).

The GraphQL sweep fails on a field no cross-partner case covers; this does the same for
the portal and the console. Every request the test client makes is recorded with the
URL pattern it reached and the answer. When the whole suite has run, each pattern must
have been refused at least once — 404 or 403 to a user of another partner or without
the right, or a redirect to sign-in — or be listed in OPEN with the reason it is open.
A new screen without an access test fails the run, naming the screen.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Patterns that refuse nobody on purpose, or are covered by another kind of test.
OPEN = {
    "login": "the sign-in page is for everyone",
    "logout": "signing out needs no rights",
    "sign_in_code": "the one-time password step of signing in",
    "invitation_accept": "opened with a one-time invitation link (tested in tests/accounts)",
    "invitation_set_password": "the invitation's next step: 410 without one in the session",
    "console_help": "the console's help text: no data",
    "graphql": "the API: covered field by field by tests/graphql_api/test_cross_partner_sweep.py",
    # The API's FHIR view answers 401 (no sign-in redirect) without a token or a session;
    # other partners and roles are refused (404) in tests/graphql_api/test_fhir.py.
    "referral_fhir": "the API's FHIR view: 401 to a visitor, like /graphql/",
    "healthz": "health check for load balancers, no data",
    "wagtail_serve": "Wagtail pages: the manual's readers are tested in tests/cms",
    # The directory published in Open Referral UK's shape: public facts about services,
    # open to any reader by design (issue 20). tests/referrals/test_oruk.py shows that no
    # training copy, archived partner or person ever appears in it.
    **{
        name: "the open Open Referral UK directory: public service facts only"
        for name in (
            "oruk_api_info",
            "oruk_services",
            "oruk_service",
            "oruk_service_at_locations",
            "oruk_taxonomies",
            "oruk_taxonomy",
            "oruk_taxonomy_terms",
            "oruk_taxonomy_term",
        )
    },
}
# Wagtail's editor, its documents and Django's admin check their own permissions (and the
# console withholds the admin's user and group screens): they are not our screens.
SKIPPED_PREFIXES = ("cms/", "documents/", "static/", "media/", "django-admin/")

answers_seen: dict[str, set[int]] = {}


def is_refusal(status: int, location: str) -> bool:
    return status in (403, 404) or (
        status in (301, 302) and urlsplit(location).path.startswith("/sign-in")
    )


def routes(resolver, prefix=""):
    """(name, route) of every named pattern of ours under `resolver`."""
    for pattern in resolver.url_patterns:
        text = prefix + str(pattern.pattern)
        if text.lstrip("^").startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, text)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name, text


def _patterns(resolver):
    for name, _ in routes(resolver):
        yield name


def all_pattern_names() -> set[str]:
    from django.conf import settings

    names = set()
    for urlconf in (settings.ROOT_URLCONF, settings.PUBLIC_SCHEMA_URLCONF):
        names |= set(_patterns(get_resolver(urlconf)))
    return names


def _record(response) -> None:
    try:
        match = response.resolver_match
        name = match.url_name if match else None
    except Exception:  # an unresolvable path (404 from the resolver itself)
        return
    if name:
        refused = is_refusal(response.status_code, response.get("Location", ""))
        answers_seen.setdefault(name, set()).add(refused)


@pytest.fixture(autouse=True, scope="session")
def _record_every_request():
    original = Client.request

    def request(self, **kwargs):
        response = original(self, **kwargs)
        _record(response)
        return response

    Client.request = request
    yield
    Client.request = original


def uncovered() -> list[str]:
    refused = {name for name, answers in answers_seen.items() if True in answers}
    return sorted(all_pattern_names() - refused - set(OPEN))


def pytest_sessionfinish(session, exitstatus):
    whole_suite = not session.config.args or session.config.args == ["tests"]
    selected = session.config.getoption("keyword") or session.config.getoption("markexpr")
    if exitstatus != 0 or not whole_suite or selected or not answers_seen:
        return
    missing = uncovered()
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line(
            "URL patterns no test shows refusing anyone (add them to an access test, "
            f"or to OPEN in tests/url_coverage.py with the reason): {', '.join(missing)}",
            red=True,
        )
        session.exitstatus = 1
