"""Generated input at every mutation (issue 22): whatever an integrator sends, the answer
is a field error or a request error a client can act on — never a masked internal error —
and a refused mutation leaves every table of the partner as it was.

The mutations and their input types are read from the schema itself, so a mutation added
later is covered without touching this file. Values are of the declared GraphQL types
(so they reach the services) but hostile in content: huge and empty strings, control
characters, extreme numbers and dates, ids of other types, other partners and nobody.
"""

from datetime import date, datetime, time

import pytest
from django.apps import apps
from django.db import connection
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strawberry import relay

from graphql_api.schema import schema
from tenants.input_rules import CHECKED_APPS
from tests.graphql_api.helpers import global_id, run

pytestmark = pytest.mark.security

MASKED = "Something went wrong"
EXAMPLES_PER_MUTATION = 6
NODE_TYPES = [
    "Contact",
    "Household",
    "Engagement",
    "ServiceDelivery",
    "Consultation",
    "GroupSession",
    "SafeguardingCase",
    "Programme",
    "Service",
    "Task",
    "Notification",
    "User",
    "Customer",
    "Referral",
    "SupportCase",
    "Appointment",
    "OutcomeStep",
]

texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "0", "-1", "NaN", "null", "'; DROP TABLE x; --", "=1+1"]),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=90, max_size=130),
    st.just("x" * 25_000),
    st.text(alphabet=st.sampled_from("\x00\x07\x1b\ud800\n\t a"), max_size=8),
)
integers = st.one_of(
    st.integers(min_value=-3, max_value=400),
    st.sampled_from([-(2**31), 2**31 - 1, 0]),
)
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat)
datetimes = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(
    lambda value: value.isoformat() + "+00:00"
)


def mutation_fields():
    return schema._schema.mutation_type.fields


def _ids(pool: list[str]):
    foreign = st.builds(
        lambda name, uuid: str(relay.GlobalID(name, str(uuid))),
        st.sampled_from(NODE_TYPES),
        st.uuids(),
    )
    return st.one_of(st.sampled_from(pool), foreign, texts)


def value_for(gql_type, pool, depth=0):
    """A strategy for a value of this GraphQL input type."""
    if isinstance(gql_type, GraphQLNonNull):
        return value_for(gql_type.of_type, pool, depth)
    if isinstance(gql_type, GraphQLList):
        return st.lists(value_for(gql_type.of_type, pool, depth + 1), max_size=3 if depth else 4)
    if isinstance(gql_type, GraphQLEnumType):
        return st.sampled_from(list(gql_type.values))
    if isinstance(gql_type, GraphQLInputObjectType):
        required, optional = {}, {}
        for name, field in gql_type.fields.items():
            target = required if isinstance(field.type, GraphQLNonNull) else optional
            target[name] = value_for(field.type, pool, depth + 1)
        return st.fixed_dictionaries(required, optional=optional)
    assert isinstance(gql_type, GraphQLScalarType)
    return {
        "String": texts,
        "ID": _ids(pool),
        "Int": integers,
        "Float": st.floats(allow_nan=False, allow_infinity=False, width=32),
        "Boolean": st.booleans(),
        "Date": dates,
        "DateTime": datetimes,
        "Time": st.times().map(time.isoformat),
        "UUID": st.uuids().map(str),
        "JSON": st.dictionaries(st.text(max_size=5), texts, max_size=3),
    }.get(gql_type.name, texts)


def operation_for(name: str, field) -> str:
    """The mutation with every argument as a variable, asking only for errors."""
    declared = ", ".join(f"${arg}: {a.type}" for arg, a in field.args.items())
    passed = ", ".join(f"{arg}: ${arg}" for arg in field.args)
    signature = f"({declared})" if declared else ""
    call = f"({passed})" if passed else ""
    payload = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    fields = getattr(payload, "fields", {})
    selection = "{ errors { field message code } }" if "errors" in fields else ""
    if not selection:  # a payload without errors: ask for its first scalar
        scalar = next(
            (
                n
                for n, f in fields.items()
                if isinstance(getattr(f.type, "of_type", f.type), GraphQLScalarType)
            ),
            "__typename",
        )
        selection = f"{{ {scalar} }}" if fields else ""
    return f"mutation{signature} {{ {name}{call} {selection} }}"


def table_counts() -> tuple[int, ...]:
    """Rows in every table of Casebridge's own models in this schema, in one query."""
    tables = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in CHECKED_APPS and not model._meta.proxy and model._meta.managed
    )
    tables = [t for t in tables if _exists(t)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in tables))
        return tuple(cursor.fetchone())


def _exists(table: str) -> bool:
    return table in _existing_tables()


_TABLES: dict[str, set[str]] = {}


def _existing_tables() -> set[str]:
    schema_name = connection.schema_name
    if schema_name not in _TABLES:
        _TABLES[schema_name] = set(connection.introspection.table_names())
    return _TABLES[schema_name]


@pytest.fixture
def id_pool(world):
    from casework.services.group_sessions import BulkRow, deliveries_bulk_create

    w = world
    [row] = deliveries_bulk_create(
        actor=w.users["owner"],
        rows=[BulkRow(engagement=w.engagement, service=w.service, on=date.today())],
        group_service=w.service,
        on=date.today(),
    )
    return [
        global_id("GroupSession", row.group_session),
        global_id("Contact", w.child),
        global_id("Contact", w.mum),
        global_id("Household", w.household),
        global_id("Engagement", w.engagement),
        global_id("ServiceDelivery", w.delivery),
        global_id("Consultation", w.consultation),
        global_id("SafeguardingCase", w.case),
        global_id("Programme", w.programme),
        global_id("Service", w.service),
        global_id("Task", w.task),
        global_id("User", w.users["other"]),
    ]


@pytest.mark.parametrize("name", sorted(mutation_fields()))
def test_generated_input_never_gives_an_internal_error_or_half_saves(name, world, id_pool):
    field = mutation_fields()[name]
    operation = operation_for(name, field)
    arguments = st.fixed_dictionaries(
        {arg: value_for(a.type, id_pool) for arg, a in field.args.items()}
    )
    actor = world.users["manager"]

    @settings(
        max_examples=EXAMPLES_PER_MUTATION,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(variables=arguments)
    def check(variables):
        before = table_counts()
        result = run(actor, operation, variables)
        messages = [error.message for error in result.errors or ()]
        assert not any(MASKED in m for m in messages), (operation, variables, messages)
        payload = (result.data or {}).get(name) if result.data else None
        refused = bool(result.errors) or bool(payload and payload.get("errors"))
        if refused:
            assert table_counts() == before, f"{name} refused yet wrote: {variables}"

    check()
