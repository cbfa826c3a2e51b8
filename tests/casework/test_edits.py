"""Changing and removing what was recorded, through the services the portal and the API
share: who may and may not, which changes need a reason, bad input changes nothing and
names the field, removed rows are kept but left out of everything, and the History
reads old → new with the reason and who made the change."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from casework import dashboard, selectors, selectors_history
from casework.models import (
    Consent,
    Consultation,
    ConsultationParticipant,
    Contact,
    ContactEvent,
    ContactKind,
    Engagement,
    ServiceDelivery,
    ServiceDeliveryEvent,
)
from casework.policy import CaseworkRefused
from casework.services.catalogue import programme_update, service_update
from casework.services.consultations import consultation_remove, consultation_update
from casework.services.contacts import contact_create, contact_update, household_member_remove
from casework.services.deliveries import delivery_remove, delivery_update
from casework.services.engagements import (
    consultation_create,
    delivery_create,
    engagement_close,
    engagement_open,
    engagement_share,
    engagement_update,
)
from casework.services.group_sessions import BulkRow, deliveries_bulk_create
from tests.tenants.accounts.helpers import make_user

TODAY = date.today()


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.fixture
def engagement(practitioner, child, programme):
    return engagement_open(
        actor=practitioner, contact=child, programme=programme, start_date=days_ago(30)
    )


@pytest.fixture
def delivery(practitioner, engagement, service):
    return delivery_create(
        actor=practitioner, engagement=engagement, service=service, on=days_ago(2), summary="Ok"
    )


@pytest.fixture
def old_delivery(practitioner, engagement, service):
    return delivery_create(
        actor=practitioner, engagement=engagement, service=service, on=days_ago(20)
    )


@pytest.fixture
def consultation(practitioner, engagement):
    return consultation_create(
        actor=practitioner,
        engagement=engagement,
        on=days_ago(1),
        method="phone",
        held_with="Health visitor",
        notes="Talked about sleep",
    )


def history_entries(user, engagement):
    return selectors_history.engagement_history(user=user, public_id=engagement.public_id)[
        1
    ].object_list


# --- contacts -----------------------------------------------------------------------


def test_a_childs_date_of_birth_changes_only_with_a_reason(practitioner, other_practitioner, child):
    born = child.date_of_birth
    with pytest.raises(ValidationError) as refused:
        contact_update(actor=other_practitioner, contact=child, date_of_birth=days_ago(400))
    assert "reason" in refused.value.message_dict
    assert Contact.objects.get(pk=child.pk).date_of_birth == born
    # Any caseworker may correct a contact, with the reason.
    contact_update(
        actor=other_practitioner,
        contact=child,
        date_of_birth=days_ago(400),
        reason="Birth certificate seen",
    )
    assert Contact.objects.get(pk=child.pk).date_of_birth == days_ago(400)
    event = ContactEvent.objects.filter(pgh_obj=child, pgh_label="update").latest("pgh_id")
    assert event.pgh_context["reason"] == "Birth certificate seen"
    assert event.pgh_context["user"] == other_practitioner.pk
    entry = selectors_history.contact_history(user=practitioner, public_id=child.public_id)[1][0]
    assert entry.reason == "Birth certificate seen"
    assert entry.who == other_practitioner.get_full_name()
    [change] = entry.changes
    assert change.label == "Date of birth" and change.new == days_ago(400).strftime("%-d %b %Y")


def test_names_of_a_child_need_a_reason_but_other_details_do_not(practitioner, child):
    with pytest.raises(ValidationError) as refused:
        contact_update(actor=practitioner, contact=child, last_name="Rabbit")
    assert set(refused.value.message_dict) == {"reason"}
    # Sending the same name back is no change, so no reason is needed.
    contact_update(
        actor=practitioner,
        contact=child,
        first_name=child.first_name,
        phone="07700 900123",
        alerts="Nut allergy",
        watch_list=True,
        pronouns="she/her",
    )
    child.refresh_from_db()
    assert (child.phone_digits, child.alerts, child.watch_list) == (
        "07700900123",
        "Nut allergy",
        True,
    )
    # An adult's names need none either.
    mum = contact_create(
        actor=practitioner, kind=ContactKind.ADULT, first_name="Jane", last_name="Bunny"
    )
    contact_update(actor=practitioner, contact=mum, last_name="Doyle")
    assert Contact.objects.get(pk=mum.pk).last_name == "Doyle"


def test_bad_contact_input_changes_nothing_and_names_the_field(practitioner, child):
    with pytest.raises(ValidationError) as refused:
        contact_update(
            actor=practitioner,
            contact=child,
            email="not-an-email",
            unique_pupil_number="123",
            date_of_birth=TODAY + timedelta(days=1),
            reason="Typo",
        )
    assert set(refused.value.message_dict) == {"email", "unique_pupil_number", "date_of_birth"}
    assert Contact.objects.get(pk=child.pk).email == ""


def test_an_anonymous_caller_still_cannot_be_named_without_consent(practitioner):
    caller = Contact.objects.create(
        client_id="CB-ANON-1",
        kind=ContactKind.ADULT,
        first_name="",
        last_name="",
        household=contact_create(
            actor=practitioner, kind=ContactKind.ADULT, first_name="X", last_name="Y"
        ).household,
        consent=Consent.REFUSED,
        created_by=practitioner,
    )
    with pytest.raises(ValidationError) as refused:
        contact_update(actor=practitioner, contact=caller, first_name="Kate", reason="Named")
    assert "first_name" in refused.value.message_dict
    assert Contact.objects.get(pk=caller.pk).first_name == ""


def test_a_role_without_casework_changes_no_contact(in_partner_a, child):
    editor = make_user(role_key="editor")
    with pytest.raises(CaseworkRefused):
        contact_update(actor=editor, contact=child, phone="0161 000 0000")


# --- household members --------------------------------------------------------------


def test_a_member_entered_in_error_is_removed_with_a_reason(practitioner, child):
    cousin = contact_create(
        actor=practitioner,
        kind=ContactKind.ADULT,
        first_name="Wrong",
        last_name="Person",
        household=child.household,
    )
    child.household.refresh_from_db()
    assert child.household.name == "Bunny and Person Household"
    with pytest.raises(ValidationError) as refused:
        household_member_remove(actor=practitioner, contact=cousin, reason=" ")
    assert set(refused.value.message_dict) == {"reason"}
    household_member_remove(actor=practitioner, contact=cousin, reason="Entered in error")
    cousin.refresh_from_db()
    assert cousin.removed_by == practitioner and cousin.removal_reason == "Entered in error"
    child.household.refresh_from_db()
    assert child.household.name == "Bunny Household"
    # Kept, but found nowhere.
    assert selectors.contact_get(user=practitioner, public_id=cousin.public_id) is None
    assert not selectors.contact_matches(user=practitioner, first_name="Wrong", last_name="Person")
    _, page = selectors_history.household_history(
        user=practitioner, public_id=child.household.public_id
    )
    removed = [e for e in page.object_list if e.what == "Contact removed: Wrong Person"]
    assert removed and removed[0].reason == "Entered in error"


def test_a_member_with_engagements_is_moved_not_removed(practitioner, child, engagement):
    with pytest.raises(ValidationError) as refused:
        household_member_remove(actor=practitioner, contact=child, reason="Entered in error")
    assert "move them" in refused.value.message_dict["contact"][0]
    assert Contact.objects.get(pk=child.pk).removed_at is None


# --- engagements --------------------------------------------------------------------


def test_who_may_change_an_engagement(
    practitioner, other_practitioner, manager, engagement, programme
):
    shared = make_user(role_key="practitioner")
    engagement_share(actor=practitioner, engagement=engagement, with_user=shared)
    for refused in (other_practitioner, shared):
        with pytest.raises(CaseworkRefused):
            engagement_update(actor=refused, engagement=engagement, referral_source="Forged")
    engagement_update(actor=practitioner, engagement=engagement, referral_source="Health visitor")
    engagement_update(actor=manager, engagement=engagement, stage="waitlisted")
    engagement.refresh_from_db()
    assert (engagement.referral_source, engagement.stage) == ("Health visitor", "waitlisted")


def test_a_closed_engagement_changes_only_by_a_manager_with_a_reason(
    practitioner, manager, engagement
):
    engagement_close(actor=practitioner, engagement=engagement, closed_on=days_ago(1))
    with pytest.raises(CaseworkRefused) as refused:
        engagement_update(actor=practitioner, engagement=engagement, referral_source="Late")
    assert "only a manager" in refused.value.message
    with pytest.raises(ValidationError) as no_reason:
        engagement_update(actor=manager, engagement=engagement, closed_on=days_ago(3))
    assert set(no_reason.value.message_dict) == {"reason"}
    with pytest.raises(ValidationError) as reopened:
        engagement_update(actor=manager, engagement=engagement, stage="in_progress", reason="x")
    assert set(reopened.value.message_dict) == {"stage"}
    engagement_update(
        actor=manager, engagement=engagement, closed_on=days_ago(3), reason="Left earlier"
    )
    assert Engagement.objects.get(pk=engagement.pk).closed_on == days_ago(3)
    newest = history_entries(manager, engagement)[0]
    assert newest.reason == "Left earlier" and newest.who == manager.get_full_name()


def test_bad_engagement_input_changes_nothing_and_names_the_field(
    practitioner, engagement, service
):
    delivery_create(actor=practitioner, engagement=engagement, service=service, on=days_ago(10))
    with pytest.raises(ValidationError) as refused:
        engagement_update(
            actor=practitioner,
            engagement=engagement,
            start_date=days_ago(5),
            referral_date=days_ago(4),
            stage="closed",
        )
    assert set(refused.value.message_dict) == {"start_date", "referral_date", "stage"}
    assert "first session" in refused.value.message_dict["start_date"][0]
    assert Engagement.objects.get(pk=engagement.pk).start_date == days_ago(30)


# --- deliveries ---------------------------------------------------------------------


def test_a_recent_delivery_changes_without_a_reason_an_old_one_with_one(
    practitioner, delivery, old_delivery
):
    delivery_update(actor=practitioner, delivery=delivery, attendance="absent", summary="Ill")
    assert ServiceDelivery.objects.get(pk=delivery.pk).attendance == "absent"
    # Moving a recent one back into the past is an old change too.
    for target, changes in ((old_delivery, {"duration_minutes": 30}), (delivery, {"on": 1})):
        changes = {"date": days_ago(12)} if "on" in changes else changes
        with pytest.raises(ValidationError) as refused:
            delivery_update(actor=practitioner, delivery=target, **changes)
        assert set(refused.value.message_dict) == {"reason"}
    delivery_update(
        actor=practitioner, delivery=old_delivery, duration_minutes=30, reason="Stayed longer"
    )
    entry = history_entries(practitioner, old_delivery.engagement)[0]
    assert entry.what.startswith("Service delivery changed")
    assert entry.reason == "Stayed longer"
    assert [(c.label, c.old, c.new) for c in entry.changes] == [
        ("Duration in minutes", "(blank)", "30")
    ]


def test_who_may_change_a_delivery(practitioner, other_practitioner, manager, delivery):
    shared = make_user(role_key="practitioner")
    engagement_share(actor=practitioner, engagement=delivery.engagement, with_user=shared)
    for refused in (other_practitioner, shared):
        with pytest.raises(CaseworkRefused):
            delivery_update(actor=refused, delivery=delivery, summary="Forged")
        with pytest.raises(CaseworkRefused):
            delivery_remove(actor=refused, delivery=delivery, reason="Forged")
    delivery_update(actor=manager, delivery=delivery, summary="Checked")
    assert ServiceDelivery.objects.get(pk=delivery.pk).summary == "Checked"


def test_bad_delivery_input_changes_nothing_and_names_the_field(practitioner, delivery):
    with pytest.raises(ValidationError) as refused:
        delivery_update(
            actor=practitioner,
            delivery=delivery,
            date=TODAY + timedelta(days=1),
            attendance="sleeping",
            duration_minutes=-5,
        )
    assert set(refused.value.message_dict) == {"date", "attendance", "duration_minutes"}
    assert ServiceDelivery.objects.get(pk=delivery.pk).attendance == "attended"
    with pytest.raises(ValidationError) as unknown:
        delivery_update(actor=practitioner, delivery=delivery, engagement=None)
    assert set(unknown.value.message_dict) == {"engagement"}


def test_a_group_sessions_row_keeps_the_groups_date(practitioner, engagement, service):
    [row] = deliveries_bulk_create(
        actor=practitioner,
        rows=[BulkRow(engagement=engagement, service=service, on=days_ago(1))],
        anonymous_attendees=3,
        group_service=service,
        on=days_ago(1),
    )
    with pytest.raises(ValidationError) as refused:
        delivery_update(actor=practitioner, delivery=row, date=days_ago(2))
    assert set(refused.value.message_dict) == {"date"}
    delivery_update(actor=practitioner, delivery=row, attendance="excused")
    assert ServiceDelivery.objects.get(pk=row.pk).attendance == "excused"


def test_a_removed_delivery_is_kept_and_left_out_of_everything(
    practitioner, manager, engagement, delivery, service
):
    with pytest.raises(ValidationError) as refused:
        delivery_remove(actor=practitioner, delivery=delivery, reason="")
    assert set(refused.value.message_dict) == {"reason"}
    absent = delivery_create(
        actor=practitioner, engagement=engagement, service=service, on=TODAY, attendance="absent"
    )
    flagged = {f.key: f.engagements for f in dashboard.follow_ups(user=practitioner)}
    assert engagement in flagged["absent-last"]
    delivery_remove(actor=practitioner, delivery=absent, reason="Entered in error")
    kept = ServiceDelivery.objects.get(pk=absent.pk)
    assert kept.removed_by == practitioner and kept.removal_reason == "Entered in error"
    assert list(selectors.deliveries_visible_to(user=manager)) == [delivery]
    flagged = {f.key: f.engagements for f in dashboard.follow_ups(user=practitioner)}
    assert engagement not in flagged["absent-last"]
    assert dashboard.deliveries_per_week(user=practitioner)[-1][1] == (
        1 if delivery.date >= TODAY - timedelta(days=TODAY.weekday()) else 0
    )
    from reports.definitions.casework import build
    from reports.exports.datasets import DATASETS

    figures = build(user=manager, date_from=days_ago(60), date_to=TODAY)
    assert figures["totals"]["deliveries"] == 1
    rows = list(DATASETS["deliveries"].queryset(user=manager, date_from=None, date_to=None))
    assert [r.pk for r in rows] == [delivery.pk]
    # It cannot be changed or removed again, and History says what happened and why.
    with pytest.raises(ValidationError):
        delivery_update(actor=practitioner, delivery=absent, summary="x")
    newest = history_entries(practitioner, engagement)[0]
    assert newest.what == f"Service delivery removed: {service.name} on {TODAY:%-d %b %Y}"
    assert newest.reason == "Entered in error" and newest.changes == []
    assert ServiceDeliveryEvent.objects.filter(pgh_obj=absent).count() == 2


# --- consultations ------------------------------------------------------------------


def test_consultations_change_and_are_removed_with_a_reason(
    practitioner, other_practitioner, manager, consultation
):
    with pytest.raises(CaseworkRefused):
        consultation_update(actor=other_practitioner, consultation=consultation, notes="Forged")
    with pytest.raises(ValidationError) as refused:
        consultation_update(actor=practitioner, consultation=consultation, notes=" ", method="fax")
    assert set(refused.value.message_dict) == {"notes", "method"}
    consultation_update(actor=practitioner, consultation=consultation, notes="Talked about food")
    assert Consultation.objects.get(pk=consultation.pk).notes == "Talked about food"
    mum = contact_create(
        actor=practitioner, kind=ContactKind.ADULT, first_name="Jane", last_name="Bunny"
    )
    ConsultationParticipant.objects.create(consultation=consultation, contact=mum)
    assert list(selectors.consultations_with(user=manager, contact=mum)) == [consultation]
    consultation_remove(actor=practitioner, consultation=consultation, reason="Wrong child")
    assert not selectors.consultations_visible_to(user=manager).exists()
    assert not selectors.consultations_with(user=manager, contact=mum).exists()
    assert Consultation.objects.filter(pk=consultation.pk).exists()
    newest = history_entries(manager, consultation.engagement)[0]
    assert newest.what.startswith("Consultation removed") and newest.reason == "Wrong child"


def test_a_consultation_in_a_closed_engagement_needs_a_manager_and_a_reason(
    practitioner, manager, consultation
):
    engagement_close(actor=practitioner, engagement=consultation.engagement, closed_on=TODAY)
    with pytest.raises(CaseworkRefused):
        consultation_update(actor=practitioner, consultation=consultation, notes="Late")
    with pytest.raises(ValidationError) as refused:
        consultation_update(actor=manager, consultation=consultation, notes="Late")
    assert set(refused.value.message_dict) == {"reason"}
    consultation_update(actor=manager, consultation=consultation, notes="Late", reason="Typo")
    assert Consultation.objects.get(pk=consultation.pk).notes == "Late"


# --- the catalogue ------------------------------------------------------------------


def test_managers_change_programmes_and_services(practitioner, manager, programme, service):
    with pytest.raises(CaseworkRefused):
        programme_update(
            actor=practitioner, programme=programme, name="X", code_prefix="X", is_active=True
        )
    with pytest.raises(ValidationError) as refused:
        programme_update(
            actor=manager, programme=programme, name=" ", code_prefix="", is_active=True
        )
    assert set(refused.value.message_dict) == {"name", "code_prefix"}
    programme_update(
        actor=manager, programme=programme, name="Riverside", code_prefix="RF", is_active=False
    )
    programme.refresh_from_db()
    assert (programme.name, programme.is_active) == ("Riverside", False)
    service_update(actor=manager, service=service, name="Nursery", is_active=False)
    service.refresh_from_db()
    assert (service.name, service.is_active) == ("RF: Nursery", False)
    from casework.history import events_page, history_of
    from casework.models import ProgrammeEvent

    [entry] = [
        e
        for e in events_page(history_of(ProgrammeEvent, tracks=programme)).object_list
        if e.what == "Programme changed"
    ]
    assert ("Still running", "Yes", "No") in [(c.label, c.old, c.new) for c in entry.changes]


def test_a_group_sessions_attendees_are_changed_by_who_recorded_it_or_a_manager(
    practitioner, other_practitioner, manager, engagement, service
):
    from casework.models import GroupSession
    from casework.services.deliveries import group_session_update

    [row] = deliveries_bulk_create(
        actor=practitioner,
        rows=[BulkRow(engagement=engagement, service=service, on=days_ago(10))],
        anonymous_attendees=3,
        group_service=service,
        on=days_ago(10),
    )
    session = row.group_session
    with pytest.raises(CaseworkRefused):
        group_session_update(actor=other_practitioner, session=session, anonymous_attendees=9)
    with pytest.raises(ValidationError) as old:
        group_session_update(actor=practitioner, session=session, anonymous_attendees=4)
    assert set(old.value.message_dict) == {"reason"}
    with pytest.raises(ValidationError) as bad:
        group_session_update(actor=manager, session=session, anonymous_attendees=-1, reason="x")
    assert set(bad.value.message_dict) == {"anonymous_attendees"}
    assert GroupSession.objects.get(pk=session.pk).anonymous_attendees == 3
    group_session_update(
        actor=manager, session=session, anonymous_attendees=4, reason="Sign-in sheet"
    )
    assert GroupSession.objects.get(pk=session.pk).anonymous_attendees == 4


def test_a_reason_jsonb_cannot_hold_does_not_break_the_change(practitioner, delivery):
    """NUL and lone surrogates cannot be stored in the history's JSON: they are dropped
    from the context, and the change (or its refusal) happens as it would."""
    delivery_update(
        actor=practitioner, delivery=delivery, summary="Checked", reason="Typo\x00 \ud800fixed"
    )
    event = ServiceDeliveryEvent.objects.filter(pgh_obj=delivery, pgh_label="update").latest(
        "pgh_id"
    )
    assert event.pgh_context["reason"] == "Typo fixed"
