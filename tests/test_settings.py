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
}


def load_production(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CASEBRIDGE_BASE_DOMAIN"}
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
    ],
)
def test_insecure_production_settings_refuse_to_start(change, named):
    result = load_production(GOOD | change)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr
