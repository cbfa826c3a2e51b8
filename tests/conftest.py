"""Shared fixtures.

The test database is built once per session: public, the `_template` schema
and the partners below cloned from it (alpha, a family centre; beta, a support
line; kappa, a provider; and partners of their own for the browser tests), plus
the gamma borough that tests/customers and tests/workspace make on first use
(reuse-db friendly: every step is idempotent). Each test then runs inside a
partner's schema (or public) in a transaction that is rolled back.
"""

import fcntl
import os
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from referrals.agreements.models import AgreementStatus, DataSharingAgreement, LawfulBasis
from referrals.types import PERSON_FIELD_LABELS, REFERRAL_TYPES
from tenants import db_roles
from tenants.accounts.roles import PLATFORM_MANAGER, PLATFORM_STAFF, roles_for_kind
from tenants.accounts.services import demo_user_ensure
from tenants.models import DirectoryEntry, Partner
from tenants.services import platform_ensure, template_ensure
from tests.app_role import app_role_login
from tests.partners import (
    DIRECTORY,
    PARTNER_A,
    PARTNER_B,
    PARTNER_BROWSER,
    PARTNER_BROWSER_BO,
    PARTNER_BROWSER_PR,
    PARTNER_BROWSER_SL,
    PARTNER_C,
    PASSWORD,
    TestPartner,
    domain_of,
    partner_ensure,
)
from tests.tenants.accounts.helpers import make_user
from tools import db_roles as app_roles

# Every request the test client makes is recorded: each URL pattern must be shown to
# refuse someone by the end of a whole run (tests/url_coverage.py), and every HTML page
# a test renders is checked for elements sharing an id (tests/html_checks.py). The real
# Celery worker's fixtures serve several apps' tests (tests/worker_fixtures.py), and so do
# the browser's (tests/browser_fixtures.py) and the borough journey's
# (tests/customers/fixtures.py).
pytest_plugins = [
    "tests.browser_fixtures",
    "tests.customers.fixtures",
    "tests.url_coverage",
    "tests.html_checks",
    "tests.worker_fixtures",
    "tests.xdist_database",
]


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "owner_role: runs as the database owner even under CASEBRIDGE_TEST_AS_APP=1 (it tests "
        "what holds against the owner: triggers, DDL, the clone)",
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Redis outlives a test run: a Wagtail rendition cached by an earlier run would name a
    # file in that run's (deleted) temporary media folder for the same image id. Only those
    # keys go: the same Redis may hold a developer's own cache and Celery queue.
    from django.core.cache import cache

    get_client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if get_client is not None:
        redis = get_client(write=True)
        for key in redis.scan_iter(match="*wagtail-rendition-*"):
            redis.delete(key)
    with django_db_blocker.unblock():
        app_role_ensure()
        platform_ensure()
        template_ensure()
        for role in (PLATFORM_STAFF, PLATFORM_MANAGER):
            demo_user_ensure(username=role.key, full_name=role.name, role=role, password=PASSWORD)
        for spec in (
            PARTNER_A,
            PARTNER_B,
            PARTNER_BROWSER,
            PARTNER_C,
            PARTNER_BROWSER_SL,
            PARTNER_BROWSER_PR,
            PARTNER_BROWSER_BO,
        ):
            partner = partner_ensure(spec)
            if spec.slug in DIRECTORY:
                DirectoryEntry.objects.update_or_create(
                    partner=partner,
                    defaults={
                        "referral_types": [
                            "food",
                            "medication",
                            "befriending",
                            "employment-support",
                        ],
                        "accepting": True,
                        "response_hours": 48,
                        **DIRECTORY[spec.slug],
                    },
                )
            with schema_context(partner.schema_name):
                for role in roles_for_kind(partner.kind):
                    demo_user_ensure(
                        username=role.key,
                        full_name=f"{role.name} at {spec.slug}",
                        role=role,
                        password=PASSWORD,
                    )
        platform_agreements_ensure()


