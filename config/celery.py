"""The Celery app. tenant-schemas-celery stamps the current schema on every task
sent from inside a partner's context and restores it in the worker."""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = CeleryApp("casebridge")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The filesystem broker needs its folders before the first message.
_options = app.conf.broker_transport_options or {}
for _key in ("data_folder_in", "data_folder_out"):
    if _options.get(_key):
        os.makedirs(_options[_key], exist_ok=True)
