"""Contacts, engagements and deliveries imported a batch at a time (issue 18's scale): the statements
a batch costs do not grow with its size (the same bound holds at two sizes, far below a
statement a row), a refused row says what contact_create and delivery_create say, every
insert's history names the import and who ran it, and a batch that fails while writing
leaves nothing of itself."""

import io
from datetime import date, timedelta
from itertools import islice

import pytest
from django.core.exceptions import ValidationError

from casework.imports import bulk_contacts, running, services
from casework.imports.bulk_contacts import contacts_import_batch
from casework.imports.bulk_deliveries import deliveries_import_batch
from casework.imports.bulk_engagements import engagements_import_batch
from casework.imports.mapping import remembered
from casework.imports.matching import batch_screened
from casework.imports.models import ImportedRecord, ImportJob, ImportStatus
from casework.imports.samples import (
    CONTACT_HEADERS,
    DELIVERY_HEADERS,
    ENGAGEMENT_HEADERS,
    contact_rows,
    delivery_rows,
    engagement_rows,
    sample_write,
)
from casework.models import (
    Contact,
    Engagement,
    Household,
    Programme,
    Service,
    ServiceDelivery,
)
from casework.services.contacts import contact_create
from casework.services.engagements import delivery_create, engagement_open
from tests.casework.imports.helpers import upload
from tests.casework.screens import user_with

# Measured: 38 statements for a batch of new contacts (6 of them the sample's postcode
# districts, read once a job), fewer for deliveries or a batch run again, at either size
# (the job's own reads and writes included). A statement a row would pass 45 at 20 rows.
BATCH_STATEMENTS = 45
SIZES = (20, 200)


@pytest.fixture
def manager(in_partner_a):
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    Service.objects.create(programme=programme, name="Stay & Play session")
    return user_with("manager")


def _job(actor, kind: str, headers: list[str], rows) -> ImportJob:
    out = io.StringIO()
    sample_write(out, headers, rows)
    job = services.import_upload(
        actor=actor,
        kind_key=kind,
        uploaded=upload(f"salesforce-{kind}.csv", out.getvalue().encode()),
    )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
    return job


def _run(job: ImportJob) -> dict:
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
    running.job_run(job_id=job.pk, dry_run=False)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    return job.report["import"]["counts"]


