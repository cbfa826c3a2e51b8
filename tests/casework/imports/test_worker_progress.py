"""The dry run through a real Celery worker process (tenant-schemas-celery sends it to
the partner's schema): the progress the screens read moves while it runs, and the job
ends checked, with its report.

The worker sees only committed data, so the job is written from another thread (its own
connection) in the partner kept for committed data, and removed afterwards."""

import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django_tenants.utils import schema_context

from casework.imports import selectors, services
from casework.imports.models import ImportJob, ImportStatus
from casework.imports.running import BATCH_ROWS
from casework.imports.samples import CONTACT_HEADERS, contact_rows, sample_write
from casework.imports.tasks import import_process_task
from tenants.accounts.models import User
from tests.worker_fixtures import in_own_connection

ROWS = BATCH_ROWS * 4 + 50  # five batches: progress is reported after each


def test_a_real_worker_reports_the_dry_runs_progress_and_finishes(
    worker_queue, real_sending, browser_partner
):
    schema = browser_partner.schema_name
    out = io.StringIO()
    sample_write(out, CONTACT_HEADERS, contact_rows(ROWS))
    content = out.getvalue().encode()

    def upload():
        with schema_context(schema):
            manager = User.objects.get(username="manager")
            job = services.import_upload(
                actor=manager,
                kind_key="contacts",
                uploaded=SimpleUploadedFile("salesforce-contacts.csv", content),
            )
            # What import_check leaves for its task (sent here to the test's own queue).
            ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING)
            return job.pk

    job_pk = in_own_connection(upload)
    try:
        with schema_context(schema):
            import_process_task.apply_async(args=[job_pk, True], queue=worker_queue)

        def progress():
            with schema_context(schema):
                job = ImportJob.objects.get(pk=job_pk)
                return job, selectors.import_rows_done(job)

        seen = set()
        deadline = time.monotonic() + 240
        job, done = in_own_connection(progress)
        read_at = time.monotonic()
        while time.monotonic() < deadline and job.is_running:
            seen.add(done)
            time.sleep(0.01)
            if time.monotonic() - read_at < 0.2:
                # A dry run's batch takes a fraction of a second: the figure the screens show
                # (kept in the cache) is read often, the job's row (to see the end) less.
                with schema_context(schema):
                    done = selectors.import_rows_done(job)
            else:
                job, done = in_own_connection(progress)
                read_at = time.monotonic()
        assert job.status == ImportStatus.CHECKED, (job.status, job.error)
        # Part-way figures were shown (a batch's rows, never more than the file's).
        assert seen & {BATCH_ROWS * n for n in range(1, 5)}, seen
        # The last batch's figure is shown before the job is marked checked: it may be seen.
        assert max(seen) <= ROWS
        counts = job.report["dry_run"]["counts"]
        assert counts["created"] + counts["matched"] == ROWS, counts
        assert done == ROWS
    finally:

        def remove():
            with schema_context(schema):
                job = ImportJob.objects.get(pk=job_pk)
                job.file.delete(save=False)
                job.refused_file.delete(save=False)
                job.delete()

        in_own_connection(remove)
        connection.set_schema_to_public()
