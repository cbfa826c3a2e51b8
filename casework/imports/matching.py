"""Is this row's person already recorded? Find-before-create's matcher
(casework.people_search), held to more than a screen's list of likely people, since no
person looks at each row: both names (a slip allowed) and a date of birth, phone or email
agree, or a borough's housing reference does; never someone born on another day."""

from casework.people_search import people_matching, typed_fields

SAME_PERSON = {"date of birth", "phone", "email"}
SAME_REFERENCE = "housing reference"


def same_person(queryset, *, columns, **typed) -> tuple[object | None, tuple[str, ...]]:
    """(the person, what matched) or (None, ()). `typed`: typed_fields' keywords."""
    born = typed.get("date_of_birth")
    wanted = typed_fields(**typed)
    for found, reasons in people_matching(queryset, wanted, columns=columns, limit=3):
        if born and found.date_of_birth and found.date_of_birth != born:
            continue
        said = set(reasons)
        if SAME_REFERENCE in said or ({"first name", "last name"} <= said and SAME_PERSON & said):
            return found, tuple(reasons)
    return None, ()


def matched(queryset, *, columns, label=str, **typed):
    """The person already recorded whom a row names, as (person, the "matched" Outcome),
    or None: what every kind's row asks before creating anyone."""
    from casework.imports.registry import Outcome

    found, matched_on = same_person(queryset, columns=columns, **typed)
    if found is None:
        return None
    return found, Outcome("matched", label(found), matched_on)
