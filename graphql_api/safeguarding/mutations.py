"""Safeguarding mutations: open a case, add a monitoring action, submit and decide a
closure request, through the same services (and the same rules) as the case screens."""

from datetime import date

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework import selectors as casework_selectors
from casework.safeguarding import selectors
from casework.safeguarding.services import cases as case_services
from casework.safeguarding.services import closure as closure_services
from casework.safeguarding.services import corrections as correction_services
from graphql_api.auth import check_can_write, user_of
from graphql_api.corrections import CorrectionInput
from graphql_api.errors import FieldError, not_found, payload_of
from graphql_api.ids import by_global_id, public_id_of
from graphql_api.safeguarding.types import (
    ApprovalRequestType,
    ClosureDecisionCorrectionType,
    ClosureDecisionType,
    MonitoringActionCorrectionType,
    MonitoringActionType,
    SafeguardingCaseType,
)


def _case(info, global_id):
    return by_global_id(
        selectors.cases_visible_to(user=user_of(info)), global_id, "SafeguardingCase"
    )


@strawberry.type
class SafeguardingCasePayload:
    case: SafeguardingCaseType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class MonitoringActionPayload:
    monitoring_action: MonitoringActionType | None = None
    case: SafeguardingCaseType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class ApprovalRequestPayload:
    approval_request: ApprovalRequestType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class SafeguardingCaseOpenInput:
    engagement_id: relay.GlobalID
    threshold: str = strawberry.field(description="high or low")
    description: str
    raised_with: str = strawberry.field(description="Name, job title and safeguarding role.")
    actions_agreed: str
    information_from_professionals: str = ""
    decision_basis: str = ""
    opened_on: date | None = None


@strawberry.input
class MonitoringActionAddInput:
    case_id: relay.GlobalID
    actions_taken: str
    taken_by: str
    rationale: str


@strawberry.input
class ClosureSubmitInput:
    case_id: relay.GlobalID
    approver_id: relay.GlobalID = strawberry.field(
        description="A manager or DSL (a User id): normally your line manager."
    )
    comment: str


@strawberry.input
class ClosureDecideInput:
    approval_request_id: relay.GlobalID
    approve: bool
    comment: str


