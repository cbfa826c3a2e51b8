"""Subject access: every kind of record that refers to a person is in the bundle (a new
model referring to a contact or a customer fails here until it is), the zip holds each
type with the files' bytes and the ticked names taken out, only the data protection role
asks, only the requester downloads, other partners get 404, and both are audited. The
bundle also holds the worklist tasks and audit entries about the person's records; the
officer may leave files out (text inside files cannot be redacted), as the screen says;
the requester is told in the portal when the bundle is ready (or failed)."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from casework.files.models import ClientFile
from casework.files.services import file_add
from casework.incidents.models import IncidentType
from casework.incidents.services import incident_raise
from casework.models import Contact, Programme, Relationship
from casework.notes.services import note_add
from casework.worklist.models import Notification, Task
from casework.worklist.services import task_assign
from customers.models import Customer
from privacy.subject_access import policy, services
from privacy.subject_access.bundle import files_held
from privacy.subject_access.models import ExportStatus, SubjectAccessExport
from privacy.subject_access.sections import SECTIONS, sections_for
from referrals.models import Direction, Referral, ReferralEvent
from tenants.accounts.models import AuditEntry, Role
from tenants.accounts.services.audit import audit_record
from tests.casework.screens import new_child, new_engagement, user_with
from tests.clients import signed_in
from tests.privacy.walk import about
from tests.reports.media import media_in_tmp  # noqa: F401  (files to a temporary folder)

pytestmark = pytest.mark.usefixtures("media_in_tmp")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SUBJECTS = {"contact": Contact, "customer": Customer}


@pytest.mark.parametrize("kind", ["contact", "customer"])
def test_every_model_that_refers_to_the_person_is_in_the_bundle(kind):
    covered = {section.model for section in sections_for(kind)}
    missing = sorted(m._meta.label for m in about(SUBJECTS[kind]) - covered)
    assert not missing, (
        f"Add these to privacy/subject_access/sections.py (what they hold about a {kind}): "
        f"{missing}"
    )
    # The walk is not empty by accident: it reaches records two steps away.
    assert apps.get_model("plans.GoalProgress") in about(Contact)
    assert apps.get_model("customers.CustomerReasonEvent") in about(Customer)
    assert len({s.model_label for s in SECTIONS}) == len(SECTIONS)


class World:
    pass


@pytest.fixture
def w(partner_a, partner_b, in_partner_a):
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.owner = user_with("practitioner")
    w.dpo = user_with("data-protection")
    w.other_dpo = user_with("data-protection")
    w.child = new_child(w.owner, first="Sam", last="Warren")
    w.sister = new_child(w.owner, first="Ruby", last="Warren", household=w.child.household)
    Relationship.objects.create(contact=w.sister, other=w.child, kind="sibling")
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    w.engagement = new_engagement(w.owner, w.child, programme)
    note_add(
        actor=w.owner,
        contact=w.child,
        engagement=w.engagement,
        kind="visit",
        happened_at=timezone.now() - timedelta(hours=2),
        summary="Home visit",
        body="Sam played with Ruby Warren; Ruby said mum was out.",
    )
    file_add(
        actor=w.owner,
        contact=w.child,
        upload=SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf"),
        category="letter",
        description="School letter",
    )
    incident_raise(
        actor=w.owner,
        contact=w.child,
        happened_at=timezone.now() - timedelta(hours=3),
        kind=IncidentType.objects.get(name="Injury"),
        severity="low",
        location="Garden",
        description="Scraped knee",
        people=[],
        immediate_action="Plaster",
    )
    now = timezone.now()
    referral = Referral.objects.create(
        direction=Direction.SENT,
        referral_type="family_support",
        other_partner_id=w.partner_b.pk,
        other_partner_name=w.partner_b.name,
        contact=w.child,
        basis="Consent given",
        sent_at=now,
        sent_by_name="Owner",
        respond_by=now + timedelta(days=2),
    )
    ReferralEvent.objects.create(referral=referral, action="sent", partner_name="A")
    connection.set_tenant(partner_b)
    w.stranger_dpo = user_with("data-protection")
    connection.set_tenant(partner_a)
    return w


def _built(w, django_capture_on_commit_callbacks, person=None, redact=()):
    with django_capture_on_commit_callbacks(execute=True):
        export = services.subject_export_create(
            actor=w.dpo, person=person or w.child, redact=list(redact)
        )
    export.refresh_from_db()
    return export


def test_the_zip_holds_each_type_the_files_and_no_ticked_name(
    w, django_capture_on_commit_callbacks
):
    export = _built(w, django_capture_on_commit_callbacks, redact=["Ruby Warren", "Ruby"])
    assert export.status == ExportStatus.READY, export.error
    assert export.percent == 100 and export.records >= 10
    with zipfile.ZipFile(export.file.open("rb")) as bundle:
        names = bundle.namelist()
        data = json.loads(bundle.read("data.json"))
        html = bundle.read("everything-we-hold.html").decode()
        pdf = [n for n in names if n.startswith("files/files-clientfile/")]
        assert len(pdf) == 1 and bundle.read(pdf[0]) == PDF
    sections = data["sections"]
    assert set(sections) == {s.key for s in sections_for("contact")}
    for section in sections_for("contact"):
        assert f'data-section="{section.key}"' in html
    held = {key for key, section in sections.items() if section["rows"]}
    for key in (
        "casework-contact",
        "casework-household",
        "casework-relationship",
        "casework-engagement",
        "notes-note",
        "files-clientfile",
        "incidents-incident",
        "referrals-referral",
        "referrals-referralevent",
        "casework-contactevent",
        "notes-noteevent",
    ):
        assert key in held, key
    note = sections["notes-note"]["rows"][0]
    assert note["Note"] == "Sam played with [name removed]; [name removed] said mum was out."
    assert "Ruby" not in json.dumps(sections["notes-noteevent"]) and "Ruby" not in html
    assert sections["incidents-incident"]["rows"][0]["Description"] == "Scraped knee"
    # A later export does not undo this one's redaction by listing what it removed.
    later = _built(w, django_capture_on_commit_callbacks)
    with zipfile.ZipFile(later.file.open("rb")) as bundle:
        earlier = json.loads(bundle.read("data.json"))["sections"]
    assert len(earlier["subject_access-subjectaccessexport"]["rows"]) == 2
    assert "Ruby" not in json.dumps(earlier["subject_access-subjectaccessexport"])


def test_only_the_data_protection_role_asks_and_only_names_found_are_taken_out(
    w, django_capture_on_commit_callbacks
):
    with pytest.raises(policy.SubjectAccessRefused):
        services.subject_export_create(actor=w.owner, person=w.child)
    with pytest.raises(ValidationError) as refused:
        services.subject_export_create(actor=w.dpo, person=w.child, redact=["Sam Warren"])
    assert "redact" in refused.value.message_dict
    assert not SubjectAccessExport.objects.exists()
    customer = Customer.objects.create(first_name="Cara", last_name="Jones", created_by=w.owner)
    export = _built(w, django_capture_on_commit_callbacks, person=customer)
    with zipfile.ZipFile(export.file.open("rb")) as bundle:
        data = json.loads(bundle.read("data.json"))
    assert set(data["sections"]) == {s.key for s in sections_for("customer")}
    assert data["sections"]["customers-customer"]["rows"][0]["Last name"] == "Jones"


def test_screens_requester_only_other_partner_404_and_audited(
    w, django_capture_on_commit_callbacks
):
    champion = signed_in(w.partner_a, user_with("champion"))
    page = champion.get(f"/contacts/{w.child.public_id}/")
    assert 'data-testid="subject-access-link"' in page.content.decode()
    new_url = f"/contacts/{w.child.public_id}/subject-access/"
    dpo = signed_in(w.partner_a, w.dpo)
    found = dpo.post("/subject-access/", {"private_search": "1", "q": "warren"}, follow=True)
    assert "warren" not in found.redirect_chain[-1][0]
    assert new_url in found.content.decode()
    page = dpo.get(new_url).content.decode()
    assert 'value="Ruby Warren"' in page and 'value="Sam Warren"' not in page
    owner = signed_in(w.partner_a, w.owner)
    assert owner.get(new_url).status_code == 404
    assert (
        "subject-access-link" not in owner.get(f"/contacts/{w.child.public_id}/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        answer = dpo.post(new_url, {"redact": ["Ruby Warren"]})
    export = SubjectAccessExport.objects.get()
    detail = f"/subject-access/{export.public_id}/"
    assert answer.status_code == 302 and answer["Location"] == detail
    assert "Download the zip" in dpo.get(detail).content.decode()
    listed = dpo.get("/subject-access/").content.decode()
    assert detail in listed
    download = dpo.get(f"{detail}download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).testzip()
    actions = list(
        AuditEntry.objects.filter(target_public_id=w.child.public_id).values_list(
            "action", "actor_username"
        )
    )
    assert ("subject_access.create", w.dpo.username) in actions
    assert ("subject_access.download", w.dpo.username) in actions
    other = signed_in(w.partner_a, w.other_dpo)
    for url in (detail, f"{detail}download/"):
        assert other.get(url).status_code == 404
    assert owner.get("/subject-access/").status_code == 403
    stranger = signed_in(w.partner_b, w.stranger_dpo)
    for url in (new_url, detail, f"{detail}download/"):
        assert stranger.get(url).status_code == 404
    connection.set_tenant(w.partner_a)
    customer = Customer.objects.create(first_name="Cara", last_name="Jones", created_by=w.owner)
    customer_url = f"/customers/{customer.public_id}/subject-access/"
    assert dpo.get(customer_url).status_code == 200
    assert stranger.get(customer_url).status_code == 404


def _bundle(export):
    with zipfile.ZipFile(export.file.open("rb")) as bundle:
        return (
            bundle.namelist(),
            json.loads(bundle.read("data.json")),
            bundle.read("everything-we-hold.html").decode(),
        )


def test_tasks_and_audit_entries_about_their_records_are_in_the_bundle(
    w, django_capture_on_commit_callbacks
):
    engagement_url = reverse("engagement_detail", args=[w.engagement.public_id])
    task_assign(
        actor=None, assignee=w.owner, title="Review Sam's engagement", link_url=engagement_url
    )
    task_assign(actor=None, assignee=w.owner, title="Someone else's task", link_url="/tasks/")
    audit_record(
        actor=w.owner,
        action="engagement.reviewed",
        target_public_id=w.engagement.public_id,
        detail="Engagement looked over",
    )
    audit_record(actor=w.owner, action="unrelated", detail="Nothing about Sam")
    export = _built(w, django_capture_on_commit_callbacks)
    assert export.status == ExportStatus.READY, export.error
    _names, data, html = _bundle(export)
    tasks = data["sections"]["worklist-task"]["rows"]
    assert [t["Title"] for t in tasks] == ["Review Sam's engagement"]
    audit = data["sections"]["accounts-auditentry"]["rows"]
    details = {row["Detail"] for row in audit}
    assert "Engagement looked over" in details and "Nothing about Sam" not in details
    # The export's own request is about Sam's record too.
    assert any(row["Action"] == "subject_access.create" for row in audit)
    assert 'data-section="worklist-task"' in html and "Review Sam&#x27;s engagement" in html
    assert Task.objects.count() == 2  # found, not changed


def test_a_ticked_file_is_left_out_of_the_zip_and_the_document_says_so(
    w, django_capture_on_commit_callbacks
):
    held = files_held(kind="contact", person=w.child)
    ((key, label),) = held
    assert label == "Files: letter.pdf"
    with pytest.raises(ValidationError) as refused:
        services.subject_export_create(
            actor=w.dpo, person=w.child, leave_out=["files-clientfile/0"]
        )
    assert "leave_out" in refused.value.message_dict
    assert not SubjectAccessExport.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        export = services.subject_export_create(actor=w.dpo, person=w.child, leave_out=[key])
    export.refresh_from_db()
    names, data, html = _bundle(export)
    assert not [n for n in names if n.startswith("files/")]
    # The file's record stays (the person is told it exists), its bytes do not.
    assert data["sections"]["files-clientfile"]["rows"][0]["Description"] == "School letter"
    assert data["files_left_out"] == 1
    assert 'data-testid="files-left-out"' in html and "letter.pdf" in html
    # Without ticking, the same file is in the zip.
    later = _built(w, django_capture_on_commit_callbacks)
    assert [n for n in _bundle(later)[0] if n.startswith("files/")]


def test_the_screen_offers_the_files_warns_and_leaves_the_ticked_one_out(
    w, django_capture_on_commit_callbacks
):
    dpo = signed_in(w.partner_a, w.dpo)
    url = f"/contacts/{w.child.public_id}/subject-access/"
    page = dpo.get(url).content.decode()
    assert 'data-testid="files-warning"' in page and "cannot be taken out here" in page
    ((key, _label),) = files_held(kind="contact", person=w.child)
    assert f'value="{key}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = dpo.post(url, {"leave_out": [key]})
    export = SubjectAccessExport.objects.get()
    assert answer.status_code == 302 and export.files_left_out == [key]
    detail = dpo.get(f"/subject-access/{export.public_id}/").content.decode()
    assert 'data-testid="export-files-left-out"' in detail
    refused = dpo.post(url, {"leave_out": ["not-a-file/1"]})
    assert refused.status_code == 200
    assert "Tick only files from the list" in refused.content.decode()
    assert SubjectAccessExport.objects.count() == 1
    assert ClientFile.objects.count() == 1


def test_the_requester_is_told_when_the_bundle_is_ready(w, django_capture_on_commit_callbacks):
    export = _built(w, django_capture_on_commit_callbacks)
    told = Notification.objects.get(recipient=w.dpo)
    assert told.title == "Your subject access bundle is ready"
    assert told.link_url == f"/subject-access/{export.public_id}/"
    assert "Sam" not in told.title + told.body  # words go into emails: no name
    assert not Notification.objects.filter(recipient=w.other_dpo).exists()


def test_the_requester_is_told_when_the_bundle_fails(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        export = services.subject_export_create(actor=w.dpo, person=w.child)
    # The account lost the data protection role before the worker built it.
    w.dpo.groups.set([Role.objects.get(key="practitioner").group])
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    told = Notification.objects.get(recipient=w.dpo)
    assert told.title == "Your subject access bundle could not be built"