def platform_agreements_ensure() -> None:
    """One platform-wide data-sharing agreement in force per referral type, so the tests'
    referrals flow (a referral crosses only under an agreement). Tests of the refusal
    end them inside their own transaction (tests/referrals/exchange.py)."""
    for key in REFERRAL_TYPES:
        if not DataSharingAgreement.objects.filter(
            proposer__isnull=True, status=AgreementStatus.ACCEPTED, referral_types=[key]
        ).exists():
            DataSharingAgreement.objects.create(
                referral_types=[key],
                person_fields=list(PERSON_FIELD_LABELS),
                purpose="Tests: every partner may send this type.",
                lawful_basis=LawfulBasis.CONSENT,
                starts_on=date(2026, 1, 1),
                status=AgreementStatus.ACCEPTED,
                proposed_by_name="Test session",
            )


def app_role_ensure() -> None:
    """The application role (when this login may create it) and its grants in every
    schema, before the partners are cloned (they copy the template's grants). Also for a
    database reused from before the roles existed."""
    from django.conf import settings

    role = settings.DATABASE_APP_ROLE
    # A login given in DATABASE_URL keeps its password; a role made here gets the derived one.
    password = None if settings.DATABASE_APP_LOGIN else app_role_login()["PASSWORD"]
    with connection.cursor() as cursor, _one_worker_at_a_time("app-role"):
        if app_roles.can_create_roles(cursor):
            app_roles.app_role_ensure(cursor, role, password)
        APP_ROLE_READY[0] = app_roles.role_exists(cursor, role)
    db_roles.grants_apply_everywhere()


@contextmanager
def _one_worker_at_a_time(what: str):
    """Roles belong to the whole PostgreSQL server, not to one worker's test database:
    pytest-xdist's workers create and grant them one after the other."""
    path = Path(tempfile.gettempdir()) / f"casebridge-tests-{what}.lock"
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# Whether the application role exists (a login that may not create roles may lack it).
APP_ROLE_READY = [False]


def _run_as_app_role() -> None:
    from django.conf import settings

    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {app_roles.qi(settings.DATABASE_APP_ROLE)}")


@pytest.fixture
def as_app_role(db):
    """The test's database work, requests included, runs as the application role (no
    superuser, owns nothing, SELECT and INSERT only on append-only tables), as in
    production; services that create a schema go back to the owner (as_owner). Rolled
    back with the test's transaction."""
    _run_as_app_role()


@pytest.fixture(autouse=True)
def _whole_run_as_app_role(request):
    """CASEBRIDGE_TEST_AS_APP=1: every test using the database runs as the application
    role, so a missing grant fails. Transactional tests (they flush the tables) and those
    marked owner_role (they test what holds against the owner: triggers, DDL) stay."""
    if os.environ.get("CASEBRIDGE_TEST_AS_APP") != "1" or "db" not in request.fixturenames:
        return
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        return
    if request.node.get_closest_marker("owner_role"):
        return
    request.getfixturevalue("db")
    _run_as_app_role()


def _role_quietly(set_to: str | None) -> str | None:
    """Switch the test transaction's role on the driver's own cursor, so the switch is in
    no query count (django_assert_max_num_queries). Returns the role it was, or None when
    the transaction cannot take it (aborted by the request's own error: it is rolled back
    with the test anyway)."""
    import psycopg2

    try:
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            cursor.execute("SELECT current_user, session_user")
            current, login = cursor.fetchone()
            if set_to is not None:
                target = "NONE" if set_to == login else app_roles.qi(set_to)
                cursor.execute(f"SET LOCAL ROLE {target}")
            return current
    except psycopg2.Error:
        return None


