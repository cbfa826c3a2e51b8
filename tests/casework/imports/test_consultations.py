"""Consultations imported (from their own columns: no known export keeps them), on the
engagements imported before, through consultation_create and its rules; the same file
again changes nothing, a changed note updates it with the import as its reason."""

from casework.imports import services
from casework.imports.models import ImportedRecord
from casework.models import Consultation, Programme, Service
from tests.casework.imports.helpers import imported, sample, upload
from tests.casework.screens import user_with

HEADERS = "Id,Engagement,Date,Type,With,Notes"
MAPPING = {
    "source_id": "Id",
    "engagement_source_id": "Engagement",
    "date": "Date",
    "method": "Type",
    "held_with": "With",
    "notes": "Notes",
}
ROWS = [
    "c1,a0E000000000000000,2024-02-01,Phone call,Mum,Talked about sleep",
    "c2,a0E000000000000001,02/02/2024,Meeting,School nurse,Weight check",
    "c3,a0E000000000000001,2024-02-03,Carrier pigeon,School nurse,Odd",  # no such way
    "c4,a0Enope,2024-02-03,Meeting,School nurse,Nobody's",  # no such engagement
    "c5,a0E000000000000001,2099-01-01,Meeting,School nurse,Future",  # the service refuses
]


def _run(capture, manager, lines):
    content = ("\n".join([HEADERS, *lines]) + "\n").encode()
    job = services.import_upload(
        actor=manager, kind_key="consultations", uploaded=upload("consultations.csv", content)
    )
    assert job.mapping == {}  # no known export: chosen by hand
    with capture(execute=True):
        services.import_check(actor=manager, job=job, mapping=MAPPING, source_system="Salesforce")
    job.refresh_from_db()
    with capture(execute=True):
        services.import_start(actor=manager, job=job)
    job.refresh_from_db()
    return job


def test_consultations_follow_their_engagements(in_partner_a, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    manager = user_with("manager")
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    Service.objects.create(programme=programme, name="Stay & Play session")
    imported(capture, manager, "contacts", "c.csv", sample("salesforce-contacts.csv"))
    imported(capture, manager, "engagements", "e.csv", sample("salesforce-engagements.csv"))
    job = _run(capture, manager, ROWS)
    report = job.report["import"]
    assert report["counts"]["created"] == 2 and report["counts"]["refused"] == 3
    reasons = {r["row"]: (r["field"], r["reason"]) for r in report["refused"]}
    assert reasons[4][0] == "How it was held" and "Carrier pigeon" in reasons[4][1]
    assert "No engagement imported from Salesforce" in reasons[5][1]
    assert reasons[6] == ("Date", "A consultation cannot be recorded for a future date.")
    phone = Consultation.objects.get(notes="Talked about sleep")
    assert phone.method == "phone" and phone.held_with == "Mum"
    assert ImportedRecord.objects.filter(record_type="consultation").count() == 2
    again = _run(capture, manager, ROWS[:2]).report["import"]["counts"]
    assert again["unchanged"] == 2 and Consultation.objects.count() == 2
    changed = _run(capture, manager, [ROWS[0].replace("sleep", "sleep and meals"), ROWS[1]])
    assert changed.report["import"]["counts"]["updated"] == 1
    phone.refresh_from_db()
    assert phone.notes == "Talked about sleep and meals"
