"""The data team's review of support-line cases: a handler marks a case ready, the
reviewer returns it with a comment or completes the review; a supervisor or DSL
records the lawful basis for sharing without consent."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.tracking import attributed
from referrals import notify, policy
from referrals.models import CaseEvent, CaseStatus, SupportCase
from referrals.services.cases import case_verified_check
from referrals.task_subjects import case_url
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record


@attributed
def case_mark_ready(*, actor, case: SupportCase) -> SupportCase:
    """ "Ready for review": the case joins the data team's queue."""
    policy.check_handle_calls(actor)
    case_verified_check(actor=actor, case=case)
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        if case.status not in (CaseStatus.OPEN, CaseStatus.RETURNED):
            raise ValidationError(
                {"status": f"This case is already {case.get_status_display().lower()}."}
            )
        case.status = CaseStatus.READY
        case.ready_at = timezone.now()
        case.save(update_fields=["status", "ready_at", "updated_at"])
        notify.notify(
            recipients=list(notify.users_with(cap.REVIEW_REFERRALS).exclude(pk=actor.pk)),
            title=f"Case ready for review: {case.title}",
            link_url=reverse("review_case", kwargs={"public_id": case.public_id}),
            dedupe_key=f"case-ready:{case.public_id}:{case.ready_at:%s}",
        )
    return case


@attributed
def case_return(*, actor, case: SupportCase, comment: str) -> SupportCase:
    """The reviewer hands the case back to the call handler with a comment."""
    policy.check_review_cases(actor)
    if not comment.strip():
        raise ValidationError({"comment": "Say what the call handler needs to do."})
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        if case.status != CaseStatus.READY:
            raise ValidationError({"comment": "Only a case ready for review can be returned."})
        case.status = CaseStatus.RETURNED
        case.returned_comment = comment.strip()
        case.save(update_fields=["status", "returned_comment", "updated_at"])
        CaseEvent.objects.create(case=case, actor=actor, action="returned", detail=comment[:300])
        notify.notify(
            recipients=[case.created_by],
            title=f"Case returned to you: {case.title}",
            body=comment.strip(),
            link_url=case_url(case),
        )
    return case


@attributed
def case_complete_review(*, actor, case: SupportCase) -> SupportCase:
    policy.check_review_cases(actor)
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        if case.status != CaseStatus.READY:
            raise ValidationError({"status": "Only a case ready for review can be completed."})
        unsent = case.local_referrals.filter(referral__isnull=True).count()
        if unsent:
            raise ValidationError(
                {"status": f"{unsent} local referral(s) not sent yet: send or return the case."}
            )
        case.status = CaseStatus.REVIEWED
        case.save(update_fields=["status", "updated_at"])
        CaseEvent.objects.create(case=case, actor=actor, action="reviewed")
    return case


@attributed
def case_set_lawful_basis(*, actor, case: SupportCase, reason: str) -> SupportCase:
    """Sharing without consent: a supervisor or DSL records why it is lawful."""
    policy.check_set_lawful_basis(actor)
    if len(reason.strip()) < 10:
        raise ValidationError(
            {"reason": "Give the lawful basis and why it applies (at least 10 characters)."}
        )
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        case.lawful_basis = reason.strip()
        case.lawful_basis_by = actor
        case.lawful_basis_at = timezone.now()
        case.save(update_fields=["lawful_basis", "lawful_basis_by", "lawful_basis_at"])
        CaseEvent.objects.create(case=case, actor=actor, action="lawful basis", detail=reason[:300])
        audit_record(
            actor=actor,
            action="referral.lawful_basis_recorded",
            detail=f"support case {case.public_id}",
            after={"reason": case.lawful_basis},
        )
    return case