@pytest.fixture(autouse=True)
def _requests_as_app_role(request):
    """Every request a test makes (the test client, in the test's transaction) is served
    as the application role, as in production: a view needing a grant the role lacks
    fails here. The test's own setup and checks stay with the owner. Off with
    CASEBRIDGE_TEST_AS_APP=0, and for tests marked owner_role."""
    from django.conf import settings
    from django.core.signals import request_finished, request_started

    if os.environ.get("CASEBRIDGE_TEST_AS_APP") == "0" or request.node.get_closest_marker(
        "owner_role"
    ):
        yield
        return
    before: list[str | None] = []

    def started(**kwargs):
        if APP_ROLE_READY[0] and connection.in_atomic_block:
            before.append(_role_quietly(settings.DATABASE_APP_ROLE))

    def finished(**kwargs):
        if before:
            previous = before.pop()
            if previous is not None and connection.in_atomic_block:
                _role_quietly(previous)

    request_started.connect(started, dispatch_uid="tests-requests-as-app-role")
    request_finished.connect(finished, dispatch_uid="tests-requests-as-app-role")
    try:
        yield
    finally:
        request_started.disconnect(dispatch_uid="tests-requests-as-app-role")
        request_finished.disconnect(dispatch_uid="tests-requests-as-app-role")


@pytest.fixture
def partner_a(db) -> Partner:
    return Partner.objects.get(slug=PARTNER_A.slug)


@pytest.fixture
def partner_b(db) -> Partner:
    return Partner.objects.get(slug=PARTNER_B.slug)


@pytest.fixture
def partner_c(db) -> Partner:
    return Partner.objects.get(slug=PARTNER_C.slug)


@pytest.fixture
def browser_partner(db) -> Partner:
    return Partner.objects.get(slug=PARTNER_BROWSER.slug)


@pytest.fixture
def platform(db) -> Partner:
    """The platform (public schema), its staff in reach whatever schema ran before."""
    connection.set_schema_to_public()
    return Partner.objects.get(schema_name="public")


@pytest.fixture(scope="session")
def borough_ensured(django_db_setup, django_db_blocker) -> int:
    """The gamma borough council the customers, workspace and employment API tests use,
    with a user of every borough role (made once per session, committed: cloning one per
    test is slow; each test's own rows are rolled back as usual)."""
    with django_db_blocker.unblock():
        partner = partner_ensure(TestPartner("gamma-borough", "Gamma Borough", "borough"))
        connection.set_tenant(partner)
        try:
            for role in roles_for_kind(partner.kind):
                demo_user_ensure(
                    username=role.key,
                    full_name=f"{role.name} at gamma",
                    role=role,
                    password=PASSWORD,
                )
        finally:
            connection.set_schema_to_public()
        return partner.pk


@pytest.fixture
def borough(db, borough_ensured) -> Partner:
    """The gamma borough, as the current partner until the test ends (the customers,
    workspace and employment API tests)."""
    partner = Partner.objects.get(pk=borough_ensured)
    connection.set_tenant(partner)
    yield partner
    connection.set_schema_to_public()


@pytest.fixture
def in_partner_a(partner_a):
    """Run the test inside partner A's schema."""
    connection.set_tenant(partner_a)
    yield partner_a
    connection.set_schema_to_public()


@pytest.fixture
def in_partner_b(partner_b):
    """Run the test inside partner B's schema (the support line)."""
    connection.set_tenant(partner_b)
    yield partner_b
    connection.set_schema_to_public()


@pytest.fixture
def handler(in_partner_b):
    """A call handler at beta, the support line (the referrals and API tests start there)."""
    return make_user(role_key="call-handler", password=PASSWORD)


@pytest.fixture
def client_a(partner_a) -> Client:
    return Client(HTTP_HOST=domain_of(partner_a))


@pytest.fixture
def client_b(partner_b) -> Client:
    return Client(HTTP_HOST=domain_of(partner_b))


@pytest.fixture
def platform_client(platform) -> Client:
    return Client(HTTP_HOST=domain_of(platform))
