"""Safeguarding cases, their monitoring actions and closure (approval) requests. A case
is visible like its engagement, to its owner and to DSLs (casework.safeguarding.selectors).
Reading a case's narrative is recorded, as on the portal's case page."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated

import strawberry
import strawberry_django
from strawberry import relay
from strawberry.types import Info
from strawberry_django.relay import DjangoListConnection

from casework.access.models import RecordType
from casework.safeguarding import models, selectors
from casework.safeguarding.services.cases import case_read_record
from graphql_api.accounts.types import ColleagueType
from graphql_api.auth import user_of
from graphql_api.corrections import Correction
from graphql_api.fields import model_type
from graphql_api.visibility import within

# What recording a read needs: the policy's check (owner, engagement) and the audit row.
READ_COLUMNS = ["owner_id", "engagement_id", "number", "public_id"]


def _record_read(info: Info, case: models.SafeguardingCase) -> None:
    """Once per case per request: who read it, when (the case's reads log)."""
    request = info.context.request
    seen = request.__dict__.setdefault("_safeguarding_reads", set())
    if case.pk not in seen:
        seen.add(case.pk)
        case_read_record(actor=user_of(info), case=case)


@strawberry_django.filter_type(models.SafeguardingCase)
class SafeguardingCaseFilter:
    status: strawberry.auto
    threshold: strawberry.auto

    @strawberry_django.filter_field(description="Not closed (open or waiting for a decision).")
    def is_open(self, value: bool, prefix: str):
        from django.db.models import Q

        closed = Q(**{f"{prefix}status": models.CaseStatus.CLOSED})
        return ~closed if value else closed


@strawberry_django.order_type(models.SafeguardingCase)
class SafeguardingCaseOrder:
    number: strawberry.auto
    next_update_due: strawberry.auto
    opened_on: strawberry.auto


@model_type(models.MonitoringAction, name="MonitoringAction")
class MonitoringActionType:
    @strawberry_django.field(
        name="id", only=["public_id"], description="For monitoringActionCorrect (not a node)."
    )
    def global_id(self, root: models.MonitoringAction) -> relay.GlobalID:
        return relay.GlobalID("MonitoringAction", str(root.public_id))

    author_name: str
    author_job_title: str
    actions_taken: str
    taken_by: str
    rationale: str
    created_at: datetime

    @strawberry_django.field(
        prefetch_related=["corrections"],
        description="Corrections of this action, oldest first (it is never edited).",
    )
    def corrected_by(self, root: models.MonitoringAction) -> list["MonitoringActionCorrectionType"]:
        return list(root.corrections.all())


@model_type(models.ClosureDecision, name="ClosureDecision")
class ClosureDecisionType:
    @strawberry_django.field(
        name="id", only=["public_id"], description="For closureDecisionCorrect (not a node)."
    )
    def global_id(self, root: models.ClosureDecision) -> relay.GlobalID:
        return relay.GlobalID("ClosureDecision", str(root.public_id))

    outcome: str
    comment: str
    decided_by: ColleagueType
    decided_at: datetime

    @strawberry_django.field(
        prefetch_related=["corrections"],
        description="Corrections of this decision's comment, oldest first (never edited).",
    )
    def corrected_by(self, root: models.ClosureDecision) -> list["ClosureDecisionCorrectionType"]:
        return list(root.corrections.all())


@strawberry.type(name="MonitoringActionCorrection")
class MonitoringActionCorrectionType(Correction):
    @classmethod
    def is_type_of(cls, obj, info) -> bool:
        return isinstance(obj, models.MonitoringActionCorrection)

    @strawberry.field(description="The monitoring action this corrects.")
    def corrects(self) -> MonitoringActionType:
        return self.action


@strawberry.type(name="ClosureDecisionCorrection")
class ClosureDecisionCorrectionType(Correction):
    @classmethod
    def is_type_of(cls, obj, info) -> bool:
        return isinstance(obj, models.ClosureDecisionCorrection)

    @strawberry.field(description="The closure decision this corrects.")
    def corrects(self) -> ClosureDecisionType:
        return self.decision


@model_type(models.SafeguardingCase, name="SafeguardingCase", read_as=RecordType.SAFEGUARDING_CASE)
class SafeguardingCaseType(relay.Node):
    public_id: relay.NodeID[str]
    number: int
    threshold: str
    status: str
    opened_on: date
    closed_on: date | None
    clock_started_on: date
    next_update_due: date | None = strawberry_django.field(
        description="Null while a closure request is pending, and once closed."
    )
    la_notified: bool
    la_notified_on: date | None
    owner: ColleagueType
    engagement: Annotated["EngagementType", strawberry.lazy("graphql_api.casework.types")]  # noqa: F821
    created_at: datetime

    @strawberry_django.field(only=["number"])
    def reference(self, root: models.SafeguardingCase) -> str:
        return root.reference

    @strawberry_django.field(
        only=[*READ_COLUMNS, "description"], description="Recorded in the case's reads log."
    )
    def description(self, root: models.SafeguardingCase, info: Info) -> str:
        _record_read(info, root)
        return root.description

    @strawberry_django.field(
        only=[*READ_COLUMNS, "raised_with"], description="Recorded in the case's reads log."
    )
    def raised_with(self, root: models.SafeguardingCase, info: Info) -> str:
        _record_read(info, root)
        return root.raised_with

    @strawberry_django.field(
        only=[*READ_COLUMNS, "information_from_professionals"],
        description="Recorded in the case's reads log.",
    )
    def information_from_professionals(self, root: models.SafeguardingCase, info: Info) -> str:
        _record_read(info, root)
        return root.information_from_professionals

    @strawberry_django.field(
        only=[*READ_COLUMNS, "decision_basis"], description="Recorded in the case's reads log."
    )
    def decision_basis(self, root: models.SafeguardingCase, info: Info) -> str:
        _record_read(info, root)
        return root.decision_basis

    @strawberry_django.field(
        only=[*READ_COLUMNS, "actions_agreed"], description="Recorded in the case's reads log."
    )
    def actions_agreed(self, root: models.SafeguardingCase, info: Info) -> str:
        _record_read(info, root)
        return root.actions_agreed

    @strawberry_django.connection(
        DjangoListConnection[MonitoringActionType],
        only=READ_COLUMNS,
        prefetch_related=["actions"],
        description="Monitoring actions, newest first (never edited), a page at a time. "
        "Recorded in the reads log.",
    )
    def monitoring_actions(
        self, root: models.SafeguardingCase, info: Info
    ) -> Iterable[models.MonitoringAction]:
        _record_read(info, root)
        return list(root.actions.all())  # prefetched for a page of cases: paged in memory

    closure_requests: DjangoListConnection["ApprovalRequestType"] = strawberry_django.connection(
        description="Closure requests and their decisions, newest first, a page at a time."
    )

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.cases_visible_to(user=user_of(info)))


@model_type(models.ClosureRequest, name="ApprovalRequest")
class ApprovalRequestType(relay.Node):
    """A request to close a safeguarding case, sent to a manager or DSL to decide."""

    public_id: relay.NodeID[str]
    case: SafeguardingCaseType
    submitted_by: ColleagueType
    approver: ColleagueType
    comment: str
    submitted_at: datetime
    decision: ClosureDecisionType | None

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        visible = selectors.cases_visible_to(user=user_of(info))
        if visible.query.is_empty():
            return queryset.none()
        return queryset.filter(case__in=visible.values("pk"))
