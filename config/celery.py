"""The Celery app. tenant-schemas-celery stamps the current schema on every task
sent from inside a partner's context and restores it in the worker."""

import os

from celery import signals
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


@signals.worker_init.connect
@signals.beat_init.connect
def refuse_unsafe_login(**kwargs) -> None:
    """Production: the worker and beat refuse to start as a superuser or the tables'
    owner, as the web process does (tenants/checks.py). Celery logs and swallows a
    receiver's exception, so the refusal leaves by SystemExit (said on the real stderr:
    beat sends sys.stderr to its logger)."""
    import sys

    import django
    from django.core.exceptions import ImproperlyConfigured

    django.setup()
    from tenants.checks import refuse_unsafe_login as check

    try:
        check()
    except ImproperlyConfigured as exc:
        print(f"Casebridge refuses to start: {exc}", file=sys.__stderr__, flush=True)
        raise SystemExit(1) from exc
