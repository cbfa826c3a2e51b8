"""Production settings refuse insecure values, naming the setting."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = {
    "SECRET_KEY": "k" * 50,
    "CASEBRIDGE_BASE_DOMAIN": "casebridge.example.org",
    "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}


def load_production(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CASEBRIDGE_BASE_DOMAIN", "REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings.production"} | env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_secure_production_settings_start():
    result = load_production(GOOD)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.security
@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        (
            {"SECRET_KEY": "casebridge-insecure-development-key-do-not-use-in-production"},
            "SECRET_KEY must be set",
        ),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be set"),
        ({"CASEBRIDGE_BASE_DOMAIN": ""}, "ALLOWED_HOSTS must name"),
        ({"REDIS_URL": ""}, "REDIS_URL must be set in production"),
    ],
)
def test_insecure_production_settings_refuse_to_start(change, named):
    result = load_production(GOOD | change)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr


@pytest.mark.security
@pytest.mark.parametrize(
    "path",
    ["/static/..%2F..%2Fetc%2Fpasswd", "/static/..%2F..", "/static/%2e%2e/%2e%2e/manage.py"],
)
def test_paths_out_of_the_static_folder_are_not_found_in_development(path, settings, platform):
    """WhiteNoise serves static files in development (with the finders) and answers 404;
    runserver's own static handler, which answers such paths with a 500, is switched off."""
    from django.test import Client

    from tools.devrun import PROCESSES

    assert "--nostatic" in PROCESSES["web"]
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.DEBUG = True
    response = Client(HTTP_HOST="localhost").get(path)
    assert response.status_code == 404


@pytest.mark.security
def test_the_access_log_keeps_no_query_string_or_referring_page():
    """Find-before-create and search links carry names, dates of birth and phones."""
    import datetime
    import re
    from types import SimpleNamespace

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    script = (ROOT / "platform" / "docker-entrypoint.sh").read_text()
    log_format = re.search(r"ACCESS_LOG_FORMAT='([^']+)'", script).group(1)
    assert '--access-logformat "$ACCESS_LOG_FORMAT"' in script
    secret = "first_name=Zephyrine&date_of_birth=2019-03-04&phone=07700900789"
    environ = {
        "REMOTE_ADDR": "127.0.0.1",
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/contacts/new/?{secret}",
        "PATH_INFO": "/contacts/new/",
        "QUERY_STRING": secret,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"http://alpha.localhost/search/?q=Zephyrine&{secret}",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    atoms = Logger(Config()).atoms(
        response, SimpleNamespace(headers=[]), environ, datetime.timedelta(seconds=0)
    )
    line = log_format % atoms
    assert "/contacts/new/" in line
    assert "Zephyrine" not in line and "07700900789" not in line and "?" not in line


def test_every_app_of_ours_has_its_text_input_checked():
    """A new sub-app (notes, plans, …) is easily left out of tenants.input_rules."""
    from django.apps import apps

    from tenants.input_rules import CHECKED_APPS

    ours = {"tenants", "casework", "referrals", "customers", "reports", "cms", "workspace"}
    labels = {
        config.label
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in ours and config.models_module is not None
    }
    assert labels - CHECKED_APPS == set()
