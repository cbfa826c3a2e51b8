"""Support-line cases: beneficiaries and their consent, append-only notes, the verification
gate, support and safeguarding, ready for review, returning, the lawful basis."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone

from casework.models import Consent
from referrals.models import CaseEvent, CaseNote, CaseStatus, SignpostCategory
from referrals.services.cases import (
    case_create,
    case_is_verified,
    case_note_add,
    case_support_update,
    case_verify,
    details_clean,
    local_referral_add,
    signpost_add,
)
from referrals.services.review import case_mark_ready, case_return, case_set_lawful_basis
from tests.referrals.helpers import consented_caller
from tests.tenants.accounts.helpers import make_user


def test_someone_else_needs_the_callers_word_for_their_consent(handler):
    caller = consented_caller(handler)
    with pytest.raises(ValidationError) as exc:
        case_create(
            actor=handler,
            caller=caller,
            title="Shopping",
            new_beneficiary={"consent": Consent.NOT_REQUESTED, "postcode_district": "M1"},
        )
    assert "beneficiary_consent_to_discuss" in exc.value.message_dict
    case = case_create(
        actor=handler,
        caller=caller,
        title="Shopping",
        new_beneficiary={
            "consent": Consent.GIVEN,
            "consent_decided_on": date.today(),
            "first_name": "Ada",
            "last_name": "Fairweather",
            "postcode": "M1 1AE",
        },
        beneficiary_consent_to_discuss=True,
    )
    assert case.beneficiary != caller and not case.beneficiary_is_caller
    assert case.beneficiary.consent_given_by == caller  # the caller on their behalf
    assert case.beneficiary.region == "north_west"


def test_a_beneficiary_with_bad_details_leaves_nothing_behind(handler):
    caller = consented_caller(handler)
    before = caller.__class__.objects.count()
    with pytest.raises(ValidationError):
        case_create(
            actor=handler,
            caller=caller,
            title="Shopping",
            new_beneficiary={"consent": Consent.REFUSED, "first_name": "Ada"},
            beneficiary_consent_to_discuss=True,
        )
    assert caller.__class__.objects.count() == before


@pytest.mark.owner_role  # the trigger, which holds against the owner too
def test_notes_are_append_only_in_the_database(handler):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    note = case_note_add(actor=handler, case=case, text="Caller needs a food parcel.")
    assert (note.author, note.text) == (handler, "Caller needs a food parcel.")
    for sql in (
        "UPDATE referrals_casenote SET text = 'rewritten' WHERE id = %s",
        "DELETE FROM referrals_casenote WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [note.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending FK checks in the way
            cursor.execute("TRUNCATE referrals_casenote CASCADE")
    assert CaseNote.objects.get(pk=note.pk).text == "Caller needs a food parcel."


def test_an_earlier_callers_case_is_hidden_until_their_identity_is_confirmed(handler, in_partner_b):
    caller = consented_caller(handler)
    case = case_create(actor=handler, caller=caller, title="Food")
    colleague = make_user(role_key="call-handler")
    assert case_is_verified(user=handler, case=case)  # opened it on this call
    assert not case_is_verified(user=colleague, case=case)
    with pytest.raises(ValidationError) as exc:
        case_note_add(actor=colleague, case=case, text="Update")
    assert "identity" in exc.value.message_dict["verified"][0]
    verification = case_verify(actor=colleague, case=case)
    assert (verification.verified_by, verification.case) == (colleague, case)
    assert case_is_verified(user=colleague, case=case)
    # A confirmation lasts one call, not for ever.
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        assert not case_is_verified(user=colleague, case=case)


def test_a_new_case_for_an_earlier_caller_needs_the_identity_confirmed(handler, in_partner_b):
    caller = consented_caller(handler)
    colleague = make_user(role_key="call-handler")
    with pytest.raises(ValidationError) as exc:
        case_create(actor=colleague, caller=caller, title="Medication")
    assert "identity_confirmed" in exc.value.message_dict
    case = case_create(actor=colleague, caller=caller, title="Medication", identity_confirmed=True)
    assert case.verifications.get().verified_by == colleague


def test_safeguarding_needs_a_reason(handler):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    with pytest.raises(ValidationError) as exc:
        case_support_update(
            actor=handler,
            case=case,
            psychosocial_support=True,
            safeguarding_activated=True,
            feedback_consent=False,
        )
    assert "safeguarding_reason" in exc.value.message_dict
    case = case_support_update(
        actor=handler,
        case=case,
        psychosocial_support=True,
        safeguarding_activated=True,
        safeguarding_reason="Risk of self-neglect",
        feedback_consent=True,
    )
    assert case.safeguarding_activated and case.safeguarding_reason == "Risk of self-neglect"


def test_signposts_and_typed_local_referrals(handler):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    for name in ("Housing", "Food banks and food support"):
        signpost_add(actor=handler, case=case, category=SignpostCategory.objects.get(name=name))
    assert case.signposts.count() == 2
    local = local_referral_add(
        actor=handler,
        case=case,
        response_type="medication",
        details={
            "pharmacy": "High Street Pharmacy",
            "prescription_ready": "yes",
            "collection_date": "2030-01-02",
            "smuggled": "not a field of this type",
        },
    )
    assert local.details == {
        "pharmacy": "High Street Pharmacy",
        "prescription_ready": True,
        "collection_date": "2030-01-02",
    }


@pytest.mark.parametrize(
    ("kind", "details", "field"),
    [
        ("food", {"household_size": "lots"}, "household_size"),
        ("food", {"household_size": "0"}, "household_size"),
        ("medication", {"collection_date": "31/02/2030"}, "collection_date"),
        ("medication", {"prescription_ready": "maybe"}, "prescription_ready"),
        ("teleport", {}, "response_type"),
    ],
)
def test_bad_referral_details_name_the_field(kind, details, field):
    with pytest.raises(ValidationError) as exc:
        details_clean(kind, details)
    assert field in exc.value.message_dict


def test_ready_for_review_then_returned_then_ready_again(handler, data_team):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    case = case_mark_ready(actor=handler, case=case)
    assert case.status == CaseStatus.READY and case.ready_at
    with pytest.raises(ValidationError):
        case_mark_ready(actor=handler, case=case)
    with pytest.raises(PermissionDenied):
        case_return(actor=handler, case=case, comment="No")
    with pytest.raises(ValidationError):
        case_return(actor=data_team, case=case, comment=" ")
    case = case_return(actor=data_team, case=case, comment="Add the household size.")
    assert case.status == CaseStatus.RETURNED and case.returned_comment
    assert case_mark_ready(actor=handler, case=case).status == CaseStatus.READY


def test_changes_after_submission_are_recorded_for_the_data_team(handler):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    case_note_add(actor=handler, case=case, text="Before review")
    assert not CaseEvent.objects.filter(case=case).exists()
    case_mark_ready(actor=handler, case=case)
    case_note_add(actor=handler, case=case, text="Caller rang back: now needs medication too")
    assert list(CaseEvent.objects.filter(case=case).values_list("action", flat=True)) == [
        "note added"
    ]


def test_only_supervisors_record_a_lawful_basis(handler, data_team, supervisor):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    for refused in (handler, data_team):
        with pytest.raises(PermissionDenied):
            case_set_lawful_basis(actor=refused, case=case, reason="Vital interests of the caller")
    with pytest.raises(ValidationError):
        case_set_lawful_basis(actor=supervisor, case=case, reason="because")
    case = case_set_lawful_basis(
        actor=supervisor, case=case, reason="Vital interests: no food for three days"
    )
    assert (case.lawful_basis_by, case.lawful_basis_at is not None) == (supervisor, True)
