"""Find-before-create over names one slip away: exact index probes, the user's partner
only, and the trigram search only when those find no one."""

from datetime import date, timedelta

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from casework.models import ContactKind
from casework.name_matching import near_names_sql, one_edit_spellings
from casework.selectors import contact_matches
from casework.services.contacts import contact_create
from tests.tenants.accounts.helpers import make_user


def person(actor, first_name, last_name, **extra):
    return contact_create(
        actor=actor,
        kind=ContactKind.ADULT,
        adult_role="parent",
        first_name=first_name,
        last_name=last_name,
        **extra,
    )


def matches_and_queries(**search):
    """contact_matches and the queries it made (django-tenants' own search-path query,
    sent before the first query of a test, is not the search's)."""
    with CaptureQueriesContext(connection) as context:
        found = dict(contact_matches(**search))
    return found, [
        q for q in context.captured_queries if not q["sql"].startswith("SET search_path")
    ]


def test_every_kind_of_slip_is_one_edit_away():
    spellings = set(one_edit_spellings("Smith"))
    assert "smith" in spellings  # the name itself, lower-cased
    for slip in ["smth", "smiith", "msith", "smyth", "smit", "'smith", "smith-"]:
        assert slip in spellings, slip
    for two_slips in ["smyt", "mist", "smithes"]:
        assert two_slips not in spellings, two_slips
    assert "" not in one_edit_spellings("A")


def test_names_one_slip_away_are_found_by_the_sound_indexes_alone(practitioner):
    target = person(practitioner, "Jessica", "Whitmore")
    person(practitioner, "Jessica", "Blackwood")
    person(practitioner, "Oliver", "Whitmore")
    for first, last in [
        ("Jessica", "Witmore"),  # dropped
        ("Jessica", "Whtimore"),  # neighbours swapped
        ("Jesisca", "Whitmore"),
        ("Jessica", "Whitmorre"),  # doubled
        ("Jessica", "Whitmare"),  # replaced
        ("Whitmore", "Jesisca"),  # swapped names, one with a slip
        ("jessica", "WHITMORE"),
    ]:
        found, queries = matches_and_queries(user=practitioner, first_name=first, last_name=last)
        # One query: found through the sound indexes, no trigram search after it.
        assert len(queries) == 1 and "similarity_threshold" not in queries[0]["sql"]
        assert target in found, (first, last)
        assert list(found)[0] == target, (first, last)  # the nearest name first
    swapped = dict(contact_matches(user=practitioner, first_name="Whitmore", last_name="Jessica"))
    assert "names swapped" in swapped[target]
    assert contact_matches(user=practitioner, first_name="Jessica", last_name="Smith") == []


def test_a_new_person_with_a_date_of_birth_skips_the_trigram_search(practitioner):
    dob = date.today() - timedelta(days=9000)
    target = person(practitioner, "Priya", "Fairbourne", date_of_birth=dob)
    # Both names two slips away (and sounding different): no name one slip away, so
    # the date of birth finds them, in two queries (names, birthday), no trigram scan.
    found, queries = matches_and_queries(
        user=practitioner, first_name="Pryja", last_name="Farbourn", date_of_birth=dob
    )
    assert len(queries) == 2
    assert list(found) == [target] and "date of birth" in found[target]


def test_the_search_uses_the_sound_indexes(practitioner):
    sql, params = near_names_sql("Jessica", "Witmore", 30)
    with transaction.atomic(), connection.cursor() as cursor:
        # Tiny tables are cheaper to scan: forbid that to see which index the SQL can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "contact_first_sound_last" in plan and "contact_last_sound_first" in plan
    assert "Seq Scan on casework_contact" not in plan


def test_only_the_users_own_partner_and_only_those_who_record_casework(practitioner, partner_b):
    mine = person(practitioner, "Amara", "Holloway")
    editor = make_user(role_key="editor")
    assert contact_matches(user=editor, first_name="Amara", last_name="Holoway") == []
    connection.set_tenant(partner_b)
    try:
        handler = make_user(role_key="call-handler")
        theirs = person(handler, "Amara", "Holloway")
        found = [
            c for c, _ in contact_matches(user=handler, first_name="Amara", last_name="Holoway")
        ]
        assert found == [theirs]
        assert mine.public_id not in {c.public_id for c in found}
    finally:
        connection.set_schema_to_public()
