"""Production refuses to serve as a superuser or the tables' owner (issue 22).

The check itself (tenants/checks.py) on three roles, then a real start of the production
web process (config/wsgi.py) twice: as the tests' superuser login it refuses; as the
application role, without the owner's credentials at all, it starts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks as django_checks
from django.db import connection

from tenants.checks import CHECK_ID, check_database_role, database_role_problems
from tests.app_role import app_role_login
from tools import db_roles as app_roles

pytestmark = pytest.mark.security
ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_check_names_a_superuser_an_owner_and_passes_the_application_role(db):
    login = app_role_login()
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_user")
        (tests_login,) = cursor.fetchone()
        assert database_role_problems(cursor, tests_login) == [
            f"the database login {tests_login} is a superuser"
        ]
        assert database_role_problems(cursor, login["USER"]) == []
        # A role that is not superuser but owns one table (rolled back with the test).
        cursor.execute("CREATE ROLE casebridge_check_owner NOLOGIN")
        cursor.execute("CREATE TABLE public.casebridge_check_owned (id int)")
        cursor.execute("ALTER TABLE public.casebridge_check_owned OWNER TO casebridge_check_owner")
        assert database_role_problems(cursor, "casebridge_check_owner") == [
            "the database login casebridge_check_owner owns tables "
            "(such as public.casebridge_check_owned)"
        ]
        assert database_role_problems(cursor, "no_such_role_here") == [
            "the database login no_such_role_here is not a role of this server"
        ]


def test_check_deploy_reports_an_error_when_production_runs_as_a_superuser(db, settings):
    assert check_database_role() == []  # not production: not checked
    settings.DATABASE_ROLE_CHECK = True
    errors = django_checks.run_checks(include_deployment_checks=True, tags=["casebridge_database"])
    assert [e.id for e in errors] == [CHECK_ID]
    assert errors[0].level == django_checks.ERROR
    assert "is a superuser" in errors[0].msg
    # Management commands (migrate as the owner) do not run deploy checks.
    assert django_checks.run_checks(tags=["casebridge_database"]) == []


def _start_production_web(
    user: str, password: str | None, code: str = "import config.wsgi"
) -> subprocess.CompletedProcess:
    own = connection.settings_dict
    url = app_roles.url_with_user(
        f"postgres://x@{own['HOST'] or '127.0.0.1'}:{own['PORT'] or 5432}/{own['NAME']}",
        user,
        password,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DJANGO_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 50,
        "CASEBRIDGE_BASE_DOMAIN": "casebridge.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "DATABASE_URL": url,  # and no DATABASE_OWNER_URL: the web process needs none
    }
    return subprocess.run(
        [sys.executable, "-c", f"{code}; print('started')"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_web_process_starts_only_as_the_application_role(db):
    own = connection.settings_dict
    refused = _start_production_web(own["USER"], own.get("PASSWORD") or None)
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr
    assert "is a superuser" in refused.stderr
    assert "started" not in refused.stdout

    # The same start-up check as the application role (without loading every URL map,
    # which the refusal above never reached: seconds saved).
    login = app_role_login()
    started = _start_production_web(
        login["USER"],
        login["PASSWORD"] or None,
        "import django; django.setup(); from tenants.checks import refuse_unsafe_login; "
        "refuse_unsafe_login()",
    )
    assert started.returncode == 0, started.stderr
    assert "started" in started.stdout


def _production_env(user: str, password: str | None) -> dict:
    own = connection.settings_dict
    url = app_roles.url_with_user(
        f"postgres://x@{own['HOST'] or '127.0.0.1'}:{own['PORT'] or 5432}/{own['NAME']}",
        user,
        password,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "DJANGO_"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 50,
        "CASEBRIDGE_BASE_DOMAIN": "casebridge.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "DATABASE_URL": url,
    }


@pytest.mark.parametrize("process", ["worker", "beat"])
def test_the_celery_worker_and_beat_refuse_to_start_as_a_superuser(db, tmp_path, process):
    """The real `celery worker` and `celery beat` commands, as the tests' superuser login:
    each stops before taking or sending a task, saying why (config/celery.py)."""
    own = connection.settings_dict
    command = [sys.executable, "-m", "celery", "-A", "config", process]
    command += ["--pool", "solo"] if process == "worker" else ["-s", str(tmp_path / "schedule")]
    refused = subprocess.run(
        command,
        env=_production_env(own["USER"], own.get("PASSWORD") or None),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # a worker that started would run until killed: the test fails
    )
    assert refused.returncode != 0
    assert "Casebridge refuses to start: the database login" in refused.stderr
    assert "is a superuser" in refused.stderr
    assert "ready." not in refused.stderr + refused.stdout  # the worker never started


def test_the_celery_start_up_check_passes_the_application_role(db):
    """The same receivers (worker_init, beat_init) as the application role let it start."""
    login = app_role_login()
    code = (
        "from celery import signals; from config.celery import app; "
        "signals.worker_init.send(sender=None); signals.beat_init.send(sender=None); "
        "print('started')"
    )
    started = subprocess.run(
        [sys.executable, "-c", code],
        env=_production_env(login["USER"], login["PASSWORD"] or None),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr
    assert "started" in started.stdout
    assert "refuses" not in started.stderr
