"""What an update mutation was sent, read one way for every record (contactUpdate,
callerUpdate, customerUpdate, supportCaseUpdate): a field left out is kept, a field
sent as null is cleared; the service then names a detail that may not be empty."""

from strawberry import UNSET


def changes_given(input, *, skip: tuple[str, ...], dates=(), yes_no=()) -> dict:  # noqa: A002
    """The fields sent, null read as cleared: a date to None, a yes/no to False, a text
    to "". `skip`: the record's id and the reason, which are not changes."""
    changes = {}
    for name, value in vars(input).items():
        if name in skip or value is UNSET:
            continue
        if value is None and name not in dates:
            value = False if name in yes_no else ""
        changes[name] = value
    return changes
