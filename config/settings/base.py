"""Settings shared by every environment. Everything that differs between
machines comes from the environment (12-factor); see README for the list."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from tools import db_roles, embedded_pg

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("CASEBRIDGE_DATA_DIR", BASE_DIR / ".data"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A placeholder that production settings refuse; local and test use it knowingly.
INSECURE_SECRET_KEY = "casebridge-insecure-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)

# Partner portals answer on <slug>.<base domain>; the platform console on the base domain.
CASEBRIDGE_BASE_DOMAIN = os.environ.get("CASEBRIDGE_BASE_DOMAIN", "localhost")
CASEBRIDGE_PORT = os.environ.get("CASEBRIDGE_PORT", "8000")
CASEBRIDGE_PUBLIC_SCHEMA = "public"
CASEBRIDGE_TEMPLATE_SCHEMA = "_template"
# A merge of two duplicate contacts can be undone by a manager for this many days.
CASEBRIDGE_UNMERGE_DAYS = int(os.environ.get("CASEBRIDGE_UNMERGE_DAYS", "30"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", f"{CASEBRIDGE_BASE_DOMAIN},.{CASEBRIDGE_BASE_DOMAIN}")

# --- apps: what lives in public, what lives in every partner's schema --------
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

MIDDLEWARE = [
    "tenants.middleware.PartnerMiddleware",  # TenantMainMiddleware first, as DESIGN.md says
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tenants.middleware.PublicAnswerMiddleware",  # before sessions: sees the answer after
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "tenants.accounts.middleware.CapabilitiesMiddleware",  # permissions in one query
    "django.contrib.messages.middleware.MessageMiddleware",
    "tenants.middleware.SessionLifetimeMiddleware",  # absolute timeout
    "tenants.accounts.middleware.FirstPasswordMiddleware",
    "tenants.middleware.TwoFactorMiddleware",  # partner-wide one-time passwords
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lock-out into the 429 page
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "platform" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.portal",
                "casework.worklist.context_processors.bell",
                "workspace.context_processors.menu",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

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

# --- accounts ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out attempts
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Argon2id first (tenants/accounts/hashers.py); the others still read older hashes, which
# are upgraded to Argon2id at the next sign-in.
PASSWORD_HASHERS = [
    "tenants.accounts.hashers.Argon2idOwaspHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Guardian's anonymous user would be created in whichever schema migrates; we have no use for it.
ANONYMOUS_USER_NAME = None
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: per schema (sessions app in both lists) and per host (no cookie domain),
# so a session from one partner's domain means nothing on another's.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: each request pushes the expiry on
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Absolute timeout: signed out this long after signing in, however active
# (tenants.middleware.SessionLifetimeMiddleware).
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(10 * 60 * 60)))

# Lock-out (django-axes): per username and address, counted in the schema of the
# domain tried (axes is in both app lists), so each partner's lock-outs are its own.
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGNIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tenants.accounts.views.security.locked_out"
AXES_CLIENT_IP_CALLABLE = "tenants.accounts.signin.client_ip"
# Masked in the attempt records axes keeps (the password always is).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "csrfmiddlewaretoken"]
AXES_VERBOSE = False  # no start-up banner in every management command
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# One-time passwords (django-otp): six digits every 30 seconds; keys hidden in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OTP_TOTP_ISSUER = "Casebridge"

# Change history (casework.tracking): each event stamped when it happened, not when its
# transaction began, so the changes of one action keep their order.
PGHISTORY_CREATED_AT_FUNCTION = "CLOCK_TIMESTAMP()"

# --- internationalisation ----------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- static and media --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "platform" / "static",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Media lives under MEDIA_ROOT/<schema>/ so partners never share files.
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- caches: every key carries the schema (Wagtail caches under global keys) --
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_FUNCTION": "django_tenants.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "django_tenants.cache.make_key",
            "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        }
    }

# --- Celery --------------------------------------------------------------------
# With no REDIS_URL, kombu's filesystem transport: no server needed, yet the
# worker and beat are still separate real processes sharing the queue folder.
CELERY_QUEUE_DIR = DATA_DIR / "celery-queue"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        "processed_folder": str(DATA_DIR / "celery-processed"),
        # Worker control messages (pidbox); kombu would otherwise write ./control/.
        "control_folder": str(DATA_DIR / "celery-control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "tenants.scheduler.PartnerAwareScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Proves beat → broker → worker end to end; /healthz reports its age.
    "platform-heartbeat": {
        "task": "tenants.tasks.platform_heartbeat",
        "schedule": 30.0,
        "tenant_schemas": [CASEBRIDGE_PUBLIC_SCHEMA],
    },
    # Wagtail's scheduled publishing, in every active partner (no "tenant_schemas": all).
    "manual-publish-scheduled": {
        "task": "cms.tasks.manual_publish_scheduled",
        "schedule": 60.0,
    },
    # Referral deadlines: reminders to the receiver before the answer and the work are
    # due; when missed, flagged to both sides and escalated to the receiver's managers.
    "referral-deadlines": {
        "task": "referrals.tasks.referral_deadlines",
        "schedule": 300.0,
    },
    # Appointments with no status the day after: flagged (once) to the provider's adviser.
    "appointments-flag-missing": {
        "task": "customers.tasks.appointments_flag_missing",
        "schedule": crontab(minute=30),
    },
    # Other organisations' Open Referral feeds (settings.ORUK_FEEDS), each night.
    "directory-feeds-import": {
        "task": "referrals.tasks.directory_feeds_import",
        "schedule": crontab(hour=2, minute=15),
        "tenant_schemas": [CASEBRIDGE_PUBLIC_SCHEMA],
    },
    # Safeguarding reminders, overdue notices and escalations, every partner, each morning.
    "safeguarding-reminders": {
        "task": "casework.safeguarding.tasks.safeguarding_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # New likely duplicate contacts, every partner, each night: a task for the managers.
    "duplicates-find": {
        "task": "casework.duplicates.tasks.duplicates_find_nightly",
        "schedule": crontab(hour=1, minute=45),
    },
    # The same for customers (the partners who keep them; none elsewhere), each night.
    "customer-duplicates-find": {
        "task": "customers.tasks.customer_duplicates_find_nightly",
        "schedule": crontab(hour=1, minute=55),
    },
    # Overdue case plan actions and reviews become their owners' tasks, each morning.
    "plans-overdue": {
        "task": "casework.plans.tasks.plans_overdue",
        "schedule": crontab(hour=6, minute=30),
    },
    # Data-sharing agreements' end dates (issue 19): reminders 30 and 7 days before to
    # both sides; the day after, the agreement is ended and logged on both sides.
    "agreements-end-dates": {
        "task": "referrals.tasks.agreements_end_dates",
        "schedule": crontab(hour=6, minute=45),
        "tenant_schemas": [CASEBRIDGE_PUBLIC_SCHEMA],
    },
    # Retention (issue 19): what the rules make due, listed for each partner's data
    # protection officer to confirm, every Monday morning.
    "retention-due": {
        "task": "privacy.retention.tasks.retention_due",
        "schedule": crontab(day_of_week=1, hour=5, minute=0),
    },
}


# --- email (Django 6.1 mailers) -------------------------------------------------------
def mailers_from_env(default_backend: str) -> dict:
    """EMAIL_BACKEND picks the backend; SMTP takes EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
    EMAIL_HOST_PASSWORD and EMAIL_USE_TLS from the environment."""
    backend = os.environ.get("EMAIL_BACKEND", default_backend)
    options = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 10,
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


MAILERS = mailers_from_env("django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"casebridge@{CASEBRIDGE_BASE_DOMAIN}")

# --- Wagtail -------------------------------------------------------------------
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

# --- GraphQL API (graphql_api/) ----------------------------------------------------
# Introspection and "did you mean" suggestions: on in development, off otherwise.
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", DEBUG)
GRAPHQL_SUGGESTIONS = env_bool("GRAPHQL_SUGGESTIONS", DEBUG)
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "10"))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "15"))
GRAPHQL_MAX_TOKENS = int(os.environ.get("GRAPHQL_MAX_TOKENS", "2000"))
# Objects a query could return, page sizes multiplied (graphql_api/limits.py).
GRAPHQL_MAX_COST = int(os.environ.get("GRAPHQL_MAX_COST", "5000"))
GRAPHQL_RATE_LIMIT_PER_MINUTE = int(os.environ.get("GRAPHQL_RATE_LIMIT_PER_MINUTE", "120"))
# Parsed and validated documents kept per process, by query text (graphql_api/documents.py).
GRAPHQL_DOCUMENT_CACHE_SIZE = int(os.environ.get("GRAPHQL_DOCUMENT_CACHE_SIZE", "256"))

# --- security defaults ------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # One handler each: Django's default config would print every line twice.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
# The published directory (/oruk/ on the platform domain): requests a minute per address.
ORUK_RATE_LIMIT_PER_MINUTE = int(os.environ.get("ORUK_RATE_LIMIT_PER_MINUTE", "120"))
# Other organisations' Open Referral UK feeds imported each night as external services:
# ORUK_FEEDS="Ashvale Borough Council=https://ashvale.example.gov.uk/oruk/services;Other=…"
# (name=address of its /services, separated by semicolons). None by default (no network).
ORUK_FEEDS = {
    name.strip(): url.strip()
    for name, _, url in (
        item.partition("=") for item in os.environ.get("ORUK_FEEDS", "").split(";") if "=" in item
    )
}

# Files on the client record (casework.files): the largest upload, and the ClamAV daemon
# that scans each one when named ("host:port" or a socket path; unset: not scanned, and
# a notice is logged for each upload).
CLIENT_FILE_MAX_BYTES = int(os.environ.get("CLIENT_FILE_MAX_BYTES", 20 * 1024 * 1024))
CLAMD_ADDRESS = os.environ.get("CLAMD_ADDRESS", "")
