"""Apps, tenants and the database: what lives in public, what in every partner's schema,
how partners are made (cloned from the template) and the two database roles."""

import os

import dj_database_url

from config.settings.environment import CASEBRIDGE_TEMPLATE_SCHEMA
from tools import db_roles, embedded_pg

SHARED_APPS = [
    "django_tenants",
    "tenants",
    "tenants.accounts",
    "django.contrib.contenttypes",
    "django.contrib.postgres",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    # Sign-in security: lock-outs and one-time-password devices live beside the users
    # they protect, so in public (platform staff) and in every partner's schema.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Data-sharing agreements between partners: public, they hold no personal data.
    "referrals.agreements",
]
TENANT_APPS = [
    "tenants.accounts",
    "django.contrib.auth",
    "django.contrib.sessions",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "guardian",
    # Change history of casework (pghistory's triggers, installed by pgtrigger's
    # migrations in each partner schema and cloned with the template).
    "pgtrigger",
    "pghistory",
    "casework",
    "casework.worklist",
    "casework.safeguarding",
    "casework.notes",
    "casework.duplicates",
    "casework.plans",
    "casework.assessments",
    "casework.files",
    "casework.incidents",
    "casework.imports",
    "casework.events",
    "casework.access",
    "referrals",
    "referrals.signposting",
    "reports",
    "customers",
    "privacy.subject_access",
    # Data protection (issue 19): between customers and reports.
    "privacy.retention",
    "cms",
    # The top layer: home pages, the menu, reported problems.
    "workspace",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]
INSTALLED_APPS = (
    list(SHARED_APPS)
    + [app for app in TENANT_APPS if app not in SHARED_APPS]
    + ["graphql_api", "demo"]
)

TENANT_MODEL = "tenants.Partner"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# New partners are cloned from the pristine, migrated template schema.
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_BASE_SCHEMA = CASEBRIDGE_TEMPLATE_SCHEMA
ROOT_URLCONF = "config.urls_tenant"
PUBLIC_SCHEMA_URLCONF = "config.urls_public"

# --- database ----------------------------------------------------------------
# Two roles (DESIGN.md, "Database roles"; tools/db_roles.py): the processes log in as the
# application role (DATABASE_URL), which may not alter tables or bypass triggers;
# migrations and creating or dropping a partner's schema run as the owner
# (DATABASE_OWNER_URL, tenants.db_roles.as_owner). Without DATABASE_URL both are the
# embedded PostgreSQL's of `bin/up` (tools/embedded_pg.py).
DATABASE_APP_ROLE = db_roles.app_role_name()
_database_url = os.environ.get("DATABASE_URL") or embedded_pg.database_url(user=DATABASE_APP_ROLE)
_owner_url = os.environ.get("DATABASE_OWNER_URL") or (
    "" if os.environ.get("DATABASE_URL") else embedded_pg.database_url()
)
DATABASES = {
    "default": dj_database_url.parse(
        _database_url,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# django-tenants's backend, able to keep the search_path through a request (its docstring).
DATABASES["default"]["ENGINE"] = "tenants.postgresql_backend"
# A session serving more partners than this is closed at the end of its request: each one
# caches ~0.7 MB of catalog per schema it touched, for as long as it lives (the backend's
# docstring; DEPLOYMENT.md, "Connections"). 0: never.
CONN_MAX_SCHEMAS = int(os.environ.get("CONN_MAX_SCHEMAS", "20"))
# Dropping a schema cascades over every table; PostgreSQL's NOTICE per table is noise.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c client_min_messages=warning"
# The owner's credentials (same database), or None when DATABASE_URL is the only role.
_owner = dj_database_url.parse(_owner_url) if _owner_url else None
DATABASE_OWNER = (
    {key: _owner[key] for key in ("USER", "PASSWORD", "HOST", "PORT")} if _owner else None
)
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
