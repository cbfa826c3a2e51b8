"""Closing a case by approval: the owner submits a request to a manager or DSL;
the approver approves (the case closes) or rejects (it stays open and the clock
restarts). The history is append-only; the engagement is never closed by this."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.safeguarding import clock, policy
from casework.safeguarding.models import (
    CaseStatus,
    ClosureDecision,
    ClosureRequest,
    Outcome,
    SafeguardingCase,
)
from casework.safeguarding.services.cases import case_audit, case_locked, case_url
from casework.tracking import attributed
from casework.worklist.services import notification_send, tasks_complete_for

PENDING_MESSAGE = "A closure request is already waiting for a decision."


@attributed
def closure_request_submit(
    *, actor, case: SafeguardingCase, approver, comment: str
) -> ClosureRequest:
    policy.check_record_on_case(actor, case)
    errors = {}
    if not (comment or "").strip():
        errors["comment"] = "Say why the case can close: that all agreed actions were taken."
    if approver is None:
        errors["approver"] = "Choose who approves the closure: your line manager."
    elif approver.pk == actor.pk:
        errors["approver"] = "You cannot approve your own request: choose your line manager."
    elif not policy.can_approve_closures(approver):
        errors["approver"] = "The approver must be a manager or designated safeguarding lead."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = case_locked(case=case)
        if case.status == CaseStatus.CLOSED:
            raise ValidationError("This case is already closed.")
        if case.status == CaseStatus.CLOSURE_PENDING:
            raise ValidationError(PENDING_MESSAGE)
        request = ClosureRequest.objects.create(
            case=case, submitted_by=actor, approver=approver, comment=comment.strip()
        )
        case.status = CaseStatus.CLOSURE_PENDING
        case.next_update_due = None  # the clock pauses while the request is pending
        case.save(update_fields=["status", "next_update_due"])
        case_audit(
            actor=actor,
            action="safeguarding.closure_submitted",
            case=case,
            after={"approver": approver.username},
        )
        notification_send(
            recipient=approver,
            title=f"Safeguarding case {case.reference}: closure request to decide",
            body=f"{actor.get_full_name()} asks you to approve closing the case.",
            link_url=case_url(case),
        )
    return request


@attributed
def closure_request_decide(
    *, actor, request: ClosureRequest, approve: bool, comment: str
) -> ClosureDecision:
    policy.check_decide(actor, request)
    if not (comment or "").strip():
        raise ValidationError({"comment": "Give the reasons for your decision."})
    with transaction.atomic():
        case = case_locked(case=request.case)
        if ClosureDecision.objects.filter(request=request).exists():
            raise ValidationError("This request has already been decided.")
        if case.status != CaseStatus.CLOSURE_PENDING:
            raise ValidationError("This case has no closure request waiting for a decision.")
        try:
            with transaction.atomic():
                decision = ClosureDecision.objects.create(
                    request=request,
                    decided_by=actor,
                    outcome=Outcome.APPROVED if approve else Outcome.REJECTED,
                    comment=comment.strip(),
                )
        except IntegrityError as exc:  # decided in another tab at the same moment
            raise ValidationError("This request has already been decided.") from exc
        today = timezone.localdate()
        if approve:
            case.status = CaseStatus.CLOSED
            case.closed_on = today
            case.next_update_due = None
            tasks_complete_for(link_url=case_url(case))
        else:
            case.status = CaseStatus.OPEN
            case.clock_started_on = today
            case.next_update_due = clock.next_update_due(threshold=case.threshold, started_on=today)
        case.save(update_fields=["status", "closed_on", "clock_started_on", "next_update_due"])
        case_audit(actor=actor, action=f"safeguarding.closure_{decision.outcome}", case=case)
        outcome = "approved: the case is closed" if approve else "rejected: the case stays open"
        notification_send(
            recipient=request.submitted_by,
            title=f"Safeguarding case {case.reference}: closure {decision.outcome}",
            # No comment in the email: what leaves the platform names no one and says no more.
            body=f"{actor.get_full_name()} {outcome}. Open the case to read their comment.",
            link_url=case_url(case),
        )
    return decision
