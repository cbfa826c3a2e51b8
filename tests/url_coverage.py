"""Every URL pattern is shown to refuse someone (issue 22).

The GraphQL sweep fails on a field no cross-partner case covers; this does the same for
the portal and the console. Every request the test client makes is recorded with the
URL pattern it reached and the answer. When the whole suite has run, each pattern must
have been refused at least once — 404 or 403 to a user of another partner or without
the right, or a redirect to sign-in — or be listed in OPEN with the reason it is open.
A new screen without an access test fails the run, naming the screen.

A redirect to sign-in proves little for a screen of one record: every portal pattern with
an id in its path must also have been answered 404 to a signed-in user at one partner for
an id the same run opened at another partner (a record of partner X asked for at
partner Y), or be listed in CROSS_PARTNER_OPEN with the reason. The sweep in
tests/test_url_cross_partner.py does that for every such screen, and fails itself when the
crawl (tests/pages_crawl.py) reaches one no more.
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.functional import empty

# Patterns that refuse nobody on purpose, or are covered by another kind of test.
OPEN = {
    "login": "the sign-in page is for everyone",
    "logout": "signing out needs no rights",
    "sign_in_code": "the one-time password step of signing in",
    "invitation_accept": "opened with a one-time invitation link (tested in tests/tenants/accounts)",
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

# Portal patterns with an id whose id may be read at another partner, on purpose.
CROSS_PARTNER_OPEN = {
    "invitation_accept": "a one-time link, no record of the partner's in its path",
    "invitation_set_password": "a one-time link, no record of the partner's in its path",
    "manual_help": "a help key (the screen asking), the same words at every partner",
    "report_detail": "a report's name (casework, employment…), not a record",
    "retention_rule": "a record type's key: each partner answers for its own rule",
    # To do: give each partner's clone its own ids (versions are append-only, so before
    # the clone's triggers), then remove this line.
    "assessment_template": "the default templates are cloned from _template with the same "
    "ids: each partner answers for its own copy",
}

answers_seen: dict[str, set[int]] = {}
# (pattern, its path's values) → the partners' schemas that answered it 200 or offered it
# on their own pages (opened), and those that answered 404 to a signed-in user.
opened_at: dict[tuple, set[str]] = {}
not_found_signed_in_at: dict[tuple, set[str]] = {}


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
        _record_by_partner(name, match.kwargs, response)


def _key(name: str, kwargs: dict) -> tuple:
    return (name, tuple(sorted((k, str(v)) for k, v in kwargs.items())))


def record_offered(name: str, kwargs: dict, schema: str) -> None:
    """A partner's own page linked to (or posts to) this path: the id is that partner's."""
    opened_at.setdefault(_key(name, kwargs), set()).add(schema)


def _signed_in(request) -> bool:
    """Whether the request's user was signed in, without a query of its own (the user is
    read only if the request already read it: the test's transaction may be broken)."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or wrapped is empty:
        return False
    return bool(getattr(wrapped, "is_authenticated", False))


def _record_by_partner(name: str, kwargs: dict, response) -> None:
    request = getattr(response, "wsgi_request", None)
    tenant = getattr(request, "tenant", None)
    if not kwargs or tenant is None or tenant.schema_name == "public":
        return
    key = _key(name, kwargs)
    if response.status_code == 200:
        opened_at.setdefault(key, set()).add(tenant.schema_name)
    elif response.status_code == 404 and _signed_in(request):
        not_found_signed_in_at.setdefault(key, set()).add(tenant.schema_name)


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


def patterns_with_an_id() -> set[str]:
    from django.conf import settings

    return {name for name, route in routes(get_resolver(settings.ROOT_URLCONF)) if "<" in route}


def refused_to_another_partner() -> set[str]:
    """Patterns answered 404 to a signed-in user at a partner other than one that opened
    (or offered) the same id."""
    # A partner that opened an id may later refuse it too (the record was removed by a
    # test); what counts is a refusal where the id was never opened.
    return {
        key[0]
        for key, refused in not_found_signed_in_at.items()
        if opened_at.get(key) and refused - opened_at[key]
    }


def uncovered() -> list[str]:
    refused = {name for name, answers in answers_seen.items() if True in answers}
    missing = all_pattern_names() - refused - set(OPEN)
    missing |= {
        f"{name} (not refused to another partner)"
        for name in patterns_with_an_id() - refused_to_another_partner()
        if name not in OPEN and name not in CROSS_PARTNER_OPEN
    }
    return sorted(missing)


def _as_lists(seen: dict) -> list:
    return [[key, sorted(values)] for key, values in seen.items()]


def _merge(into: dict, pairs: list) -> None:
    for key, values in pairs:
        into.setdefault(_tuple_key(key), set()).update(values)


def _tuple_key(key):
    """execnet sends tuples as lists: make the keys of _key() hashable again."""
    if isinstance(key, list):
        return tuple(_tuple_key(part) for part in key)
    return key


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: the controller gathers what each worker's requests showed."""
    seen = getattr(node, "workeroutput", {}).get("url_coverage")
    if seen:
        _merge(answers_seen, seen["answers_seen"])
        _merge(opened_at, seen["opened_at"])
        _merge(not_found_signed_in_at, seen["not_found_signed_in_at"])


def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):
        # A pytest-xdist worker saw part of the run: it hands its records to the
        # controller, which checks the whole (pytest_testnodedown above).
        session.config.workeroutput["url_coverage"] = {
            "answers_seen": _as_lists(answers_seen),
            "opened_at": _as_lists(opened_at),
            "not_found_signed_in_at": _as_lists(not_found_signed_in_at),
        }
        return
    whole_suite = not session.config.args or session.config.args == ["tests"]
    selected = session.config.getoption("keyword") or session.config.getoption("markexpr")
    if exitstatus != 0 or not whole_suite or selected or not answers_seen:
        return
    missing = uncovered()
    if missing:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line(
            "URL patterns no test shows refusing anyone (add them to an access test, "
            "or to OPEN or CROSS_PARTNER_OPEN in tests/url_coverage.py with the reason): "
            f"{', '.join(missing)}",
            red=True,
        )
        session.exitstatus = 1
