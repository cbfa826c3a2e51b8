"""The partner's GraphQL schema: one query and one mutation type made of each domain's."""

import strawberry
from django.conf import settings
from strawberry.extensions import DisableIntrospection, SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry_django.optimizer import DjangoOptimizerExtension

from graphql_api.accounts.mutations import AccountsMutation
from graphql_api.accounts.queries import AccountsQuery
from graphql_api.agreements.mutations import AgreementsMutation
from graphql_api.agreements.queries import AgreementsQuery
from graphql_api.assessments.mutations import AssessmentsMutation
from graphql_api.assessments.queries import AssessmentsQuery
from graphql_api.casework.mutations import CaseworkMutation
from graphql_api.casework.mutations_edit import CaseworkEditMutation
from graphql_api.casework.queries import CaseworkQuery
from graphql_api.cms.queries import ManualQuery
from graphql_api.customers.duplicates import CustomerDuplicatesMutation, CustomerDuplicatesQuery
from graphql_api.customers.mutations import CustomersMutation
from graphql_api.customers.mutations_journey import EmploymentMutation
from graphql_api.customers.queries import CustomersQuery
from graphql_api.customers.queries_journey import EmploymentQuery
from graphql_api.documents import DocumentCache
from graphql_api.duplicates.mutations import DuplicatesMutation
from graphql_api.duplicates.queries import DuplicatesQuery
from graphql_api.errors import mask_errors
from graphql_api.events.mutations import EventsMutation
from graphql_api.events.queries import EventsQuery
from graphql_api.execution import Executor
from graphql_api.imports.mutations import ImportsMutation
from graphql_api.imports.queries import ImportsQuery
from graphql_api.limits import PAGE_MAX, limit_extensions
from graphql_api.node import NodeQuery
from graphql_api.notes.mutations import NotesMutation
from graphql_api.notes.queries import NotesQuery
from graphql_api.plans.mutations import PlansMutation
from graphql_api.plans.queries import PlansQuery
from graphql_api.privacy.access import AccessMutation
from graphql_api.privacy.subject_access import SubjectAccessMutation, SubjectAccessQuery
from graphql_api.record.mutations import RecordMutation
from graphql_api.record.queries import RecordQuery
from graphql_api.referrals.mutations import ReferralsMutation
from graphql_api.referrals.mutations_exchange import ExchangeMutation
from graphql_api.referrals.queries import ReferralsQuery
from graphql_api.reports.queries import ReportsQuery
from graphql_api.retention.queries import RetentionQuery
from graphql_api.safeguarding.mutations import SafeguardingMutation
from graphql_api.safeguarding.queries import SafeguardingQuery
from graphql_api.worklist.mutations import WorklistMutation
from graphql_api.worklist.queries import WorklistQuery


@strawberry.type
class Query(
    NodeQuery,
    AccountsQuery,
    CaseworkQuery,
    DuplicatesQuery,
    ImportsQuery,
    SafeguardingQuery,
    NotesQuery,
    PlansQuery,
    AssessmentsQuery,
    RecordQuery,
    EventsQuery,
    ReferralsQuery,
    AgreementsQuery,
    CustomersQuery,
    CustomerDuplicatesQuery,
    EmploymentQuery,
    ReportsQuery,
    RetentionQuery,
    SubjectAccessQuery,
    WorklistQuery,
    ManualQuery,
):
    pass


@strawberry.type
class Mutation(
    CaseworkMutation,
    CaseworkEditMutation,
    DuplicatesMutation,
    ImportsMutation,
    SafeguardingMutation,
    NotesMutation,
    PlansMutation,
    AssessmentsMutation,
    RecordMutation,
    EventsMutation,
    # Listed after the support line's so its fields follow theirs in the contract.
    ReferralsMutation,
    ExchangeMutation,
    AgreementsMutation,
    CustomersMutation,
    CustomerDuplicatesMutation,
    EmploymentMutation,
    AccountsMutation,
    WorklistMutation,
    AccessMutation,
    SubjectAccessMutation,
):
    pass


class FieldOptimizer(DjangoOptimizerExtension):
    """The optimizer, applied where strawberry-django fields build their querysets.

    Its per-field `resolve` hook (graphql-core middleware) is dropped: it wrapped every
    one of the thousands of fields on a page to catch custom resolvers returning a bare
    queryset, and ours go through strawberry-django fields, which optimize themselves.
    """

    resolve = SchemaExtension.resolve


def optimizer() -> DjangoOptimizerExtension:
    # only() the columns a query asks for: model_type tells the optimizer that a global
    # id needs public_id; resolvers declare what they read (`only=` on their field).
    return FieldOptimizer()


def build_schema(
    *, introspection: bool, suggestions: bool, executor: type = Executor
) -> strawberry.Schema:
    """The schema; `executor` is graphql-core's own (strawberry's) only in tests that
    compare it with Executor's short paths (graphql_api.execution)."""
    # The document cache first: on a known text it stands in for parsing and validation.
    extensions = [DocumentCache, *limit_extensions(), optimizer, mask_errors]
    if not introspection:
        extensions.insert(0, DisableIntrospection)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        execution_context_class=executor,
        config=StrawberryConfig(
            relay_max_results=PAGE_MAX, disable_field_suggestions=not suggestions
        ),
    )


schema = build_schema(
    introspection=settings.GRAPHQL_INTROSPECTION, suggestions=settings.GRAPHQL_SUGGESTIONS
)
