"""Settings shared by every environment. Everything that differs between
machines comes from the environment (12-factor; `environment`, README lists it).

The parts, each about one thing, are gathered here (local, test and production import
this module whole): `environment`, `tenancy` (apps, tenants, the database), `security`
(accounts, sign-in, sessions, headers), `background` (caches, Celery and its beat
schedule), `manual` (Wagtail). What stays below is the request's path (middleware,
templates), language and time, files, email, the API and logging."""

import os

from config.settings.background import *  # noqa: F403
from config.settings.environment import *  # noqa: F403
from config.settings.environment import BASE_DIR, CASEBRIDGE_BASE_DOMAIN, DATA_DIR, DEBUG, env_bool
from config.settings.manual import *  # noqa: F403
from config.settings.security import *  # noqa: F403
from config.settings.tenancy import *  # noqa: F403

MIDDLEWARE = [
    "tenants.middleware.PartnerMiddleware",  # TenantMainMiddleware first, as DESIGN.md says
    "config.call_stack.FreshStackChunkMiddleware",  # the rest in a roomy frame-stack chunk
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

# Change history (casework.tracking): each event stamped when it happened, not when its
# transaction began, so the changes of one action keep their order.
PGHISTORY_CREATED_AT_FUNCTION = "CLOCK_TIMESTAMP()"

# --- internationalisation ----------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
CELERY_TIMEZONE = TIME_ZONE  # beat's crontabs in local time
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
