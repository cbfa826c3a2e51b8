"""Tests: the real PostgreSQL (DATABASE_URL or the embedded one), fast hashing."""

import os

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ALLOWED_HOSTS = [".localhost", "localhost", "testserver", "127.0.0.1"]
# Tasks run in-process, eagerly, in tests that do not start a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Tests log in as the owner (they create the test database and its partners); a test
# that should run as the application role says so (tests/conftest.py: `as_app_role`).
# DATABASE_APP_LOGIN: the application role's own login, for the tests that connect as it.
DATABASE_APP_LOGIN = None
if DATABASE_OWNER and DATABASE_OWNER["USER"] != DATABASES["default"]["USER"]:  # noqa: F405
    DATABASE_APP_LOGIN = {
        key: DATABASES["default"][key]  # noqa: F405
        for key in ("USER", "PASSWORD", "HOST", "PORT")
    }
    DATABASES["default"].update(DATABASE_OWNER)  # noqa: F405
# Serve static files straight from the finders: no collectstatic in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# pytest-xdist (bin/test runs one worker per core): each worker has its own test database,
# so it also gets its own cache keys and media folder; the same ids in both databases
# must not meet in one Redis.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if XDIST_WORKER:
    CACHES["default"]["KEY_PREFIX"] = f"test-{XDIST_WORKER}"  # noqa: F405
    MEDIA_ROOT = MEDIA_ROOT / XDIST_WORKER  # noqa: F405
# tests/xdist_database.py: the controller builds the test database under its own name
# once, and each worker's database starts as a copy of it.
if os.environ.get("CASEBRIDGE_TEST_DB_BUILD"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ["CASEBRIDGE_TEST_DB_BUILD"]  # noqa: F405
elif XDIST_WORKER and os.environ.get("CASEBRIDGE_TEST_DB_TEMPLATE"):
    DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = os.environ[  # noqa: F405
        "CASEBRIDGE_TEST_DB_TEMPLATE"
    ]
