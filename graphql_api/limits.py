"""Abuse limits, all decided on the parsed query before any resolver (or SQL) runs.

Depth, aliases and tokens use strawberry's own extensions. The cost limit counts the
objects a query could return: each connection multiplies by its page size (`first`
or `last`, 100 when absent), each plain list of objects by its real maximum
(LIST_BOUNDS: enforced where the list is written; `first` when the list takes it, which
its resolver clamps to that maximum), or by LIST_GUESS for the few lists
that have no maximum yet (NOT_YET_BOUNDED, each saying why)."""

from collections.abc import Iterator

from django.conf import settings
from graphql import (
    BREAK,
    FieldNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    Undefined,
    Visitor,
    value_from_ast_untyped,
    visit,
)
from graphql.execution import ExecutionResult as GraphQLExecutionResult
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.relay import from_base64
from strawberry.relay.types import PREFIX as RELAY_PREFIX

from casework.assessments.definition import MOST_DOMAINS, MOST_QUESTIONS
from casework.duplicates.selectors import PAIRS_MAX
from casework.events.models import EVENT_CONTACTS_MAX, EVENT_STAFF_MAX, SERIES_WEEKS_MAX
from casework.events.selectors import EVENTS_PAGE_MAX, MY_EVENTS_MAX
from casework.imports.registry import ACTIONS, FIELDS_MAX
from casework.imports.running import SHOWN
from casework.models import HOUSEHOLD_MEMBERS_MAX, RELATIONSHIPS_MAX
from casework.plans.models import ACTIONS_PER_GOAL_MAX, GOALS_MAX, LATEST_SHOWN
from casework.services.group_sessions import BULK_MAX_ROWS
from graphql_api.auth import READ_ONLY
from graphql_api.documents import derived
from graphql_api.errors import api_graphql_error
from privacy.retention.models import RecordType
from reports.definitions.employment import FUNNEL
from tenants.input_rules import text_problem

PAGE_MAX = 100
LIST_GUESS = 20
SEARCH_MAX = 50  # contactSearch and customerSearch take `first`, at most this
MATCHES_MAX = 10  # find before create answers its ten likeliest (the selectors' limit)
MANUAL_SEARCH_MAX = 20

# (type, field) → the most items the list can hold, enforced where it is written.
# The files and the incidents of one record (casework.files, casework.incidents), newest first.
RECORD_LIST_MAX = 200

