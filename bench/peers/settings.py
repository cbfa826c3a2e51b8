"""A minimal Django project for a peer server: DATABASE_URL's database, the partner's
schema (PEER_SCHEMA) set once on the connection, no tenants, no auth, DEBUG off."""

import os
from urllib.parse import unquote, urlsplit

PEER = os.environ["PEER"]  # graphene or strawberry
_url = urlsplit(os.environ["DATABASE_URL"])
_schema = os.environ["PEER_SCHEMA"]

SECRET_KEY = "bench-peer-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
ROOT_URLCONF = "bench.peers.urls"
INSTALLED_APPS = ["django.contrib.contenttypes", "bench.peers"]
if PEER == "graphene":
    INSTALLED_APPS.append("graphene_django")
    GRAPHENE = {"SCHEMA": "bench.peers.graphene_schema.schema"}
else:
    INSTALLED_APPS.append("strawberry_django")
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _url.path.lstrip("/"),
        "USER": unquote(_url.username or ""),
        "PASSWORD": unquote(_url.password or ""),
        "HOST": _url.hostname or "",
        "PORT": _url.port or "",
        "OPTIONS": {"options": f"-c search_path={_schema},public"},
    }
}
