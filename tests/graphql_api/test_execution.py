"""graphql_api.execution reads plain columns and objects straight off the row; every
answer, error and error path must be the one graphql-core's own executor gives, and an
extension that wraps resolvers must still see every field."""

import dataclasses
import enum
from datetime import date
from unittest import mock

import pytest
import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.permission import BasePermission
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphql_api.execution import Executor


@strawberry.enum
class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Never(BasePermission):
    message = "Not for you."

    def has_permission(self, source, info, **kwargs) -> bool:
        return False


class Always(BasePermission):
    def has_permission(self, source, info, **kwargs) -> bool:
        return True


@strawberry.type
class Inner:
    name: str
    note: str | None
    on: date
    colour: Colour
    # No resolver of its own, but a permission: never read straight off the row.
    secret: str | None = strawberry.field(permission_classes=[Never], default=None)
    shared: str | None = strawberry.field(permission_classes=[Always], default=None)


@strawberry.type
class Outer:
    label: str
    inner: Inner
    maybe: Inner | None
    items: list[Inner]


@dataclasses.dataclass
class Row:
    name: object = "Ada"
    note: object = None
    on: object = date(2026, 1, 2)
    colour: object = Colour.RED
    secret: object = "kept from everyone"
    shared: object = "for all"


class Raising:
    note, on, colour, secret, shared = None, date(2026, 1, 2), Colour.RED, "kept", "all"

    @property
    def name(self):
        raise ValueError("this column cannot be read")


@dataclasses.dataclass
class OuterRow:
    label: object = "one"
    inner: object = dataclasses.field(default_factory=Row)
    maybe: object = None
    items: list = dataclasses.field(default_factory=lambda: [Row(), Row(note="n")])


# Each case makes its rows afresh (a generator is read once).
ROWS = {
    "good": lambda: [OuterRow(), OuterRow(label="two", maybe=Row(colour=Colour.BLUE))],
    "null in a non-null column": lambda: [OuterRow(inner=Row(name=None))],
    "null in a nullable column": lambda: [OuterRow(items=[Row(note=None)])],
    "a value the scalar refuses": lambda: [OuterRow(inner=Row(on="not a date"))],
    "a value the enum refuses": lambda: [OuterRow(items=[Row(colour="green")])],
    "a column that raises": lambda: [OuterRow(maybe=Raising())],
    "null in a non-null object": lambda: [OuterRow(inner=None)],
    "another type where an object is due": lambda: [OuterRow(inner="not an inner")],
    "a null nested deeper than the nullable object": lambda: [OuterRow(maybe=Row(name=None))],
    "an item missing from a list": lambda: [OuterRow(items=[Row(), None])],
    "an item of another type in a list": lambda: [OuterRow(items=[Row(), "not an inner"])],
    "a null inside a list's item": lambda: [OuterRow(items=[Row(), Row(name=None)])],
    "a list given as a generator": lambda: [OuterRow(items=(r for r in [Row(), Row(note="g")]))],
    "no list at all": lambda: [OuterRow(items=None)],
}


@strawberry.type
class Query:
    case: strawberry.Private[str]

    @strawberry.field
    def outers(self) -> list[Outer]:
        return ROWS[self.case]()


QUERY = """{ outers { label alias: label inner { name note on colour secret shared }
  maybe { name colour } items { name note colour } } }"""


class Counting(SchemaExtension):
    calls = 0

    def resolve(self, _next, root, info, *args, **kwargs):
        type(self).calls += 1
        return _next(root, info, *args, **kwargs)


def run(executor, case: str, extensions=()):
    schema = strawberry.Schema(
        query=Query, execution_context_class=executor, extensions=list(extensions)
    )
    result = schema.execute_sync(QUERY, root_value=Query(case=case))
    errors = [(e.message, e.path) for e in result.errors or ()]
    return result.data, errors


@pytest.mark.parametrize("case", ROWS)
def test_answers_and_errors_are_graphql_cores(case):
    ours = run(Executor, case)
    assert ours == run(StrawberryGraphQLCoreExecutionContext, case)
    data, errors = ours
    assert all(message == "Not for you." for message, path in errors if path[-1] == "secret")
    errors = [(message, path) for message, path in errors if path[-1] != "secret"]
    if case in ("good", "null in a nullable column", "a list given as a generator"):
        assert not errors and data["outers"]
    else:
        assert errors and errors[0][1][:2] == ["outers", 0]


def test_the_good_rows_read_as_written():
    data, _ = run(Executor, "good")
    assert data["outers"][1] == {
        "label": "two",
        "alias": "two",
        "inner": {
            "name": "Ada",
            "note": None,
            "on": "2026-01-02",
            "colour": "RED",
            "secret": None,
            "shared": "for all",
        },
        "maybe": {"name": "Ada", "colour": "BLUE"},
        "items": [
            {"name": "Ada", "note": None, "colour": "RED"},
            {"name": "Ada", "note": "n", "colour": "RED"},
        ],
    }


def test_an_extension_wrapping_resolvers_still_sees_every_field():
    Counting.calls = 0
    ours = run(Executor, "good", [Counting])
    seen_by_ours, Counting.calls = Counting.calls, 0
    assert ours == run(StrawberryGraphQLCoreExecutionContext, "good", [Counting])
    assert seen_by_ours == Counting.calls == 37  # every field of the two rows


def test_columns_and_objects_skip_the_field_machinery():
    """Only `outers` (a resolver), `secret` and `shared` (a permission) build a resolve info; the
    rest is read off the rows: that is where the time goes on a page of a hundred
    engagements."""
    infos = {}
    for executor in (Executor, StrawberryGraphQLCoreExecutionContext):
        with mock.patch.object(
            executor, "build_resolve_info", autospec=True, side_effect=executor.build_resolve_info
        ) as built:
            run(executor, "good")
        infos[executor] = built.call_count
    assert infos[StrawberryGraphQLCoreExecutionContext] == 37
    assert infos[Executor] == 5  # outers, and each inner's secret and shared
