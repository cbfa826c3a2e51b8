"""Development: DEBUG on unless the environment says otherwise, console email."""

from .base import *  # noqa: F403
from .base import env_bool, mailers_from_env

DEBUG = env_bool("DEBUG", True)
MAILERS = mailers_from_env("django.core.mail.backends.console.EmailBackend")
# runserver serves static files itself; no manifest needed.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Development: integrators may point webhooks at a server on their own machine.
CASEBRIDGE_WEBHOOKS_ALLOW_PRIVATE = True
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", DEBUG)
GRAPHQL_SUGGESTIONS = env_bool("GRAPHQL_SUGGESTIONS", DEBUG)