@pytest.mark.parametrize("size", SIZES)
def test_a_batch_of_contacts_costs_the_same_statements_at_any_size(
    manager, size, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(running, "BATCH_ROWS", size)
    job = _job(manager, "contacts", CONTACT_HEADERS, contact_rows(size))
    with django_assert_max_num_queries(BATCH_STATEMENTS):
        counts = _run(job)
    assert counts["created"] == size
    assert Contact.objects.count() == size
    assert Household.objects.count() == size // 2  # a child and a parent each
    assert ImportedRecord.objects.filter(record_type="contact").count() == size
    names = set(Household.objects.values_list("name", flat=True))
    assert names == {f"{c.last_name} Household" for c in Contact.objects.all()}
    numbers = sorted(Contact.objects.values_list("client_id", flat=True))
    assert len(set(numbers)) == size  # numbered once each
    with django_assert_max_num_queries(BATCH_STATEMENTS):
        again = _run(job)
    assert again["unchanged"] == size and Contact.objects.count() == size


@pytest.mark.parametrize("size", SIZES)
def test_a_batch_of_deliveries_costs_the_same_statements_at_any_size(
    manager, size, monkeypatch, django_assert_max_num_queries
):
    _run(_job(manager, "contacts", CONTACT_HEADERS, contact_rows(2 * size)))
    _run(_job(manager, "engagements", ENGAGEMENT_HEADERS, engagement_rows(2 * size)))
    monkeypatch.setattr(running, "BATCH_ROWS", size)
    job = _job(manager, "deliveries", DELIVERY_HEADERS, islice(delivery_rows(2 * size), size))
    with django_assert_max_num_queries(BATCH_STATEMENTS):
        counts = _run(job)
    assert counts["created"] == size and ServiceDelivery.objects.count() == size
    delivery = ServiceDelivery.objects.order_by("pk").first()
    event = delivery.history.get()
    assert event.pgh_context["user"] == manager.pk
    assert event.pgh_context["reason"] == "Imported from Salesforce (salesforce-deliveries.csv)"
    with django_assert_max_num_queries(BATCH_STATEMENTS):
        again = _run(job)
    assert again["unchanged"] == size and ServiceDelivery.objects.count() == size


@pytest.mark.parametrize("size", SIZES)
def test_a_batch_of_engagements_costs_the_same_statements_at_any_size(
    manager, size, monkeypatch, django_assert_max_num_queries
):
    _run(_job(manager, "contacts", CONTACT_HEADERS, contact_rows(2 * size)))
    monkeypatch.setattr(running, "BATCH_ROWS", size)
    job = _job(manager, "engagements", ENGAGEMENT_HEADERS, engagement_rows(2 * size))
    with django_assert_max_num_queries(BATCH_STATEMENTS):
        counts = _run(job)
    assert counts["created"] == size and Engagement.objects.count() == size
    engagement = Engagement.objects.order_by("pk").first()
    assert engagement.owner == manager
    assert engagement.events.get().action == "engagement.open"
    assert engagement.history.get().pgh_context["user"] == manager.pk
    with django_assert_max_num_queries(BATCH_STATEMENTS):
        again = _run(job)
    assert again["unchanged"] == size and Engagement.objects.count() == size


def test_a_refused_engagement_says_what_engagement_open_says(manager, monkeypatch):
    monkeypatch.setattr(running, "BATCH_ROWS", 10)
    _run(_job(manager, "contacts", CONTACT_HEADERS, contact_rows(2)))
    job = _job(manager, "engagements", ENGAGEMENT_HEADERS, engagement_rows(2))
    parent = {  # the second contact of the sample is the parent
        "source_id": "a0E-parent",
        "contact_source_id": next(islice(contact_rows(2), 1, None))[0],
        "programme": "Riverside Families",
        "start_date": "2024-01-08",
        "referral_date": "2024-02-01",
    }
    (refused,) = _batch(engagements_import_batch, manager, job, [parent])
    with pytest.raises(ValidationError) as single:
        engagement_open(
            actor=manager,
            contact=Contact.objects.get(kind="adult"),
            programme=Programme.objects.get(),
            start_date=date(2024, 1, 8),
            referral_date=date(2024, 2, 1),
        )
    assert refused.message_dict == single.value.message_dict
    assert set(refused.message_dict) == {"contact", "referral_date"}
    assert not Engagement.objects.exists()


def _batch(kind_batch, actor, job, rows):
    numbered = list(enumerate(rows, start=2))
    with remembered(job=job, source_ids=[]), batch_screened([v for _, v in numbered]):
        return kind_batch(actor=actor, rows=numbered, job=job)


def test_a_refused_contact_says_what_contact_create_says(manager):
    job = _job(manager, "contacts", CONTACT_HEADERS, contact_rows(1))
    bad = {
        "source_id": "003-bad",
        "first_name": "Ada",
        "last_name": "",
        "email": "not an email",
        "postcode": "NOT A POSTCODE",
        "date_of_birth": (date.today() + timedelta(days=3)).isoformat(),
        "kind": "child",
    }
    good = {"source_id": "003-good", "first_name": "Bea", "last_name": "Crane", "kind": "adult"}
    refused, created = _batch(contacts_import_batch, manager, job, [bad, good])
    with pytest.raises(ValidationError) as single:
        contact_create(
            actor=manager,
            kind="child",
            first_name="Ada",
            last_name="",
            email="not an email",
            postcode="NOT A POSTCODE",
            date_of_birth=date.today() + timedelta(days=3),
        )
    assert refused.message_dict == single.value.message_dict
    assert set(refused.message_dict) == {"last_name", "email", "postcode", "date_of_birth"}
    assert created.action == "created"
    assert list(Contact.objects.values_list("last_name", flat=True)) == ["Crane"]
    event = Contact.objects.get().history.get()
    assert event.pgh_context["user"] == manager.pk
    assert event.pgh_context["reason"].startswith("Imported from Salesforce")


def test_a_refused_delivery_says_what_delivery_create_says(manager, monkeypatch):
    monkeypatch.setattr(running, "BATCH_ROWS", 10)
    _run(_job(manager, "contacts", CONTACT_HEADERS, contact_rows(2)))
    _run(_job(manager, "engagements", ENGAGEMENT_HEADERS, engagement_rows(2)))
    job = _job(manager, "deliveries", DELIVERY_HEADERS, delivery_rows(1))
    row = next(delivery_rows(2))
    early = {
        "source_id": "a0S-early",
        "engagement_source_id": row[2],
        "service": "Stay & Play session",
        "date": "2020-01-01",
        "quantity": "-1",
    }
    refused, twice = _batch(deliveries_import_batch, manager, job, [early, early])
    engagement = Contact.objects.get(kind="child").engagements.get()
    with pytest.raises(ValidationError) as single:
        delivery_create(
            actor=manager,
            engagement=engagement,
            service=Service.objects.get(),
            on=date(2020, 1, 1),
            quantity=-1,
        )
    assert refused.message_dict == single.value.message_dict
    assert set(refused.message_dict) == {"date", "quantity"}
    assert twice.message_dict == refused.message_dict  # the row path, the same words
    assert not ServiceDelivery.objects.exists()


def test_a_batch_that_fails_while_writing_leaves_nothing(manager, monkeypatch):
    monkeypatch.setattr(running, "BATCH_ROWS", 10)
    job = _job(manager, "contacts", CONTACT_HEADERS, contact_rows(30))
    # The second batch fails after its contacts are inserted, as it notes where they came
    # from: the first batch stays, nothing of the second.
    keep = bulk_contacts.imported_keep
    calls = {"n": 0}

    def fails_in_the_second_batch(**kwargs):
        calls["n"] += 1
        if calls["n"] == 16:  # the first batch notes 10 contacts and 5 households
            raise RuntimeError("the database went away")
        keep(**kwargs)

    monkeypatch.setattr(bulk_contacts, "imported_keep", fails_in_the_second_batch)
    running.job_run(job_id=job.pk, dry_run=False)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert Contact.objects.count() == 10 and Household.objects.count() == 5
    assert ImportedRecord.objects.filter(record_type="contact").count() == 10


def test_a_person_already_recorded_or_twice_in_a_batch_is_matched_not_created(manager):
    contact_create(
        actor=manager,
        kind="adult",
        first_name="Arlo",
        last_name="Ashdwon",
        date_of_birth=date(1985, 1, 1),
        postcode="SW1A 1AA",
    )
    job = _job(manager, "contacts", CONTACT_HEADERS, contact_rows(1))
    arlo = {"first_name": "Arlo", "last_name": "Ashdown", "date_of_birth": "1985-01-01"}
    wren = {"first_name": "Wren", "last_name": "Oakes", "date_of_birth": "1990-05-05"}
    rows = [
        {"source_id": "1", **wren},
        {"source_id": "2", **arlo},
        {"source_id": "3", **wren},
    ]
    first, second, third = _batch(contacts_import_batch, manager, job, rows)
    assert first.action == "created"
    assert (second.action, second.record) == ("matched", "Arlo Ashdwon")
    assert (third.action, third.record) == ("matched", "Wren Oakes")
    assert Contact.objects.count() == 2
