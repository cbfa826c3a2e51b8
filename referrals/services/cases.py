"""Support-line cases: one need of one caller, with its notes, support, signposts and
local referrals; handed to the data team when ready for review."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.models import Contact
from casework.tracking import attributed
from referrals import notify, policy
from referrals.models import (
    CaseEvent,
    CaseNote,
    CaseStatus,
    CaseVerification,
    LocalReferral,
    Signpost,
    SignpostCategory,
    SupportCase,
)
from referrals.policy import VERIFY_WINDOW, case_is_verified
from referrals.services.callers import caller_create
from referrals.task_subjects import case_url, case_words
from referrals.types import REFERRAL_TYPES
from tenants.accounts import capabilities as cap

SUBMITTED = {CaseStatus.READY, CaseStatus.REVIEWED}


def case_verified_check(*, actor, case) -> None:
    """A change to a case waits until the caller's identity is confirmed against it."""
    if not case_is_verified(user=actor, case=case):
        raise ValidationError(
            {
                "verified": "Confirm the caller's identity against the record before changing the case."
            }
        )


def _check_may_correct(actor, case) -> None:
    """Corrections: by whoever may see the case's details (the data team always does)."""
    policy.check_change_case(actor, case)
    if not policy.can_review_cases(actor):
        case_verified_check(actor=actor, case=case)


def case_changed_after_submission(*, actor, case, action: str, detail: str = "") -> None:
    """Later changes to a submitted case are recorded and the data team is told."""
    if case.status not in SUBMITTED:
        return
    CaseEvent.objects.create(case=case, actor=actor, action=action, detail=detail[:300])
    notify.notify(
        recipients=list(notify.users_with(cap.REVIEW_REFERRALS).exclude(pk=actor.pk)),
        title=f"Case changed after review: {case.title}",
        body=f"{actor.get_full_name()}: {action}",
        link_url=reverse("review_case", kwargs={"public_id": case.public_id}),
    )


def case_verify(*, actor, case: SupportCase) -> CaseVerification:
    """The handler confirmed the caller's identity against the record (who, when)."""
    policy.check_handle_calls(actor)
    return CaseVerification.objects.create(case=case, verified_by=actor)


