"""A batch's screen (casework.imports.matching.batch_screened) only ever skips the
matcher for a row the matcher would not match: for each row below, `matched` inside a
batch finds exactly whom `same_person` finds on its own, including a person twice in
one batch."""

from datetime import date

from casework import selectors
from casework.imports.matching import (
    batch_row,
    batch_screened,
    matched,
    same_person,
    screen_held,
)
from casework.people_search import CONTACTS
from casework.services.contacts import contact_create
from tests.casework.screens import user_with

ROWS = [
    # a slip in the first name, the same birthday: matched
    {"first_name": "Arlo", "last_name": "Ashdwon", "date_of_birth": date(1985, 1, 1)},
    # the same names, another birthday: never matched
    {"first_name": "Arlo", "last_name": "Ashdown", "date_of_birth": date(1986, 1, 1)},
    # the same phone, no birthday, names swapped round a slip: matched on phone
    {"first_name": "Bea", "last_name": "Birchley", "phone": "07700 900123"},
    # the same email in capitals, a slip in the surname
    {"first_name": "Cal", "last_name": "Colbey", "email": "CAL@example.org"},
    # shares a birthday with Arlo but another name: nobody
    {"first_name": "Dora", "last_name": "Dunmore", "date_of_birth": date(1985, 1, 1)},
    # nothing shared with anyone
    {"first_name": "Eli", "last_name": "Elwood", "date_of_birth": date(1999, 9, 9)},
]


def _texts(row: dict) -> dict:
    """The row as the file gives it (texts)."""
    return {key: str(value) for key, value in row.items()}


def _typed(row: dict) -> dict:
    return {"date_of_birth": None, "phone": "", "email": "", "postcode": ""} | row


def test_the_screen_skips_only_rows_the_matcher_would_not_match(in_partner_a):
    actor = user_with("manager")
    for first, last, extra in (
        ("Arlo", "Ashdown", {"date_of_birth": date(1985, 1, 1)}),
        ("Bea", "Birchley", {"phone": "07700900123"}),
        ("Cal", "Colby", {"email": "cal@example.org"}),
    ):
        contact_create(actor=actor, kind="adult", first_name=first, last_name=last, **extra)
    visible = selectors.contacts_visible_to(user=actor)
    alone = [same_person(visible, columns=CONTACTS, **_typed(row))[0] for row in ROWS]
    assert [p.first_name if p else None for p in alone] == ["Arlo", None, "Bea", "Cal", None, None]
    in_batch = []
    with batch_screened([_texts(row) for row in ROWS]):
        for index, row in enumerate(ROWS):
            batch_row(index)
            found = matched(visible, columns=CONTACTS, **_typed(row))
            in_batch.append(found[0] if found else None)
    assert in_batch == alone


def test_a_person_twice_in_one_batch_reaches_the_matcher_the_second_time(in_partner_a):
    actor = user_with("manager")
    visible = selectors.contacts_visible_to(user=actor)
    row = {"first_name": "Fay", "last_name": "Farrow", "date_of_birth": date(2001, 2, 3)}
    with batch_screened([_texts(row), _texts(row)]):
        batch_row(0)
        assert matched(visible, columns=CONTACTS, **_typed(row)) is None
        contact_create(actor=actor, kind="adult", **row)  # as the row's import would
        batch_row(1)
        found, outcome = matched(visible, columns=CONTACTS, **_typed(row))
    assert found.first_name == "Fay" and outcome.action == "matched"


def test_the_screen_holds_only_people_who_could_match_a_row_not_all_sharing_a_birthday(
    in_partner_a,
):
    """What a batch holds must not grow with the partner's records: twenty people born on
    Arlo's birthday under other names are read by the screen's query but not kept."""
    actor = user_with("manager")
    born = date(1985, 1, 1)
    contact_create(
        actor=actor, kind="adult", first_name="Arlo", last_name="Ashdown", date_of_birth=born
    )
    for n in range(20):
        contact_create(
            actor=actor,
            kind="adult",
            first_name=f"Other{n}",
            last_name=f"Person{n}",
            date_of_birth=born,
        )
    visible = selectors.contacts_visible_to(user=actor)
    with batch_screened([_texts(ROWS[0])]):
        batch_row(0)
        found = matched(visible, columns=CONTACTS, **_typed(ROWS[0]))
        assert found is not None and found[0].first_name == "Arlo"
        assert screen_held() == 1
