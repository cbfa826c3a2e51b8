"""Retention and erasure (issue 19): the due list on made-up dates, holds (stored, and an
open safeguarding case computed), nothing disposed of without the DPO's confirmation, the
disposal blanking the records and their change history while report counts stay, the
append-only disposal records, erasure on request refused under a hold, and the screens
refusing other partners and other roles."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from casework.models import ContactEvent, Programme, Stage
from privacy.retention import selectors, services
from privacy.retention.models import BatchStatus, DisposalBatch, DisposalRecord, RecordType
from referrals.models import CaseNote, CaseStatus, SupportCase, SupportCaseEvent
from referrals.services.cases import case_create, case_note_add
from reports.definitions import casework as casework_report
from tests.casework.screens import new_child, new_engagement
from tests.clients import signed_in
from tests.partners import PASSWORD
from tests.referrals.helpers import anonymous_caller, consented_caller
from tests.tenants.accounts.helpers import make_user
from tests.url_coverage import record_offered

# It reaches the GraphQL schema: no Playwright event loop (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("outside_playwrights_event_loop")

SEVEN_YEARS_ON = timezone.now() + timedelta(days=7 * 366)


def reviewed_case(actor, caller, title, *, safeguarding=False, reviewed=True):
    case = case_create(actor=actor, caller=caller, title=title)
    case_note_add(actor=actor, case=case, text=f"Private words about {title}")
    SupportCase.objects.filter(pk=case.pk).update(
        status=CaseStatus.REVIEWED if reviewed else CaseStatus.OPEN,
        safeguarding_activated=safeguarding,
    )
    case.refresh_from_db()
    return case


class World:
    pass


@pytest.fixture
def w(partner_b):
    connection.set_tenant(partner_b)
    w = World()
    w.partner = partner_b
    w.dpo = make_user(role_key="data-protection", password=PASSWORD)
    w.handler = make_user(role_key="call-handler", password=PASSWORD)
    w.morgan = consented_caller(w.handler)
    w.closed = reviewed_case(w.handler, w.morgan, "Rent arrears")
    w.anonymous = reviewed_case(w.handler, anonymous_caller(w.handler), "Food bank")
    w.held_person = consented_caller(w.handler, first_name="Holly", last_name="Held")
    w.held = reviewed_case(w.handler, w.held_person, "Debt advice")
    services.hold_place(actor=w.dpo, subject=w.held_person, reason="Court order 12/2026")
    # An open safeguarding case holds everything about its caller.
    w.safe_person = consented_caller(w.handler, first_name="Sky", last_name="Safe")
    w.open_safeguarding = reviewed_case(
        w.handler, w.safe_person, "Worried", safeguarding=True, reviewed=False
    )
    w.safe_old = reviewed_case(w.handler, w.safe_person, "Benefits")
    return w


def test_the_due_list_on_made_up_dates(w):
    with time_machine.travel(timezone.now() + timedelta(days=2 * 366)):
        items, held = selectors.due_on(today=timezone.localdate())
    assert items == {RecordType.ANONYMOUS_CALL: [w.anonymous.pk]}
    assert held == []
    with time_machine.travel(SEVEN_YEARS_ON):
        items, held = selectors.due_on(today=timezone.localdate())
    assert items[RecordType.SUPPORT_CASE] == [w.closed.pk]
    assert items[RecordType.ANONYMOUS_CALL] == [w.anonymous.pk]
    reasons = {item["id"]: item["reasons"] for item in held}
    assert set(reasons) == {w.held.pk, w.safe_old.pk}
    assert "Court order 12/2026" in reasons[w.held.pk][0]
    assert reasons[w.safe_old.pk] == [f"An open safeguarding case about {w.safe_person.client_id}"]
    assert all(w.open_safeguarding.pk not in ids for ids in items.values())  # open: kept


def test_nothing_is_disposed_of_without_confirmation_then_all_of_it_with_history(
    w, django_capture_on_commit_callbacks
):
    with time_machine.travel(SEVEN_YEARS_ON):
        batch = services.batch_prepare()
        assert batch.total == 2 and len(batch.held) == 2
        services.disposal_run(batch_id=batch.pk)  # not confirmed: refused silently
        w.morgan.refresh_from_db()
        assert w.morgan.first_name == "Morgan"
        assert not DisposalRecord.objects.exists()
        # A hold placed after the list was worked out still stops its record.
        services.hold_place(actor=w.dpo, subject=w.anonymous, reason="Complaint open")
        with django_capture_on_commit_callbacks(execute=True):
            services.batch_confirm(actor=w.dpo, batch=batch)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.skipped) == (BatchStatus.DONE, 1, 1)
    w.morgan.refresh_from_db()
    assert (w.morgan.first_name, w.morgan.last_name, w.morgan.phone) == ("", "", "")
    assert CaseNote.objects.get(case=w.closed).text == ""
    assert CaseNote.objects.get(case=w.anonymous).text == "Private words about Food bank"
    # History rows about the disposed records are anonymised too.
    names = ContactEvent.objects.filter(pgh_obj_id=w.morgan.pk).values_list("first_name", flat=True)
    assert set(names) == {""}
    reasons = SupportCaseEvent.objects.filter(pgh_obj_id=w.closed.pk)
    assert set(reasons.values_list("safeguarding_reason", flat=True)) == {""}
    # Held records are untouched.
    w.held_person.refresh_from_db()
    assert w.held_person.first_name == "Holly"
    assert SupportCase.objects.get(pk=w.safe_old.pk).title == "Benefits"
    record = DisposalRecord.objects.get(batch=batch)
    assert (record.record_type, record.count) == (RecordType.SUPPORT_CASE, 1)
    assert "6 years" in record.rule and record.confirmed_by_name == w.dpo.get_full_name()
    # Confirmed once: never again; and it is no longer due.
    with pytest.raises(ValidationError):
        services.batch_confirm(actor=w.dpo, batch=batch)
    with time_machine.travel(SEVEN_YEARS_ON):
        items, _held = selectors.due_on(today=timezone.localdate())
    assert RecordType.SUPPORT_CASE not in items


def test_disposal_records_are_append_only(w):
    batch = DisposalBatch.objects.create(confirmed_by=w.dpo)
    record = DisposalRecord.objects.create(
        batch=batch,
        record_type="support_case",
        record_type_label="Support-line cases",
        count=3,
        rule="6 years",
        action="anonymise",
        origin="schedule",
        confirmed_by_name="Dara",
        confirmed_at=timezone.now(),
    )
    for sql in (
        "UPDATE retention_disposalrecord SET count = 0 WHERE id = %s",
        "DELETE FROM retention_disposalrecord WHERE id = %s",
        "SELECT casebridge_blank('retention_disposalrecord'::regclass, 'id', ARRAY[%s::text], "
        '\'{"rule": ""}\'::jsonb)',
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [record.pk])
    # The blanking function writes blanks only.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT casebridge_blank('casework_contact'::regclass, 'id', ARRAY[%s::text], "
            '\'{"first_name": "Forged"}\'::jsonb)',
            [w.morgan.pk],
        )
    record.refresh_from_db()
    assert record.count == 3


def test_erasure_on_request_is_refused_under_a_hold_and_done_otherwise(
    w, django_capture_on_commit_callbacks
):
    for person, words in ((w.held_person, "Court order"), (w.safe_person, "open safeguarding")):
        with pytest.raises(ValidationError) as refused:
            services.erasure_request(actor=w.dpo, person=person, reason="Letter of 1 May")
        assert words in " ".join(refused.value.messages)
    with pytest.raises(ValidationError) as refused:
        services.erasure_request(actor=w.dpo, person=w.morgan, reason=" ")
    assert "reason" in refused.value.message_dict
    batch = services.erasure_request(actor=w.dpo, person=w.morgan, reason="Letter of 1 May")
    w.morgan.refresh_from_db()
    assert w.morgan.first_name == "Morgan"  # not before confirmation
    with django_capture_on_commit_callbacks(execute=True):
        services.batch_confirm(actor=w.dpo, batch=batch)
    w.morgan.refresh_from_db()
    assert (w.morgan.first_name, w.morgan.email) == ("", "")
    assert SupportCase.objects.get(pk=w.closed.pk).title == ""  # erased: every word
    assert {r.record_type for r in DisposalRecord.objects.filter(batch=batch)} == {
        RecordType.SUPPORT_CASE,
        "person",
    }


def test_rules_are_kept_by_the_dpo_only_and_audited(w):
    rule = selectors.rule_get(user=w.dpo, record_type=RecordType.SUPPORT_CASE)
    assert selectors.rule_get(user=w.handler, record_type=RecordType.SUPPORT_CASE) is None
    with pytest.raises(ValidationError) as refused:
        services.rule_update(actor=w.dpo, rule=rule, years=0, action="shred")
    assert set(refused.value.message_dict) == {"years", "action"}
    with pytest.raises(services.policy.RetentionRefused):
        services.rule_update(actor=w.handler, rule=rule, years=3, action="erase")
    services.rule_update(actor=w.dpo, rule=rule, years=3, action="erase")
    from tenants.accounts.models import AuditEntry

    entry = AuditEntry.objects.filter(action="retention.rule_change").latest("pk")
    assert (entry.before, entry.after) == (
        {"years": 6, "action": "anonymise"},
        {"years": 3, "action": "erase"},
    )


def test_screens_refuse_other_partners_and_roles(w, partner_a):
    batch = services.batch_prepare(actor=w.dpo)
    hold = selectors.holds_list(user=w.dpo).first()
    client = signed_in(w.partner, w.dpo)
    page = client.get("/privacy/retention/")
    assert page.status_code == 200 and "Court order 12/2026" in page.content.decode()
    assert client.get("/privacy/retention/rules/support_case/").status_code == 200
    assert client.get(f"/privacy/retention/batches/{batch.public_id}/").status_code == 200
    assert client.get(f"/privacy/retention/erasure/{w.morgan.public_id}/").status_code == 200
    bad = client.post("/privacy/retention/rules/support_case/", {"years": "0", "action": "erase"})
    assert "Ensure this value is greater than or equal to 1" in bad.content.decode()
    record_offered("legal_hold_release", {"public_id": hold.public_id}, w.partner.schema_name)
    handler = signed_in(w.partner, w.handler)
    for path in (
        "/privacy/retention/",
        "/privacy/retention/rules/support_case/",
        f"/privacy/retention/batches/{batch.public_id}/",
        f"/privacy/retention/erasure/{w.morgan.public_id}/",
    ):
        assert handler.get(path).status_code == 404
    connection.set_tenant(partner_a)
    elsewhere = signed_in(partner_a, make_user(role_key="data-protection", password=PASSWORD))
    assert elsewhere.get("/privacy/retention/").status_code == 200
    for path in (
        f"/privacy/retention/batches/{batch.public_id}/",
        f"/privacy/retention/erasure/{w.morgan.public_id}/",
    ):
        assert elsewhere.get(path).status_code == 404
    assert elsewhere.post(f"/privacy/retention/holds/{hold.public_id}/release/").status_code == 404
    connection.set_tenant(w.partner)
    release = f"/privacy/retention/holds/{hold.public_id}/release/"
    assert client.post(release, {"reason": "Order lifted"}).status_code == 302
    assert not selectors.holds_list(user=w.dpo).exists()


def test_anonymised_engagements_keep_the_report_counts(
    partner_a, django_capture_on_commit_callbacks
):
    connection.set_tenant(partner_a)
    dpo = make_user(role_key="data-protection", password=PASSWORD)
    worker = make_user(role_key="practitioner", password=PASSWORD)
    programme = Programme.objects.create(name="Retention Families", code_prefix="RT")
    child = new_child(worker, first="Ada", last="Old", date_of_birth=date(2010, 1, 1))
    engagement = new_engagement(worker, child, programme, referral_reason="Named reasons")
    from casework.plans.models import Goal
    from casework.plans.services.plans import goal_add, plan_create

    plan = plan_create(actor=worker, engagement=engagement, review_on=date.today() + timedelta(30))
    goal = goal_add(actor=worker, plan=plan, what="Ada sleeps at her nan's", who="Nan")
    engagement.stage, engagement.closed_on = Stage.CLOSED, date.today() - timedelta(days=1)
    engagement.save()
    from casework.notes.models import Note, NoteKind
    from casework.notes.services import note_add

    note = note_add(
        actor=worker,
        contact=child,
        kind=NoteKind.values[0],
        happened_at=timezone.now() - timedelta(days=2),
        summary="Home visit",
        body="Ada's grandmother said",
    )
    span = {"date_from": date.today() - timedelta(days=400), "date_to": date.today()}
    before = casework_report.build(user=dpo, **span)
    with time_machine.travel(SEVEN_YEARS_ON):
        batch = services.batch_prepare(actor=dpo)
        assert batch.items.get(RecordType.ENGAGEMENT) == [engagement.pk]
        with django_capture_on_commit_callbacks(execute=True):
            services.batch_confirm(actor=dpo, batch=batch)
    engagement.refresh_from_db()
    child.refresh_from_db()
    assert (engagement.referral_reason, child.first_name, child.date_of_birth) == ("", "", None)
    assert Note.objects.get(pk=note.pk).body == ""  # written on the person's record
    goal = Goal.objects.get(pk=goal.pk)  # the engagement's contents: its case plan
    assert (goal.what, goal.who) == ("", "")
    assert casework_report.build(user=dpo, **span) == before


def test_the_demo_support_line_has_a_case_due_and_a_safeguarding_hold(partner_b):
    from privacy.retention.demo import retention_demo_seed

    connection.set_tenant(partner_b)
    DisposalBatch.objects.all().delete()  # the seed makes its list once
    officer = make_user(role_key="data-protection", password=PASSWORD)
    retention_demo_seed(
        handler=make_user(role_key="call-handler", password=PASSWORD), officer=officer
    )
    batch = selectors.batch_latest(user=officer)
    due = SupportCase.objects.filter(pk__in=batch.items[RecordType.SUPPORT_CASE])
    assert "Council tax advice" in {case.title for case in due}
    [held] = [item for item in batch.held if "open safeguarding case" in item["reasons"][0]]
    assert SupportCase.objects.get(pk=held["id"]).title == "Energy bills"
    [court] = [item for item in batch.held if "county court" in item["reasons"][0]]
    assert SupportCase.objects.get(pk=court["id"]).title == "Landlord dispute"


def test_erasure_on_request_withdraws_their_referrals_and_redacts_every_copy(
    w, partner_c, django_capture_on_commit_callbacks
):
    from referrals.models import ReferralStatus
    from referrals.services.exchange import local_referral_send
    from tests.referrals.exchange import copy_in
    from tests.referrals.helpers import ready_case_with_food

    data_team = make_user(role_key="data-team", password=PASSWORD)
    _case, local = ready_case_with_food(w.handler)
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    person = copy_in(w.partner, sent.public_id).contact
    connection.set_tenant(w.partner)
    batch = services.erasure_request(actor=w.dpo, person=person, reason="Email of 2 June")
    with django_capture_on_commit_callbacks(execute=True):
        services.batch_confirm(actor=w.dpo, batch=batch)
    for partner in (w.partner, partner_c):
        copy = copy_in(partner, sent.public_id)
        assert copy.status == ReferralStatus.WITHDRAWN
        assert copy.payload == {"redacted": True}
    connection.set_tenant(w.partner)
    person.refresh_from_db()
    assert (person.first_name, person.phone) == ("", "")


def test_the_weekly_job_lists_what_is_due_and_tells_the_officer(w):
    from django.conf import settings

    from casework.worklist.models import Notification
    from privacy.retention.tasks import retention_due

    entry = settings.CELERY_BEAT_SCHEDULE["retention-due"]
    assert entry["task"] == retention_due.name and "tenant_schemas" not in entry  # every partner
    assert entry["schedule"].day_of_week == {1}
    with time_machine.travel(SEVEN_YEARS_ON):
        assert retention_due() == {"due": 2, "held": 2}
    told = Notification.objects.get(recipient=w.dpo, title__startswith="Retention")
    assert told.title == "Retention: 2 records due, 2 held"
    assert not Notification.objects.filter(recipient=w.handler, title__startswith="Retention")


def test_the_api_reads_the_rules_for_the_data_protection_role_only(w):
    from tests.graphql_api.helpers import gql

    query = "{ retentionRules { recordType label years action rule } }"
    status, data = gql(signed_in(w.partner, w.dpo), query)
    rules = {r["recordType"]: r for r in data["data"]["retentionRules"]}
    assert status == 200 and len(rules) == 6
    assert rules["safeguarding_case"]["rule"].startswith("6 years after closure, and not before")
    connection.set_tenant(w.partner)
    status, data = gql(signed_in(w.partner, w.handler), query)
    assert data["data"]["retentionRules"] == []
