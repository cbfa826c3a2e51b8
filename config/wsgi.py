import gc
import importlib
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# Production: no serving as a superuser or the tables' owner (tenants/checks.py).
from tenants.checks import refuse_unsafe_login  # noqa: E402

refuse_unsafe_login()

# Load both URL maps (so the views, Wagtail and the GraphQL schema) now, then keep all
# that start-up state out of the garbage collector's full passes: it lives as long as the
# process, and scanning its ~250,000 objects made an occasional request tens of ms slower.
for urlconf in {settings.ROOT_URLCONF, getattr(settings, "PUBLIC_SCHEMA_URLCONF", None)} - {None}:
    importlib.import_module(urlconf)
gc.freeze()