LIST_BOUNDS = {
    ("Query", "files"): RECORD_LIST_MAX,
    ("Query", "incidents"): RECORD_LIST_MAX,
    ("Household", "members"): HOUSEHOLD_MEMBERS_MAX,  # contact_create, contact_move_household
    ("Contact", "relationships"): RELATIONSHIPS_MAX,  # relationship_create
    ("BulkDeliveriesPayload", "deliveries"): BULK_MAX_ROWS,
    ("Query", "contactSearch"): SEARCH_MAX,
    ("Query", "customerSearch"): SEARCH_MAX,
    ("Query", "contactMatches"): MATCHES_MAX,
    ("Query", "customerMatches"): MATCHES_MAX,
    ("CustomerPayload", "matches"): MATCHES_MAX,
    ("Query", "manualSearch"): MANUAL_SEARCH_MAX,
    ("EmploymentReport", "funnel"): len(FUNNEL),  # one row per step of the fixed funnel
    ("CasePlan", "goals"): GOALS_MAX,  # goal_add
    ("PlanGoal", "actions"): ACTIONS_PER_GOAL_MAX,  # action_add
    ("PlanReview", "progress"): GOALS_MAX,  # one per goal (review_record)
    ("CasePlan", "reviews"): LATEST_SHOWN,  # the latest only
    ("CasePlan", "approvalRequests"): LATEST_SHOWN,  # the latest only
    ("Query", "retentionRules"): len(RecordType.values),  # one rule per record type
    ("Query", "assessments"): 50,  # graphql_api.assessments.queries.ASSESSMENTS_MAX
    ("Query", "assessmentTemplates"): 20,  # graphql_api.assessments.queries.TEMPLATES_MAX
    ("Query", "dataSharingAgreements"): 200,  # graphql_api.agreements.queries.AGREEMENTS_MAX
    ("AssessmentTemplate", "versions"): 20,  # graphql_api.assessments.types.VERSIONS_MAX
    # A version's definition caps its questions and domains (assessments.definition).
    ("AssessmentTemplateVersion", "questions"): MOST_QUESTIONS,
    ("Assessment", "answers"): MOST_QUESTIONS,
    ("AssessmentTemplateVersion", "domains"): MOST_DOMAINS,
    ("Assessment", "scores"): MOST_DOMAINS,
    # The calendar (casework.events): people per event capped where written; the
    # queries' own caps (graphql_api.events.queries).
    ("Event", "attendees"): EVENT_CONTACTS_MAX,
    ("Event", "staff"): EVENT_STAFF_MAX,
    ("EventsPayload", "events"): SERIES_WEEKS_MAX,
    ("Query", "events"): EVENTS_PAGE_MAX,
    ("Query", "myEvents"): MY_EVENTS_MAX,
    ("Query", "likelyDuplicates"): PAIRS_MAX,  # the selector's own cap
    ("Query", "duplicateCandidates"): PAIRS_MAX,  # the same, under the name
    ("Query", "customerDuplicateCandidates"): PAIRS_MAX,  # the same for customers
    ("Query", "importJobs"): 50,  # graphql_api.imports.queries.IMPORT_JOBS_MAX
    ("ImportJob", "mapping"): FIELDS_MAX,  # a kind's fields (import_kind_register)
    ("ImportRun", "counts"): len(ACTIONS),
    ("ImportRun", "matched"): SHOWN,  # the report keeps the first ones only
    ("ImportRun", "refused"): SHOWN + FIELDS_MAX,  # rows kept while under SHOWN, each field
}
# Lists with no enforced maximum yet, still counted at LIST_GUESS: each is named so that
# a new unpaged list fails tests/graphql_api/test_list_bounds.py until it is bounded or
# listed here with the reason.
NOT_YET_BOUNDED = {
    ("*", "errors"): "a payload's field errors: made from the input, never read from SQL",
    ("*", "correctedBy"): "corrections of one entry: a handful in practice",
    ("Assessment", "corrections"): "corrections of one entry: a handful in practice",
    # Scalars made from a version's frozen definition (JSON), never rows.
    ("AssessmentQuestion", "choices"): "one question's choices: JSON, not rows",
    ("AssessmentTemplateVersion", "sections"): "the sections' titles: JSON, not rows",
    ("AssessmentAnswer", "choices"): "one answer's choices: JSON, not rows",
    ("Incident", "peopleIds"): "the people involved in one incident: a handful in practice",
    ("Consultation", "heldWithContacts"): "the people at one consultation: a handful in practice",
    ("Programme", "services"): "the partner's own catalogue",
    ("Query", "roles"): "the partner's roles",
    ("Query", "advisers"): "the provider's advisers",
    ("SubjectAccessChoicesType", "files"): (
        "one person's files, for the data protection role to choose which to leave out: "
        "every one must be offered"
    ),
    ("Query", "employmentProviders"): "the directory's providers for one area",
    ("EmploymentReport", "byRoute"): "report rows: computed, not objects loaded",
    ("EmploymentReport", "monthly"): "report rows: computed, not objects loaded",
    ("EmploymentReport", "activity"): "report rows: computed, not objects loaded",
    ("PersonActivity", "actions"): "report rows: computed, not objects loaded",
    ("InterestReport", "notInterestedReasons"): "report rows: computed, not objects loaded",
    ("InterestReport", "monthly"): "report rows: computed, not objects loaded",
}


