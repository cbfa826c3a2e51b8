"""Approving a plan, where the partner asks for it: the author sends the draft to their
line manager (or another manager or DSL); the approver approves it (it is in force) or
returns it with a comment (a draft again). Requests and decisions are only added to; a
decision is never the submitter's (casework.safeguarding.policy.can_decide, shared)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.plans import policy, selectors
from casework.plans.models import (
    ApprovalDecision,
    ApprovalRequest,
    CasePlan,
    Decision,
    PlanSettings,
    PlanStatus,
)
from casework.plans.services.plans import plan_locked, plan_url
from casework.tracking import attributed
from casework.worklist.services import notification_send
from casework.worklist.subjects import person_initials
from tenants.accounts.services.audit import audit_record


def _about(plan) -> str:
    """A plan in words for notifications: the programme and initials, never the name."""
    return (
        f"Case plan ({plan.engagement.programme.name}, {person_initials(plan.engagement.contact)})"
    )


@attributed
def approval_submit(*, actor, plan: CasePlan, approver, comment: str = "") -> ApprovalRequest:
    errors = {}
    if approver is None:
        errors["approver"] = "Choose who approves the plan: your line manager."
    elif approver.pk == actor.pk:
        errors["approver"] = "You cannot approve your own plan: choose your line manager."
    elif not policy.can_approve(approver):
        errors["approver"] = "The approver must be a manager or designated safeguarding lead."
    with transaction.atomic():
        plan = plan_locked(plan=plan)
        policy.check_write_plan(actor, plan.engagement)
        if plan.status != PlanStatus.DRAFT:
            raise ValidationError("Only a draft plan is sent for approval.")
        if not plan.goals.filter(removed_at__isnull=True).exists():
            errors["plan"] = "Add at least one goal before sending the plan for approval."
        if errors:
            raise ValidationError(errors)
        request = ApprovalRequest.objects.create(
            plan=plan, submitted_by=actor, approver=approver, comment=(comment or "").strip()
        )
        plan.status = PlanStatus.AWAITING_APPROVAL
        plan.save(update_fields=["status"])
        notification_send(
            recipient=approver,
            title=f"{_about(plan)}: to approve",
            body=f"{actor.get_full_name()} asks you to approve a case plan.",
            link_url=plan_url(plan),
        )
    return request


@attributed
def approval_decide(
    *, actor, request: ApprovalRequest, approve: bool, comment: str = ""
) -> ApprovalDecision:
    policy.check_decide(actor, request)
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ValidationError({"comment": "Say what needs to change before you can approve it."})
    with transaction.atomic():
        plan = plan_locked(plan=request.plan)
        if ApprovalDecision.objects.filter(request=request).exists():
            raise ValidationError("This plan has already been decided.")
        if plan.status != PlanStatus.AWAITING_APPROVAL:
            raise ValidationError("This plan is not waiting for approval.")
        try:
            with transaction.atomic():
                decision = ApprovalDecision.objects.create(
                    request=request,
                    decided_by=actor,
                    outcome=Decision.APPROVED if approve else Decision.RETURNED,
                    comment=comment,
                )
        except IntegrityError as exc:  # decided in another tab at the same moment
            raise ValidationError("This plan has already been decided.") from exc
        if approve:
            plan.status = PlanStatus.IN_FORCE
            plan.approved_at = timezone.now()
        else:
            plan.status = PlanStatus.DRAFT
        plan.save(update_fields=["status", "approved_at"])
        outcome = "approved it: it is in force" if approve else "returned it for changes"
        notification_send(
            recipient=request.submitted_by,
            title=f"{_about(plan)}: {decision.get_outcome_display().lower()}",
            body=f"{actor.get_full_name()} {outcome}. Open the plan to read their comment.",
            link_url=plan_url(plan),
        )
    return decision


@attributed
def plan_settings_update(*, actor, approval_required: bool) -> PlanSettings:
    policy.check_change_settings(actor)
    with transaction.atomic():
        settings = selectors.plan_settings()
        settings = PlanSettings.objects.select_for_update().get(pk=settings.pk)
        before = settings.approval_required
        settings.approval_required = bool(approval_required)
        settings.save(update_fields=["approval_required"])
        audit_record(
            actor=actor,
            action="plans.settings",
            before={"approval_required": before},
            after={"approval_required": settings.approval_required},
        )
    return settings
