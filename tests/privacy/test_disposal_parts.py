"""What disposal reaches besides the records' own words: uploaded files' bytes (and
thumbnails) with their rows, completed assessments (append-only: through the blanking
function), one-to-one calendar events and attendance, the reasons kept in change
history's context, audit entries' words about the person, a local referral's details,
and, for scheduled disposal too, the partners' copies of their referrals."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from casework.assessments import services as assessments
from casework.assessments.models import Assessment, AssessmentCorrection
from casework.events.models import Event, EventContact, Presence
from casework.events.services import Attendee, event_create
from casework.files.models import ClientFile
from casework.files.services import file_add
from casework.models import ContactEvent, Programme
from casework.services.contacts import contact_update
from privacy.retention import services
from privacy.retention.models import RecordType
from referrals.models import CaseStatus, LocalReferral, LocalReferralEvent, SupportCase
from tenants.accounts.models import AuditEntry
from tenants.accounts.services.audit import audit_record
from tests.casework.screens import new_child, new_engagement, user_with
from tests.reports.media import media_in_tmp  # noqa: F401  (files to a temporary folder)

pytestmark = pytest.mark.usefixtures("media_in_tmp")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SEVEN_YEARS_ON = timezone.now() + timedelta(days=7 * 366)


def _completed_assessment(manager, worker, engagement) -> Assessment:
    template = assessments.template_create(actor=manager, name="Home check")
    assessments.template_section_add(actor=manager, template=template, title="Home")
    assessments.template_question_add(
        actor=manager, template=template, section=0, label="Who lives there", kind="text"
    )
    assessments.template_publish(actor=manager, template=template)
    template.refresh_from_db()
    draft = assessments.assessment_start(actor=worker, engagement=engagement, template=template)
    done = assessments.assessment_answers_save(
        actor=worker,
        assessment=draft,
        answers={"who_lives_there": "Sam, mum and Uncle Ray"},
        complete=True,
    )
    assessments.assessment_correct(
        actor=worker, assessment=done, kind="corrected", text="Uncle Ray moved out"
    )
    return done


def _dispose(dpo, person, capture):
    batch = services.erasure_request(actor=dpo, person=person, reason="Letter of 3 March")
    with capture(execute=True):
        services.batch_confirm(actor=dpo, batch=batch)
    batch.refresh_from_db()
    return batch


def test_erasure_reaches_files_assessments_events_history_reasons_and_audit_words(
    in_partner_a, django_capture_on_commit_callbacks
):
    worker, manager = user_with("practitioner"), user_with("manager")
    dpo = user_with("data-protection")
    sam = new_child(worker, first="Sam", last="Warren")
    other = new_child(worker, first="Ola", last="Stays")
    engagement = new_engagement(worker, sam, Programme.objects.create(name="P", code_prefix="PP"))
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    kept = ClientFile.objects.get(
        pk=file_add(
            actor=worker, contact=sam, upload=upload, category="letter", description="GP letter"
        ).pk
    )
    stored = kept.stored
    assert stored.storage.exists(stored.name)
    assessment = _completed_assessment(manager, worker, engagement)
    tomorrow = date.today() + timedelta(days=1)
    [alone] = event_create(
        actor=worker,
        kind="visit",
        day=tomorrow,
        start=time(10),
        end=time(11),
        attendees=[Attendee(sam, engagement)],
        place="Sam's nan's flat",
        notes="Talk about Uncle Ray",
    )
    [group] = event_create(
        actor=worker,
        kind="session",
        day=tomorrow,
        start=time(14),
        end=time(15),
        attendees=[Attendee(sam, engagement), Attendee(other)],
        place="Hall",
        notes="Messy play",
    )
    EventContact.objects.filter(event=alone).update(presence=Presence.ATTENDED)
    contact_update(
        actor=worker, contact=sam, reason="Sam's surname from the court order", pronouns="he"
    )
    reasons = ContactEvent.objects.filter(pgh_obj_id=sam.pk).values_list("pgh_context", flat=True)
    assert any((c or {}).get("reason") for c in reasons)  # there was a reason to forget
    audit_record(
        actor=worker, action="contact.letter", target_public_id=sam.public_id, detail="Sam Warren"
    )

    batch = _dispose(dpo, sam, django_capture_on_commit_callbacks)

    assert batch.status == "done", batch.error
    kept.refresh_from_db()
    assert (kept.name, kept.description, kept.stored.name) == ("", "", "")
    assert not stored.storage.exists(stored.name)  # the bytes themselves
    assessment = Assessment.objects.get(pk=assessment.pk)
    assert (assessment.answers, assessment.scores, assessment.status) == ({}, {}, "completed")
    assert AssessmentCorrection.objects.get(assessment=assessment).text == ""
    alone, group = Event.objects.get(pk=alone.pk), Event.objects.get(pk=group.pk)
    assert (alone.notes, alone.place) == ("", "")
    assert (group.notes, group.place) == ("Messy play", "Hall")  # about the group: kept
    assert set(EventContact.objects.filter(contact=sam).values_list("presence", flat=True)) == {""}
    contexts = list(
        ContactEvent.objects.filter(pgh_obj_id=sam.pk).values_list("pgh_context", flat=True)
    )
    assert not any("reason" in (c or {}) for c in contexts)
    assert any((c or {}).get("user") == worker.pk for c in contexts)  # who acted stays
    entry = AuditEntry.objects.get(action="contact.letter")
    assert (entry.detail, entry.actor_username) == ("", worker.username)
    other.refresh_from_db()
    assert other.first_name == "Ola"


def test_anonymising_an_engagement_keeps_assessment_scores_and_attendance(
    in_partner_a, django_capture_on_commit_callbacks
):
    worker, manager = user_with("practitioner"), user_with("manager")
    dpo = user_with("data-protection")
    sam = new_child(worker, first="Sam", last="Warren", date_of_birth=date(2010, 1, 1))
    engagement = new_engagement(worker, sam, Programme.objects.create(name="P", code_prefix="PQ"))
    assessment = _completed_assessment(manager, worker, engagement)
    scores = Assessment.objects.get(pk=assessment.pk).scores
    [event] = event_create(
        actor=worker,
        kind="visit",
        day=date.today(),
        start=time(9),
        end=time(10),
        attendees=[Attendee(sam, engagement)],
        notes="Nan was there",
    )
    EventContact.objects.filter(event=event).update(presence=Presence.ATTENDED)
    engagement.stage, engagement.closed_on = "closed", date.today() - timedelta(days=1)
    engagement.save()
    with time_machine.travel(SEVEN_YEARS_ON):
        batch = services.batch_prepare(actor=dpo)
        assert batch.items[RecordType.ENGAGEMENT] == [engagement.pk]
        with django_capture_on_commit_callbacks(execute=True):
            services.batch_confirm(actor=dpo, batch=batch)
    assessment = Assessment.objects.get(pk=assessment.pk)
    assert (assessment.answers, assessment.scores) == ({}, scores)
    assert Event.objects.get(pk=event.pk).notes == ""
    assert EventContact.objects.get(event=event).presence == Presence.ATTENDED


def test_erasing_a_caller_blanks_what_a_local_service_was_told(
    partner_b, django_capture_on_commit_callbacks
):
    from tests.referrals.helpers import ready_case_with_food

    connection.set_tenant(partner_b)
    handler, dpo = user_with("call-handler"), user_with("data-protection")
    case, local = ready_case_with_food(handler)
    SupportCase.objects.filter(pk=case.pk).update(status=CaseStatus.REVIEWED)
    _dispose(dpo, case.caller, django_capture_on_commit_callbacks)
    assert LocalReferral.objects.get(pk=local.pk).details == {}
    history = LocalReferralEvent.objects.filter(pgh_obj_id=local.pk)
    assert history.exists() and set(map(str, history.values_list("details", flat=True))) == {"{}"}


def test_scheduled_disposal_redacts_the_partners_copies_too(
    partner_b, partner_c, django_capture_on_commit_callbacks
):
    from referrals.services.exchange import local_referral_send
    from tests.referrals.exchange import copy_in
    from tests.referrals.helpers import ready_case_with_food

    connection.set_tenant(partner_b)
    handler, dpo = user_with("call-handler"), user_with("data-protection")
    case, local = ready_case_with_food(handler)
    sent = local_referral_send(
        actor=user_with("data-team"), local_referral=local, receiver=partner_c
    )
    connection.set_tenant(partner_b)
    SupportCase.objects.filter(pk=case.pk).update(status=CaseStatus.REVIEWED)
    with time_machine.travel(SEVEN_YEARS_ON):
        batch = services.batch_prepare(actor=dpo)
        assert case.pk in batch.items[RecordType.SUPPORT_CASE]
        with django_capture_on_commit_callbacks(execute=True):
            services.batch_confirm(actor=dpo, batch=batch)
    for partner in (partner_b, partner_c):
        assert copy_in(partner, sent.public_id).payload == {"redacted": True}


def test_the_audit_log_loses_only_words_and_history_context_only_named_keys(in_partner_a):
    from django.db import DatabaseError, transaction

    worker = user_with("practitioner")
    sam = new_child(worker, first="Sam", last="Warren")
    audit_record(actor=worker, action="contact.letter", target_public_id=sam.public_id)
    refused = (
        # Who did it, and found by anything but the record's public id: refused.
        (
            "SELECT casebridge_blank('accounts_auditentry'::regclass, 'target_public_id', "
            'ARRAY[%s::text], \'{"actor_username": ""}\'::jsonb)',
            [str(sam.public_id)],
        ),
        (
            "SELECT casebridge_blank('accounts_auditentry'::regclass, 'id', ARRAY['1'], "
            '\'{"detail": ""}\'::jsonb)',
            [],
        ),
        # Only blanks, JSON ones included.
        (
            "SELECT casebridge_blank('casework_contact'::regclass, 'id', ARRAY[%s::text], "
            '\'{"first_name": {"a": 1}}\'::jsonb)',
            [str(sam.pk)],
        ),
        # Keys are forgotten from change-history context only, never from the disposal
        # records or the audit log.
        (
            "SELECT casebridge_forget_keys('casework_contact'::regclass, ARRAY[%s::text], "
            "'first_name', ARRAY['reason'])",
            [str(sam.pk)],
        ),
        (
            "SELECT casebridge_forget_keys('accounts_auditentry'::regclass, ARRAY['1'], "
            "'pgh_context', ARRAY['reason'])",
            [],
        ),
    )
    for sql, params in refused:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params or None)
    assert AuditEntry.objects.get(action="contact.letter").actor_username == worker.username
    sam.refresh_from_db()
    assert sam.first_name == "Sam"