@strawberry.type
class MonitoringActionCorrectPayload:
    correction: MonitoringActionCorrectionType | None = None
    monitoring_action: MonitoringActionType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class ClosureDecisionCorrectPayload:
    correction: ClosureDecisionCorrectionType | None = None
    closure_decision: ClosureDecisionType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class SafeguardingMutation:
    @strawberry.mutation(description="Record a safeguarding concern in a child's open engagement.")
    def safeguarding_case_open(
        self,
        info: Info,
        input: SafeguardingCaseOpenInput,  # noqa: A002
    ) -> SafeguardingCasePayload:
        check_can_write(info)
        engagement = by_global_id(
            casework_selectors.engagements_visible_to(user=user_of(info)),
            input.engagement_id,
            "Engagement",
        )
        if engagement is None:
            return SafeguardingCasePayload(errors=not_found("engagement_id", "engagement"))
        return payload_of(
            SafeguardingCasePayload,
            lambda: SafeguardingCasePayload(
                case=case_services.case_open(
                    actor=user_of(info),
                    engagement=engagement,
                    threshold=input.threshold,
                    description=input.description,
                    raised_with=input.raised_with,
                    actions_agreed=input.actions_agreed,
                    information_from_professionals=input.information_from_professionals,
                    decision_basis=input.decision_basis,
                    opened_on=input.opened_on,
                )
            ),
        )

    @strawberry.mutation(description="Add a monitoring action (restarts the case's clock).")
    def monitoring_action_add(
        self,
        info: Info,
        input: MonitoringActionAddInput,  # noqa: A002
    ) -> MonitoringActionPayload:
        check_can_write(info)
        case = _case(info, input.case_id)
        if case is None:
            return MonitoringActionPayload(errors=not_found("case_id", "safeguarding case"))

        def work():
            action = case_services.monitoring_action_add(
                actor=user_of(info),
                case=case,
                actions_taken=input.actions_taken,
                taken_by=input.taken_by,
                rationale=input.rationale,
            )
            return MonitoringActionPayload(monitoring_action=action, case=action.case)

        return payload_of(MonitoringActionPayload, work)

    @strawberry.mutation(description="Ask a manager or DSL to approve closing a case.")
    def closure_submit(
        self,
        info: Info,
        input: ClosureSubmitInput,  # noqa: A002
    ) -> ApprovalRequestPayload:
        check_can_write(info)
        case = _case(info, input.case_id)
        if case is None:
            return ApprovalRequestPayload(errors=not_found("case_id", "safeguarding case"))
        approver = by_global_id(
            selectors.approver_choices(submitter=user_of(info)), input.approver_id, "User"
        )
        if approver is None:
            return ApprovalRequestPayload(errors=not_found("approver_id", "manager or DSL"))
        return payload_of(
            ApprovalRequestPayload,
            lambda: ApprovalRequestPayload(
                approval_request=closure_services.closure_request_submit(
                    actor=user_of(info), case=case, approver=approver, comment=input.comment
                )
            ),
        )

    @strawberry.mutation(description="Approve (the case closes) or reject a closure request.")
    def closure_decide(
        self,
        info: Info,
        input: ClosureDecideInput,  # noqa: A002
    ) -> ApprovalRequestPayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(input.approval_request_id, "ApprovalRequest")
        request = (
            selectors.closure_request_get(user=user, public_id=public_id) if public_id else None
        )
        if request is None:
            return ApprovalRequestPayload(
                errors=not_found("approval_request_id", "approval request")
            )

        def work():
            closure_services.closure_request_decide(
                actor=user, request=request, approve=input.approve, comment=input.comment
            )
            request.refresh_from_db()
            return ApprovalRequestPayload(approval_request=request)

        return payload_of(ApprovalRequestPayload, work)

    @strawberry.mutation(
        description="Correct a monitoring action (entered in error, or the corrected text): "
        "the action stays, marked as corrected. Its author, a manager or a DSL."
    )
    def monitoring_action_correct(
        self,
        info: Info,
        monitoring_action_id: relay.GlobalID,
        input: CorrectionInput,  # noqa: A002
    ) -> MonitoringActionCorrectPayload:
        check_can_write(info)
        public_id = public_id_of(monitoring_action_id, "MonitoringAction")
        action = (
            selectors.monitoring_action_get(user=user_of(info), public_id=public_id)
            if public_id
            else None
        )
        if action is None:
            return MonitoringActionCorrectPayload(
                errors=not_found("monitoring_action_id", "monitoring action")
            )

        def work():
            correction = correction_services.monitoring_action_correct(
                actor=user_of(info), action=action, kind=input.kind, text=input.text
            )
            # The payload shows the action's narrative: a read of the case, logged as one.
            case_services.case_read_record(actor=user_of(info), case=action.case)
            return MonitoringActionCorrectPayload(correction=correction, monitoring_action=action)

        return payload_of(MonitoringActionCorrectPayload, work)

    @strawberry.mutation(
        description="Correct a closure decision's comment (entered in error, or the corrected "
        "text): the decision and its outcome stay. Who decided, a manager or a DSL."
    )
    def closure_decision_correct(
        self,
        info: Info,
        closure_decision_id: relay.GlobalID,
        input: CorrectionInput,  # noqa: A002
    ) -> ClosureDecisionCorrectPayload:
        check_can_write(info)
        public_id = public_id_of(closure_decision_id, "ClosureDecision")
        decision = (
            selectors.closure_decision_get(user=user_of(info), public_id=public_id)
            if public_id
            else None
        )
        if decision is None:
            return ClosureDecisionCorrectPayload(
                errors=not_found("closure_decision_id", "closure decision")
            )

        def work():
            correction = correction_services.closure_decision_correct(
                actor=user_of(info), decision=decision, kind=input.kind, text=input.text
            )
            case_services.case_read_record(actor=user_of(info), case=decision.request.case)
            return ClosureDecisionCorrectPayload(correction=correction, closure_decision=decision)

        return payload_of(ClosureDecisionCorrectPayload, work)