def list_bound(type_name: str, field_name: str) -> int:
    return LIST_BOUNDS.get((type_name, field_name), LIST_GUESS)


TOO_COSTLY = "TOO_COSTLY"
PAGE_TOO_LARGE = "PAGE_TOO_LARGE"
INVALID_CURSOR = "INVALID_CURSOR"
INVALID_INPUT = "INVALID_INPUT"


class _Refused(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def _unwrap(gql_type):
    is_list = False
    while isinstance(gql_type, GraphQLNonNull | GraphQLList):
        if isinstance(gql_type, GraphQLList):
            is_list = True
        gql_type = gql_type.of_type
    return gql_type, is_list


def _is_connection(named) -> bool:
    return isinstance(named, GraphQLObjectType) and named.name.endswith("Connection")


class QueryCost:
    def __init__(self, schema, document, variables: dict | None):
        self.schema = schema
        self.variables = variables or {}
        self.fragments = {
            d.name.value: d for d in document.definitions if hasattr(d, "type_condition")
        }

    def _argument(self, node: FieldNode, name: str):
        for argument in node.arguments or ():
            if argument.name.value == name:
                return value_from_ast_untyped(argument.value, self.variables)
        return None

    def _cursors(self, node: FieldNode) -> None:
        """A cursor is opaque to the client but ours to check: one we never issued is
        the client's error, not an internal one."""
        for name in ("after", "before"):
            value = self._argument(node, name)
            if value is None or value is Undefined:  # Undefined: an unset variable
                continue
            if not _is_our_cursor(value):
                raise _Refused(
                    f"{node.name.value}: `{name}` is not a cursor this API gave out. "
                    "Use the `endCursor` or `startCursor` of a page you received.",
                    INVALID_CURSOR,
                )

    def _page(self, node: FieldNode) -> int:
        sizes = [self._argument(node, "first"), self._argument(node, "last")]
        sizes = [s for s in sizes if s is not None]
        for size in sizes:
            if not isinstance(size, int) or size < 0:
                raise _Refused(
                    "Page sizes (first, last) must be whole numbers of 0 or more.", PAGE_TOO_LARGE
                )
            if size > PAGE_MAX:
                raise _Refused(
                    f"{node.name.value}: at most {PAGE_MAX} items a page (first or last), "
                    f"{size} asked. Page through with `after`.",
                    PAGE_TOO_LARGE,
                )
        return min(sizes) if sizes else PAGE_MAX

    def _list_size(self, node: FieldNode, field, type_name: str) -> int:
        """A plain list at its bound; one that takes `first` (assessments, searches…: each
        resolver clamps it to that bound) at what is asked, or the argument's default."""
        bound = list_bound(type_name, node.name.value)
        if "first" not in field.args:
            return bound
        asked = self._argument(node, "first")
        if asked is None or asked is Undefined:
            asked = field.args["first"].default_value
        if not isinstance(asked, int) or isinstance(asked, bool):
            return bound
        return min(max(asked, 1), bound)

    def selections(self, parent, selection_set) -> Iterator[tuple[object, FieldNode]]:
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                yield parent, selection
            elif isinstance(selection, InlineFragmentNode):
                on = (
                    self.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                yield from self.selections(on, selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    on = self.schema.get_type(fragment.type_condition.name.value)
                    yield from self.selections(on, fragment.selection_set)

    def cost(self, parent, selection_set, multiplier: int) -> int:
        total = 0
        for on, node in self.selections(parent, selection_set):
            if not isinstance(on, GraphQLObjectType | GraphQLInterfaceType):
                continue
            field = on.fields.get(node.name.value)
            if field is None:
                continue
            named, is_list = _unwrap(field.type)
            if not hasattr(named, "fields"):
                continue  # scalars and enums cost nothing
            if _is_connection(named):
                self._cursors(node)
                # The nodes inside are counted; the connection only multiplies.
                inner = multiplier * self._page(node)
            elif is_list and _is_connection(on):
                inner = multiplier  # edges: already multiplied by the page size
            elif is_list:
                inner = multiplier * self._list_size(node, field, on.name)
                total += inner
            else:
                inner = multiplier
                total += inner
            total += self.cost(named, node.selection_set, inner)
        return total


def _is_our_cursor(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        prefix, offset = from_base64(value)
    except ValueError:
        return False
    return prefix == RELAY_PREFIX and offset.isdigit()


def _bad_text(value, path: str) -> tuple[str, str] | None:
    """The first string in an argument's value (inputs nest) that cannot be stored."""
    if isinstance(value, str):
        problem = text_problem(value)
        return (path, problem) if problem else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return None
    for key, inner in items:
        found = _bad_text(inner, f"{path}.{key}")
        if found:
            return found
    return None


def text_refusal(document, variables: dict | None) -> str | None:
    """NUL, control characters and lone surrogates are refused wherever they are sent,
    literal or variable, before anything runs (the models refuse them too)."""
    for name, value in (variables or {}).items():
        found = _bad_text(value, f"${name}")
        if found:
            return f"{found[0]} {found[1]}."
    # The literals are the text's own: checked once per kept document.
    return derived(document, "literal_text_refusal", _literal_text_refusal)


def _literal_text_refusal(document) -> str | None:
    refusal = []

    class Strings(Visitor):
        def enter_argument(self, node, *_):
            found = _bad_text(value_from_ast_untyped(node.value, {}), node.name.value)
            if found:
                refusal.append(f"{found[0]} {found[1]}.")
                return BREAK
            return None

    visit(document, Strings())
    return refusal[0] if refusal else None


def operation_of(document, operation_name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        return next((o for o in operations if o.name and o.name.value == operation_name), None)
    return operations[0] if len(operations) == 1 else None


def query_cost(schema, document, variables, operation_name=None) -> int:
    operation = operation_of(document, operation_name)
    if operation is None:
        return 0
    root = (
        schema.mutation_type if operation.operation == OperationType.MUTATION else schema.query_type
    )
    return QueryCost(schema, document, variables).cost(root, operation.selection_set, 1)


class RequestGate(SchemaExtension):
    """Refuses, before execution: a mutation from a read-only token, and a query
    whose cost (objects it could return) is over GRAPHQL_MAX_COST."""

    def _refuse(self, message: str, code: str) -> None:
        self.execution_context.result = GraphQLExecutionResult(
            data=None, errors=[api_graphql_error(message, code)]
        )

    def on_execute(self):
        context = self.execution_context
        document = context.graphql_document
        operation = operation_of(document, context.operation_name) if document else None
        if operation is not None:
            request = getattr(context.context, "request", None)
            token = getattr(request, "api_token", None)
            if (
                operation.operation == OperationType.MUTATION
                and token is not None
                and not token.can_write
            ):
                self._refuse(
                    "This API token can only read: mutations need a read and write token.",
                    READ_ONLY,
                )
                yield
                return
            refusal = text_refusal(document, context.variables)
            if refusal is not None:
                self._refuse(refusal, INVALID_INPUT)
                yield
                return
            try:
                cost = query_cost(
                    context.schema._schema, document, context.variables, context.operation_name
                )
            except _Refused as exc:
                self._refuse(str(exc), exc.code)
            else:
                limit = settings.GRAPHQL_MAX_COST
                if cost > limit:
                    self._refuse(
                        f"This query could return {cost} objects; the limit is {limit}. "
                        "Ask for smaller pages (first) or fewer nested lists.",
                        TOO_COSTLY,
                    )
        yield


def limit_extensions() -> list:
    return [
        lambda: QueryDepthLimiter(max_depth=settings.GRAPHQL_MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=settings.GRAPHQL_MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=settings.GRAPHQL_MAX_TOKENS),
        RequestGate,
    ]
