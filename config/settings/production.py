"""Production: refuses to start with insecure values, naming the setting."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import INSECURE_SECRET_KEY, env_bool, env_list


def check_production_settings(
    *, debug: bool, secret_key: str, allowed_hosts: list[str], shared_cache: bool
) -> None:
    """Raise ImproperlyConfigured naming the first insecure setting."""
    if debug:
        raise ImproperlyConfigured("DEBUG must be off in production: unset DEBUG or set DEBUG=0.")
    if not secret_key or secret_key == INSECURE_SECRET_KEY or len(secret_key) < 32:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a long random value in production "
            "(at least 32 characters, not the development default)."
        )
    if not allowed_hosts:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must name the platform's domains in production "
            "(set ALLOWED_HOSTS or CASEBRIDGE_BASE_DOMAIN)."
        )
    if not shared_cache:
        # The GraphQL rate limit and sign-in lock-outs count in the cache: a cache per
        # process would give each gunicorn worker its own count.
        raise ImproperlyConfigured(
            "REDIS_URL must be set in production: the API rate limit is counted in a cache "
            "every web process shares."
        )


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or (
    [os.environ["CASEBRIDGE_BASE_DOMAIN"], "." + os.environ["CASEBRIDGE_BASE_DOMAIN"]]
    if os.environ.get("CASEBRIDGE_BASE_DOMAIN")
    else []
)
check_production_settings(
    debug=DEBUG,
    secret_key=SECRET_KEY,
    allowed_hosts=ALLOWED_HOSTS,
    shared_cache=CACHES["default"]["BACKEND"].endswith("RedisCache"),  # noqa: F405
)

# The web process refuses to start when its database login is a superuser or owns the
# tables (tenants/checks.py; `manage.py check --deploy` reports the same): it must be the
# application role. Only migrations and provisioning log in as the owner.
DATABASE_ROLE_CHECK = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Off only for a plain-HTTP trial run (docker-compose on localhost); never behind real TLS.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
