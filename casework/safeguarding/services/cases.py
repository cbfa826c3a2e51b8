"""Raising a concern and keeping the case: monitoring actions, threshold, local
authority notification, and the audit of every read."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.models import Engagement
from casework.policy import can_see_engagement, check_record_casework
from casework.safeguarding import clock, policy
from casework.safeguarding.models import (
    MonitoringAction,
    SafeguardingCase,
    SafeguardingSettings,
    Threshold,
)
from casework.safeguarding.selectors import READ_ACTION
from casework.services.engagements import CLOSED_MESSAGE
from casework.tracking import attributed
from casework.worklist.services import notification_send, task_assign
from casework.worklist.subjects import person_initials
from tenants.accounts.services.audit import audit_record


def new_case_task_title(case) -> str:
    """“SG-00003: new safeguarding case for J. S.” (initials: titles go into emails)."""
    return f"{case.reference}: new safeguarding case for {person_initials(case.engagement.contact)}"


CLOSED_CASE_MESSAGE = "This case is closed, so it takes no new updates."
LONG_TEXT = 20000


def case_url(case) -> str:
    return reverse("safeguarding_case", args=[case.public_id])


def case_audit(*, actor, action: str, case, detail: str = "", **changes) -> None:
    """An audit entry about the case, under its reference (every safeguarding service)."""
    audit_record(
        actor=actor,
        action=action,
        target_public_id=case.public_id,
        detail=f"{case.reference} {detail}".strip()[:300],
        **changes,
    )


def _text_errors(values: dict, required: dict) -> dict:
    errors = {}
    for field, message in required.items():
        if not (values.get(field) or "").strip():
            errors[field] = message
    for field, value in values.items():
        if value and len(value) > LONG_TEXT:
            errors[field] = f"Keep this under {LONG_TEXT:,} characters."
    return errors


def case_locked(*, case) -> SafeguardingCase:
    """The case read again and locked until the caller's transaction ends."""
    return SafeguardingCase.objects.select_for_update().get(pk=case.pk)


@attributed
def case_open(
    *,
    actor,
    engagement: Engagement,
    threshold: str,
    description: str,
    raised_with: str,
    actions_agreed: str,
    information_from_professionals: str = "",
    decision_basis: str = "",
    opened_on: date | None = None,
) -> SafeguardingCase:
    """Record a concern in the child's engagement. The owner (who raised it) gets a task."""
    check_record_casework(actor)
    if not can_see_engagement(actor, engagement):
        raise policy.CaseworkRefused("You cannot see this engagement.")
    today = timezone.localdate()
    opened_on = opened_on or today
    texts = {
        "description": description,
        "raised_with": raised_with,
        "actions_agreed": actions_agreed,
        "information_from_professionals": information_from_professionals,
        "decision_basis": decision_basis,
    }
    errors = _text_errors(
        texts,
        {
            "description": "Describe the concern.",
            "raised_with": "Say who the concern was raised with: name, job title and role.",
            "actions_agreed": "Say what actions have been agreed.",
        },
    )
    if threshold not in Threshold.values:
        errors["threshold"] = "Choose High or Low (see the guidance beside each)."
    if opened_on > today:
        errors["opened_on"] = "The date raised cannot be in the future."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        if not engagement.is_open:
            raise ValidationError({"engagement": CLOSED_MESSAGE})
        if opened_on < engagement.start_date:
            raise ValidationError(
                {"opened_on": "The date raised cannot be before the engagement started."}
            )
        counter, _ = SafeguardingSettings.objects.select_for_update().get_or_create(pk=1)
        number = counter.next_case_number
        counter.next_case_number = number + 1
        counter.save(update_fields=["next_case_number"])
        case = SafeguardingCase.objects.create(
            number=number,
            engagement=engagement,
            owner=actor,
            threshold=threshold,
            **{field: value.strip() for field, value in texts.items()},
            opened_on=opened_on,
            clock_started_on=opened_on,
            next_update_due=clock.next_update_due(threshold=threshold, started_on=opened_on),
            created_by=actor,
        )
        task_assign(
            actor=actor,
            assignee=actor,
            title=new_case_task_title(case),
            due_on=case.next_update_due,
            link_url=case_url(case),
        )
        case_audit(
            actor=actor, action="safeguarding.open", case=case, after={"threshold": threshold}
        )
        _tell_leads(actor, case)
    return case


