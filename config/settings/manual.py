"""The Wagtail manual: signed in through the portal, passwords and emails kept there too,
search in the database, index updates immediate."""

import os

from config.settings.environment import CASEBRIDGE_BASE_DOMAIN

WAGTAIL_SITE_NAME = "Casebridge manual"
WAGTAILADMIN_LOGIN_URL = "login"  # our sign-in, not Wagtail's own
# Passwords and emails are changed through the portal (privileges, lock-out, audit).
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://{CASEBRIDGE_BASE_DOMAIN}")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Wagtail 8 sends index updates through django-tasks without the schema: keep them immediate.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
