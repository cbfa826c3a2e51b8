"""What a batch of rows costs in statements, so it cannot creep back up: a batch reads
the source ids and the people its rows name once (not per row), sets the search_path
once, and writes where each record came from in one statement; a row the screen shows
can match nobody never reaches the matcher."""

import io

import pytest

from casework.imports import running, services
from casework.imports.models import ImportedRecord, ImportJob, ImportStatus
from casework.imports.samples import CONTACT_HEADERS, contact_rows, sample_write
from casework.models import Contact
from tests.casework.imports.helpers import upload
from tests.casework.screens import user_with

# Measured: 12 statements a row (creating each contact and household through
# contact_create: numbering, the household's name and room, the postcode's district);
# 26 before batches shared their reads and the search_path.
PER_ROW = 13


@pytest.fixture
def contacts_job(in_partner_a):
    out = io.StringIO()
    sample_write(out, CONTACT_HEADERS, contact_rows(running.BATCH_ROWS))
    job = services.import_upload(
        actor=user_with("manager"),
        kind_key="contacts",
        uploaded=upload("salesforce-contacts.csv", out.getvalue().encode()),
    )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
    return job


def test_a_batch_of_new_contacts_costs_a_bounded_number_of_statements(
    contacts_job, django_assert_max_num_queries
):
    with django_assert_max_num_queries(PER_ROW * running.BATCH_ROWS):
        running.job_run(job_id=contacts_job.pk, dry_run=False)
    contacts_job.refresh_from_db()
    assert contacts_job.report["import"]["counts"]["created"] == running.BATCH_ROWS
    assert ImportedRecord.objects.filter(record_type="contact").count() == running.BATCH_ROWS


def test_the_same_batch_again_costs_a_few_statements_in_all(
    contacts_job, django_assert_max_num_queries
):
    running.job_run(job_id=contacts_job.pk, dry_run=False)
    before = Contact.objects.count()
    ImportJob.objects.filter(pk=contacts_job.pk).update(status=ImportStatus.IMPORTING)
    # A savepoint a row (a refused row is undone alone), and nothing else per row.
    with django_assert_max_num_queries(2 * running.BATCH_ROWS + 20):
        running.job_run(job_id=contacts_job.pk, dry_run=False)
    contacts_job.refresh_from_db()
    assert contacts_job.report["import"]["counts"]["unchanged"] == running.BATCH_ROWS
    assert Contact.objects.count() == before