def _tell_leads(actor, case) -> None:
    """Recording never replaces telling them, but nothing recorded goes unseen: the
    owner's line manager and the partner's DSLs hear of every new case."""
    from casework.safeguarding.selectors import dsls

    recipients = {u.pk: u for u in dsls()}
    if actor.line_manager_id:
        recipients[actor.line_manager_id] = actor.line_manager
    recipients.pop(actor.pk, None)
    for recipient in recipients.values():
        notification_send(
            recipient=recipient,
            title=f"New safeguarding case {case.reference} ({case.get_threshold_display()})",
            body=f"Raised by {actor.get_full_name()}.",
            link_url=case_url(case),
            dedupe_key=f"case:{case.public_id}:opened",
        )


@attributed
def monitoring_action_add(
    *, actor, case: SafeguardingCase, actions_taken: str, taken_by: str, rationale: str
) -> MonitoringAction:
    """A case comment. Restarts the clock, unless a closure request is pending."""
    policy.check_record_on_case(actor, case)
    errors = _text_errors(
        {"actions_taken": actions_taken, "taken_by": taken_by, "rationale": rationale},
        {
            "actions_taken": "Say what actions have been taken.",
            "taken_by": "Say who took them: centre staff, parents or carers, other agencies.",
            "rationale": "Give the reasons, including why any agreed action was not completed.",
        },
    )
    if len(taken_by or "") > 500:
        errors["taken_by"] = "Keep who took the actions under 500 characters."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = case_locked(case=case)
        if case.is_closed:
            raise ValidationError(CLOSED_CASE_MESSAGE)
        action = MonitoringAction.objects.create(
            case=case,
            author=actor,
            author_name=actor.get_full_name(),
            author_job_title=actor.job_title,
            actions_taken=actions_taken.strip(),
            taken_by=taken_by.strip(),
            rationale=rationale.strip(),
        )
        if not case.is_paused:
            case.clock_started_on = timezone.localdate()
            case.next_update_due = clock.next_update_due(
                threshold=case.threshold, started_on=case.clock_started_on
            )
            case.save(update_fields=["clock_started_on", "next_update_due"])
    return action


@attributed
def case_change_threshold(*, actor, case: SafeguardingCase, threshold: str) -> SafeguardingCase:
    policy.check_record_on_case(actor, case)
    if threshold not in Threshold.values:
        raise ValidationError({"threshold": "Choose High or Low (see the guidance beside each)."})
    with transaction.atomic():
        case = case_locked(case=case)
        if case.is_closed:
            raise ValidationError(CLOSED_CASE_MESSAGE)
        if case.threshold == threshold:
            raise ValidationError({"threshold": f"The threshold is already {threshold.title()}."})
        before = case.threshold
        case.threshold = threshold
        case.next_update_due = clock.next_update_due(
            threshold=threshold, started_on=case.clock_started_on, paused=case.is_paused
        )
        case.save(update_fields=["threshold", "next_update_due"])
        case_audit(
            actor=actor,
            action="safeguarding.threshold",
            case=case,
            before={"threshold": before},
            after={"threshold": threshold},
        )
    return case


@attributed
def case_record_la_notification(
    *, actor, case: SafeguardingCase, notified: bool, notified_on: date | None
) -> SafeguardingCase:
    """Only a DSL or deputy: whether, and when, the local authority was told."""
    policy.check_record_la_notification(actor)
    policy.check_see_case(actor, case)
    if notified and not notified_on:
        raise ValidationError({"notified_on": "Enter the date the local authority was notified."})
    if notified and notified_on > timezone.localdate():
        raise ValidationError({"notified_on": "The date notified cannot be in the future."})
    with transaction.atomic():
        case = case_locked(case=case)
        if notified and notified_on < case.opened_on:
            raise ValidationError(
                {"notified_on": "The date notified cannot be before the concern was raised."}
            )
        before = {"notified": case.la_notified, "on": str(case.la_notified_on or "")}
        case.la_notified = notified
        case.la_notified_on = notified_on if notified else None
        case.la_notified_by = actor if notified else None
        case.save(update_fields=["la_notified", "la_notified_on", "la_notified_by"])
        case_audit(
            actor=actor,
            action="safeguarding.la_notified",
            case=case,
            before=before,
            after={"notified": notified, "on": str(case.la_notified_on or "")},
        )
    return case


def case_read_record(*, actor, case: SafeguardingCase) -> None:
    """Every read of a case is kept (who, when): managers and DSLs review them per case."""
    policy.check_see_case(actor, case)
    case_audit(actor=actor, action=READ_ACTION, case=case)
