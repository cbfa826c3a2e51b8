"""Likely duplicate contacts (issue 18's review, before merge): which pairs are offered and
what matched, "not a duplicate" kept for good with its reason, and the screens for
managers only, within their own partner."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django_tenants.utils import schema_context

from casework.duplicates import selectors
from casework.duplicates.models import NotDuplicate
from casework.models import AdultRole, Consent, ContactKind
from casework.services.contacts import contact_create
from tests.casework.screens import body, new_child, user_with
from tests.clients import signed_in

BORN = date(2022, 3, 4)


class World:
    pass


@pytest.fixture
def w(in_partner_a, partner_a, partner_b):
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.practitioner = user_with("practitioner")
    w.manager = user_with("manager")
    w.sam = new_child(w.practitioner, "Sam", "Bunny", date_of_birth=BORN)
    # The same child typed again with a slip, elsewhere: names sound alike, same birthday.
    w.samm = new_child(w.practitioner, "Samm", "Bunnie", date_of_birth=BORN, postcode="n11aa")
    # A twin: same surname, birthday and address, another first name: never offered.
    w.tia = new_child(w.practitioner, "Tia", "Bunny", date_of_birth=BORN)
    # Same name, another birthday: another child, never offered with Sam.
    w.older_sam = new_child(w.practitioner, "Sam", "Bunny", date_of_birth=date(2019, 1, 1))
    # Same name and address, birthday not known (a parent, Sam too): offered.
    w.sam_no_dob = contact_create(
        actor=w.practitioner,
        kind=ContactKind.ADULT,
        adult_role=AdultRole.PARENT,
        first_name="Sam",
        last_name="Bunny",
        consent=Consent.GIVEN,
        address_line_1="1 Warren Lane",
        postcode="sw1a1aa",
    )
    with schema_context(partner_b.schema_name):
        w.stranger = user_with("supervisor")  # the support line's manager
    return w


def _pairs(user):
    return {
        frozenset({p.first.pk, p.second.pk}): p.matched
        for p in selectors.duplicate_pairs(user=user)
    }


def test_pairs_offered_with_what_matched(w, django_assert_max_num_queries):
    selectors.duplicate_pairs(user=w.manager)  # the user's rights, read once per request
    # The pairs, then their people (each after django-tenants' SET search_path).
    with django_assert_max_num_queries(4):
        pairs = _pairs(w.manager)
    assert pairs == {
        frozenset({w.sam.pk, w.samm.pk}): ("names sound alike", "date of birth"),
        # Same name and address, a birthday known on one side only: offered, twice.
        frozenset({w.sam.pk, w.sam_no_dob.pk}): ("same name", "postcode"),
        frozenset({w.older_sam.pk, w.sam_no_dob.pk}): ("same name", "postcode"),
    }  # not the twin, not the two Sams born years apart
    assert selectors.duplicate_pairs(user=w.practitioner) == []


def test_not_a_duplicate_is_kept_with_its_reason_and_never_offered_again(w):
    manager = signed_in(w.partner_a, w.manager)
    url = f"/duplicates/{w.sam.public_id}/{w.samm.public_id}/"
    page = body(manager.get(url))
    assert "Samm" in page and "Are these the same person?" in page
    refused = manager.post(url, {"reason": ""})
    assert "Say how you know they are different people." in body(refused)
    assert not NotDuplicate.objects.exists()
    done = manager.post(url, {"reason": "Cousins: different mothers"})
    assert done.status_code == 302 and done.url == "/duplicates/"
    decision = NotDuplicate.objects.get()
    assert (decision.reason, decision.decided_by) == ("Cousins: different mothers", w.manager)
    assert frozenset({w.sam.pk, w.samm.pk}) not in _pairs(w.manager)
    assert manager.get(url).status_code == 404  # no longer a likely pair
    page = body(manager.get("/duplicates/"))
    assert "Samm" not in page
    with pytest.raises(DatabaseError), transaction.atomic():  # the decision is for good
        NotDuplicate.objects.update(reason="rewritten")


def test_only_managers_of_the_partner_review(w):
    url = f"/duplicates/{w.sam.public_id}/{w.samm.public_id}/"
    practitioner = signed_in(w.partner_a, w.practitioner)
    assert practitioner.get("/duplicates/").status_code == 403
    assert practitioner.get(url).status_code == 403
    assert 'data-testid="duplicates-link"' not in body(practitioner.get("/contacts/"))
    assert 'data-testid="duplicates-link"' in body(
        signed_in(w.partner_a, w.manager).get("/contacts/")
    )
    stranger = signed_in(w.partner_b, w.stranger)
    for response in (stranger.get(url), stranger.post(url, {"reason": "x"})):
        assert response.status_code in (403, 404) and "Bunny" not in body(response)
    assert not NotDuplicate.objects.exists()
    connection.set_schema_to_public()


def test_the_nightly_search_finds_new_pairs_and_gives_the_managers_a_task(w, settings):
    from casework.duplicates.tasks import duplicates_find_nightly
    from casework.worklist.models import Task

    entry = settings.CELERY_BEAT_SCHEDULE["duplicates-find"]
    assert entry["task"] == duplicates_find_nightly.name and "tenant_schemas" not in entry
    first = duplicates_find_nightly()
    assert (first["pairs"], first["new"]) == (3, 3)
    task = Task.objects.get(assignee=w.manager)  # each manager of the partner, once
    assert (task.title, task.link_url) == (
        "3 new likely duplicate contacts to review",
        "/duplicates/",
    )
    assert first["told"] == Task.objects.count() and not w.practitioner.tasks.exists()
    assert duplicates_find_nightly() == {"pairs": 3, "new": 0, "told": 0}  # nothing new
    assert Task.objects.count() == first["told"]


def test_the_button_finds_a_new_pair_now_for_managers_only(w):
    from casework.duplicates.models import PairFound
    from casework.duplicates.tasks import duplicates_find_nightly

    duplicates_find_nightly()  # last night's: the fixture's three pairs
    # Typed twice today: names sound alike, same birthday (offered only from now on).
    born = date(2020, 6, 7)
    kit = new_child(w.practitioner, "Kit", "Marlowe", date_of_birth=born)
    kitt = new_child(w.practitioner, "Kitt", "Marlow", date_of_birth=born, postcode="n11aa")
    pair = tuple(sorted((kit.pk, kitt.pk)))
    assert not PairFound.objects.filter(first_id=pair[0], second_id=pair[1]).exists()
    manager = signed_in(w.partner_a, w.manager)
    assert 'data-testid="find-duplicates"' in body(manager.get("/duplicates/"))
    pressed = manager.post("/duplicates/")
    assert pressed.status_code == 302 and pressed.url == "/duplicates/"
    page = body(manager.get(pressed.url))
    assert "4 likely duplicate pairs found, 1 not listed before." in page
    assert "Kitt" in page and "Marlow" in page
    assert PairFound.objects.filter(first_id=pair[0], second_id=pair[1]).exists()
    again = body(manager.post("/duplicates/", follow=True))
    assert "4 likely duplicate pairs found, 0 not listed before." in again
    assert PairFound.objects.count() == 4
    practitioner = signed_in(w.partner_a, w.practitioner)
    assert practitioner.post("/duplicates/").status_code == 403
    # Another partner's manager runs their own partner's search, never this one's.
    elsewhere = body(signed_in(w.partner_b, w.stranger).post("/duplicates/", follow=True))
    assert "0 likely duplicate pairs found" in elsewhere and "Marlow" not in elsewhere
    with schema_context(w.partner_a.schema_name):
        assert PairFound.objects.count() == 4
    connection.set_schema_to_public()


def test_the_button_service_refuses_who_does_not_review(w):
    from casework.duplicates.models import PairFound
    from casework.duplicates.services import contact_duplicates_find
    from casework.policy import CaseworkRefused

    with pytest.raises(CaseworkRefused, match="Only managers review duplicate contacts."):
        contact_duplicates_find(actor=w.practitioner)
    assert not PairFound.objects.exists()
    assert contact_duplicates_find(actor=w.manager)["new"] == 3