@attributed
def case_create(
    *,
    actor,
    caller: Contact,
    title: str,
    identity_confirmed: bool = False,
    beneficiary: Contact | None = None,
    new_beneficiary: dict | None = None,
    beneficiary_consent_to_discuss: bool = False,
) -> SupportCase:
    """A new need. The beneficiary is the caller, an existing contact, or a new contact
    created here with consent given by the caller on their behalf."""
    policy.check_handle_calls(actor)
    errors = {}
    if not title.strip():
        errors["title"] = "Enter a short title for the case, like “Food parcel”."
    # A caller recorded before this call must be confirmed against the record first.
    existing = (
        caller.created_at < timezone.now() - VERIFY_WINDOW or caller.created_by_id != actor.pk
    )
    if existing and not identity_confirmed:
        errors["identity_confirmed"] = (
            "Confirm the caller's identity against the record before opening a case."
        )
    someone_else = beneficiary is not None or new_beneficiary is not None
    if beneficiary is not None and beneficiary.pk == caller.pk:
        someone_else = False
    errors |= _beneficiary_consent_errors(
        someone_else=someone_else, consent_to_discuss=beneficiary_consent_to_discuss
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if new_beneficiary is not None:
            beneficiary = caller_create(actor=actor, on_behalf_of=caller, **new_beneficiary)
        case = SupportCase.objects.create(
            title=title.strip(),
            caller=caller,
            beneficiary=beneficiary or caller,
            beneficiary_consent_to_discuss=someone_else and beneficiary_consent_to_discuss,
            created_by=actor,
        )
        if existing:
            CaseVerification.objects.create(case=case, verified_by=actor)
    return case


@attributed
def case_note_add(*, actor, case: SupportCase, text: str) -> CaseNote:
    policy.check_handle_calls(actor)
    case_verified_check(actor=actor, case=case)
    if not text.strip():
        raise ValidationError({"text": "Enter the note."})
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        note = CaseNote.objects.create(case=case, author=actor, text=text.strip())
        case_changed_after_submission(actor=actor, case=case, action="note added")
    return note


SUPPORT_FIELDS = (
    "psychosocial_support",
    "safeguarding_activated",
    "safeguarding_reason",
    "feedback_consent",
)
CASE_FIELDS = ("title", "beneficiary_consent_to_discuss", *SUPPORT_FIELDS)


def _beneficiary_consent_errors(*, someone_else: bool, consent_to_discuss: bool) -> dict:
    if someone_else and not consent_to_discuss:
        return {
            "beneficiary_consent_to_discuss": (
                "Confirm the caller has the beneficiary's consent to discuss the case."
            )
        }
    return {}


@attributed
def support_case_update(*, actor, case: SupportCase, reason: str = "", **changes) -> SupportCase:
    """Correct a case's own fields (not its notes: those are only added to). Only the
    fields given change. After review only the data team or a supervisor, with a reason;
    the data team is told of every change after submission."""
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise ValidationError({name: "This cannot be changed here." for name in unknown})
    _check_may_correct(actor, case)
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        policy.check_change_case(actor, case)
        current = {name: getattr(case, name) for name in CASE_FIELDS}
        values = current | {
            name: value.strip() if isinstance(value, str) else value
            for name, value in changes.items()
        }
        if not values["safeguarding_activated"]:
            values["safeguarding_reason"] = ""
        errors = {}
        if not values["title"]:
            errors["title"] = "Enter a short title for the case, like “Food parcel”."
        elif len(values["title"]) > 200:
            errors["title"] = "Keep the title to 200 characters or fewer."
        if values["safeguarding_activated"] and not values["safeguarding_reason"]:
            errors["safeguarding_reason"] = (
                "Enter the high-level reason safeguarding was activated."
            )
        elif len(values["safeguarding_reason"]) > 300:
            errors["safeguarding_reason"] = "Keep the reason to 300 characters or fewer."
        errors |= _beneficiary_consent_errors(
            someone_else=not case.beneficiary_is_caller,
            consent_to_discuss=values["beneficiary_consent_to_discuss"],
        )
        changed = {name: value for name, value in values.items() if value != current[name]}
        errors |= policy.reason_missing(policy.case_change_needs_reason(case, changed), reason)
        if errors:
            raise ValidationError(errors)
        if not changed:
            return case
        newly_activated = changed.get("safeguarding_activated") is True
        for name, value in changed.items():
            setattr(case, name, value)
        case.save()
        if newly_activated:
            supervisors = list(notify.users_with(cap.SET_LAWFUL_BASIS))
            notify.task_for(
                actor=actor,
                assignees=supervisors,
                title=f"{case_words(case)}: safeguarding activated",
                link_url=case_url(case),
            )
        support_only = set(changed) <= set(SUPPORT_FIELDS)
        labels = ", ".join(str(SupportCase._meta.get_field(n).verbose_name) for n in changed)
        case_changed_after_submission(
            actor=actor,
            case=case,
            action="support changed" if support_only else "case changed",
            detail=(reason or "").strip() or labels,
        )
    return case


def case_support_update(
    *,
    actor,
    case: SupportCase,
    psychosocial_support: bool,
    safeguarding_activated: bool,
    safeguarding_reason: str = "",
    feedback_consent: bool,
    reason: str = "",
) -> SupportCase:
    """The support given and feedback consent (the case screen's "Support" section)."""
    return support_case_update(
        actor=actor,
        case=case,
        reason=reason,
        psychosocial_support=psychosocial_support,
        safeguarding_activated=safeguarding_activated,
        safeguarding_reason=safeguarding_reason,
        feedback_consent=feedback_consent,
    )


@attributed
def signpost_add(*, actor, case: SupportCase, category: SignpostCategory) -> Signpost:
    policy.check_handle_calls(actor)
    case_verified_check(actor=actor, case=case)
    if not category.is_active:
        raise ValidationError({"category": "Choose a signpost from the list."})
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        signpost = Signpost.objects.create(case=case, category=category, added_by=actor)
        case_changed_after_submission(
            actor=actor, case=case, action="signpost added", detail=category.name
        )
    return signpost


def details_clean(response_type: str, raw: dict) -> dict:
    """Only the type's own fields, each of its kind; raises naming the field."""
    spec = REFERRAL_TYPES.get(response_type)
    if spec is None:
        raise ValidationError({"response_type": "Choose the kind of support needed."})
    cleaned, errors = {}, {}
    for field in spec.details:
        value = raw.get(field.name)
        if value in (None, ""):
            continue
        if field.kind == "integer":
            try:
                number = int(str(value).strip())
            except ValueError:
                number = 0
            if not 1 <= number <= 50:
                errors[field.name] = f"{field.label}: enter a whole number from 1 to 50."
            else:
                cleaned[field.name] = number
        elif field.kind == "yesno":
            if str(value).lower() not in ("yes", "no", "true", "false"):
                errors[field.name] = f"{field.label}: choose yes or no."
            else:
                cleaned[field.name] = str(value).lower() in ("yes", "true")
        elif field.kind == "date":
            if isinstance(value, date):
                cleaned[field.name] = value.isoformat()
            else:
                try:
                    cleaned[field.name] = date.fromisoformat(str(value)).isoformat()
                except ValueError:
                    errors[field.name] = f"{field.label}: enter a real date."
        else:
            text = str(value).strip()
            if len(text) > 300:
                errors[field.name] = f"{field.label}: use at most 300 characters."
            elif text:
                cleaned[field.name] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


@attributed
def local_referral_add(
    *, actor, case: SupportCase, response_type: str, details: dict
) -> LocalReferral:
    policy.check_handle_calls(actor)
    case_verified_check(actor=actor, case=case)
    cleaned = details_clean(response_type, details)
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        referral = LocalReferral.objects.create(
            case=case, response_type=response_type, details=cleaned, added_by=actor
        )
        case_changed_after_submission(
            actor=actor,
            case=case,
            action="local referral added",
            detail=REFERRAL_TYPES[response_type].label,
        )
    return referral


@attributed
def local_referral_update(
    *, actor, local_referral: LocalReferral, details: dict, reason: str = ""
) -> LocalReferral:
    """Correct a local referral's own fields while it is not yet sent; refused after
    sending (the receiver holds its copy). Its type stays: a different need is a new one."""
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=local_referral.case_id)
        _check_may_correct(actor, case)
        local = (
            LocalReferral.objects.select_for_update(of=("self",))
            .select_related("referral")
            .get(pk=local_referral.pk)
        )
        refusal = policy.local_referral_change_refusal(local)
        if refusal:
            raise ValidationError(refusal)
        cleaned = details_clean(local.response_type, details)
        if cleaned == local.details:
            return local
        errors = policy.reason_missing(policy.case_change_needs_reason(case, cleaned), reason)
        if errors:
            raise ValidationError(errors)
        local.details = cleaned
        local.save(update_fields=["details"])
        case_changed_after_submission(
            actor=actor,
            case=case,
            action="local referral changed",
            detail=REFERRAL_TYPES[local.response_type].label,
        )
    return local
