"""What an update mutation was sent, read one way for every record (contactUpdate,
callerUpdate, customerUpdate, supportCaseUpdate, the casework corrections, noteAmend):
a field left out is kept, a field sent as null is cleared to its type's empty value;
the service then names a detail that may not be empty."""

import typing
from functools import cache

from strawberry import UNSET


@cache
def _cleared_values(input_type) -> dict[str, object]:
    """Each field's value when sent as null: a text "" (blank), a yes/no False, anything
    else (a date, a number, an id) None."""
    cleared = {}
    for name, hint in typing.get_type_hints(input_type).items():
        kinds = set(typing.get_args(hint)) or {hint}
        if str in kinds:
            cleared[name] = ""
        elif bool in kinds:
            cleared[name] = False
        else:
            cleared[name] = None
    return cleared


def changes_given(input, *, skip: tuple[str, ...]) -> dict:  # noqa: A002
    """The fields sent, null read as cleared (`_cleared_values`). `skip`: the record's id,
    the reason and any id the caller looks up itself, which are not changes."""
    cleared = _cleared_values(type(input))
    changes = {}
    for name, value in vars(input).items():
        if name in skip or value is UNSET:
            continue
        changes[name] = cleared[name] if value is None else value
    return changes
