"""A real Celery worker process builds a large export in the partner's schema it was
sent from (tenant-schemas-celery), reporting progress on the row and storing the file
in that partner's media folder.

The worker sees only committed data, so the rows are written from another thread
(its own database connection, outside the test's transaction) in the partner kept for
committed data (tests.conftest.browser_partner), and removed again afterwards."""

import time

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from reports.models import Export, ExportStatus
from reports.tasks import export_build_task
from tenants.accounts.models import User
from tests.worker_fixtures import in_own_connection


@pytest.fixture
def media_in_tmp():
    """The worker process writes to the configured media folder: this test looks there
    too (and removes the file afterwards)."""
    from tests.reports.media import media_root_forget

    media_root_forget()


def test_a_real_worker_builds_the_export_in_the_partners_schema(
    worker_queue,  # noqa: F811
    real_sending,  # noqa: F811
    browser_partner,
):
    schema = browser_partner.schema_name

    def create():
        with schema_context(schema):
            manager = User.objects.get(username="manager")
            return Export.objects.create(
                requested_by=manager, dataset="deliveries", format="xlsx"
            ).pk

    export_pk = in_own_connection(create)
    try:
        with schema_context(schema):
            export_build_task.apply_async(args=[export_pk], queue=worker_queue)

        def status():
            with schema_context(schema):
                return Export.objects.get(pk=export_pk)

        deadline = time.monotonic() + 60
        export = in_own_connection(status)
        while time.monotonic() < deadline and not export.is_finished:
            time.sleep(0.3)
            export = in_own_connection(status)
        assert export.status == ExportStatus.READY, (export.status, export.error)
        assert export.file.name.endswith(".xlsx")
        with schema_context(schema):  # the storage's folder is the current partner's
            assert f"/{schema}/exports/{export.public_id}/" in export.file.path
            assert export.file.storage.exists(export.file.name)
    finally:

        def remove():
            with schema_context(schema):
                done = Export.objects.get(pk=export_pk)
                if done.file:
                    done.file.delete(save=False)
                done.delete()

        in_own_connection(remove)
        connection.set_schema_to_public()
