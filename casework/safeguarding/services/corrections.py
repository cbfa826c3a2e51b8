"""Correcting a monitoring action or a closure decision. Both are append-only (triggers),
so a wrong one is answered by a correction entry pointing at it: the original stays,
shown as corrected. A correction changes no clock and no outcome: a closure approved in
error is answered by raising a new case, not by reopening this one behind its history."""

from django.db import transaction

from casework.safeguarding import policy
from casework.safeguarding.models import (
    ClosureDecision,
    ClosureDecisionCorrection,
    MonitoringAction,
    MonitoringActionCorrection,
)
from casework.safeguarding.services.cases import case_audit, case_locked
from casework.tracking import attributed
from tenants.corrections import correction_clean


@attributed
def monitoring_action_correct(
    *, actor, action: MonitoringAction, kind: str, text: str
) -> MonitoringActionCorrection:
    """“Entered in error: <why>” or the corrected text, by the author, a manager or a DSL."""
    policy.check_correct_entry(actor, action.case, action.author_id)
    kind, text = correction_clean(kind=kind, text=text)
    with transaction.atomic():
        case = case_locked(case=action.case)
        correction = MonitoringActionCorrection.objects.create(
            action=action, kind=kind, text=text, author=actor, author_name=actor.get_full_name()
        )
        case_audit(
            actor=actor, action="safeguarding.monitoring_corrected", case=case, after={"kind": kind}
        )
    return correction


@attributed
def closure_decision_correct(
    *, actor, decision: ClosureDecision, kind: str, text: str
) -> ClosureDecisionCorrection:
    """A decision's comment corrected, by who decided, a manager or a DSL."""
    case = decision.request.case
    policy.check_correct_entry(actor, case, decision.decided_by_id)
    kind, text = correction_clean(kind=kind, text=text)
    with transaction.atomic():
        case = case_locked(case=case)
        correction = ClosureDecisionCorrection.objects.create(
            decision=decision, kind=kind, text=text, author=actor, author_name=actor.get_full_name()
        )
        case_audit(
            actor=actor, action="safeguarding.decision_corrected", case=case, after={"kind": kind}
        )
    return correction
