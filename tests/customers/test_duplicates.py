"""Likely duplicate customers, reviewed and merged (issue 18, for a borough's customers):
the same machinery as contacts' (casework.duplicates) on customers' description. Every
foreign key to a customer moves on merge and back on unmerge; the pair search, "not a
duplicate", the nightly job and "Find duplicates"; the screens for a champion or manager
only, within their own partner; the merged record's pages lead to the one kept."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from guardian.shortcuts import assign_perm

from casework.duplicates import relations
from customers import selectors
from customers.models import Customer, CustomerMerge, CustomerNotDuplicate, CustomerReferral
from customers.selectors_duplicates import customer_duplicate_pairs
from customers.services import customer_update
from customers.services.duplicates import (
    customers_merge,
    customers_not_duplicate,
    customers_unmerge,
)
from tenants.models import Partner
from tests.casework.screens import body, user_with
from tests.clients import signed_in
from tests.customers.journey import a_customer, refer
from tests.partners import PARTNER_BROWSER_BO

BORN = date(1990, 5, 6)

# Every foreign key to a customer. A new one fails this list: add it here and to the
# scenario below (or to relations.LEFT_AS_THEY_ARE, saying why it stays).
EVERY_LINK = {
    "customers.CustomerMerge.merged",
    "customers.CustomerMerge.survivor",
    "customers.CustomerNotDuplicate.first",
    "customers.CustomerNotDuplicate.second",
    "customers.CustomerPairFound.first",
    "customers.CustomerPairFound.second",
    "customers.CustomerReferral.customer",
    "customers.Customer_not_interested_reasons.customer",
    "subject_access.SubjectAccessExport.customer",
}


# Rows pointing at a customer by content type and id (every generic foreign key): object
# permissions are made in the scenario below; the others (the manual's pages) are walked
# the same way but hold no customer.
OBJECT_PERMISSIONS = "guardian.UserObjectPermission.content_object"


def test_every_foreign_key_to_a_customer_is_moved_or_named():
    assert {link.key for link in relations.record_links(Customer)} == EVERY_LINK
    moved = {link.key for link in relations.links_to_move(Customer)}
    generic = {link.key for link in relations.generic_links(Customer)}
    assert OBJECT_PERMISSIONS in generic
    assert moved == (EVERY_LINK | generic) - set(relations.LEFT_AS_THEY_ARE)


class World:
    pass


@pytest.fixture
def w(known):
    """`known`'s four residents referred to kappa (Ann's and Ben's with checklist steps)
    and Ann typed again with a slip, with her own referral."""
    w = known
    w.ann = CustomerReferral.objects.get(referral=w.sent["Ann"]).customer
    w.ann = customer_update(
        actor=w.officer, customer=w.ann, date_of_birth=BORN, housing_reference="HS-1"
    )
    w.anne = a_customer(w.officer, first_name="Anne", date_of_birth=BORN, email="a@example.org")
    w.anne_sent = refer(w.officer, w.anne, w.kappa)
    return w


def _pointing_at(customer) -> dict:
    return {
        link.key: set(link.rows(customer.pk).values_list("pk", flat=True))
        for link in relations.links_to_move(Customer)
    }


def test_pairs_offered_with_what_matched_to_champions_only(w, django_assert_max_num_queries):
    customer_duplicate_pairs(user=w.champion)  # the user's rights, read once per request
    with django_assert_max_num_queries(4):
        pairs = {
            frozenset({p.first.pk, p.second.pk}): p.matched
            for p in customer_duplicate_pairs(user=w.champion)
        }
    assert pairs[frozenset({w.ann.pk, w.anne.pk})] == (
        "names sound alike",
        "date of birth",
        "phone",
        "postcode",
    )
    # The others share phone and postcode (the journey's made-up ones) but not a name.
    assert len(pairs) == 1
    assert customer_duplicate_pairs(user=w.officer) == []


def test_merge_moves_every_row_and_unmerge_puts_it_back(w):
    # An object permission on each record (the colleague's on Ann stays hers alone).
    assign_perm("customers.view_customer", w.colleague, w.anne)
    assign_perm("customers.change_customer", w.colleague, w.ann)
    before = _pointing_at(w.anne)
    on_ann = _pointing_at(w.ann)
    for key in ("customers.CustomerReferral.customer", OBJECT_PERMISSIONS):
        assert before[key], key  # every link that holds rows in a borough
    assert set(before) >= EVERY_LINK - set(relations.LEFT_AS_THEY_ARE)
    with pytest.raises(PermissionDenied):
        customers_merge(actor=w.officer, survivor=w.ann, merged=w.anne, reason="Same")
    with pytest.raises(ValidationError) as refused:
        customers_merge(actor=w.champion, survivor=w.ann, merged=w.anne, reason=" ")
    assert "reason" in refused.value.message_dict

    merge = customers_merge(
        actor=w.champion,
        survivor=w.ann,
        merged=w.anne,
        reason="Same resident: the housing team confirmed",
        keep=["first_name", "email"],
    )
    assert {k: v for k, v in _pointing_at(w.anne).items() if v} == {}
    assert w.colleague.has_perm("customers.view_customer", Customer.objects.get(pk=w.ann.pk))
    for key, ids in before.items():
        assert _pointing_at(w.ann)[key] - on_ann[key] == ids, key
    w.ann.refresh_from_db()
    w.anne.refresh_from_db()
    assert (w.ann.first_name, w.ann.email) == ("Anne", "a@example.org")
    assert w.ann.housing_reference == "HS-1"  # not taken: the survivor's
    assert w.anne.is_removed
    assert w.anne.removal_reason.startswith("Merged into Anne Okafor (HS-1): Same resident")
    # The survivor's journey now shows both referrals, with their checklist steps.
    journey = selectors.customer_journey(user=w.officer, customer=w.ann)
    assert {r.pk for r in journey} == {w.sent["Ann"].pk, w.anne_sent.pk}
    assert sum(len(r.outcome_steps.all()) for r in journey) == 6
    # History on the record kept: the merge, who and why.
    _, page = selectors.customer_history(user=w.officer, public_id=w.ann.public_id)
    merged = [e for e in page.object_list if e.what.startswith("Merge of duplicate")]
    assert merged and merged[0].reason == "Same resident: the housing team confirmed"
    assert merged[0].who == (w.champion.get_full_name() or w.champion.get_username())
    # The stub is found by no one, its housing reference free for the record kept.
    assert selectors.customer_get(user=w.officer, public_id=w.anne.public_id) is None

    with pytest.raises(PermissionDenied):
        customers_unmerge(actor=w.officer, merge=merge, reason="Twins")
    customers_unmerge(actor=w.champion, merge=merge, reason="Sisters after all")
    assert _pointing_at(w.anne) == before
    assert _pointing_at(w.ann) == on_ann
    w.ann.refresh_from_db()
    w.anne.refresh_from_db()
    assert not w.anne.is_removed and (w.ann.first_name, w.ann.email) == ("Ann", "")
    merge.refresh_from_db()
    assert (merge.unmerge_reason, merge.unmerged_by) == ("Sisters after all", w.champion)
    with pytest.raises(ValidationError):  # once
        customers_unmerge(actor=w.champion, merge=merge, reason="Again")


def test_the_housing_reference_goes_with_the_detail_taken_and_back(w):
    w.anne = customer_update(actor=w.officer, customer=w.anne, housing_reference="HS-2")
    merge = customers_merge(
        actor=w.champion, survivor=w.ann, merged=w.anne, reason="Same", keep=["housing_reference"]
    )
    w.ann.refresh_from_db()
    assert w.ann.housing_reference == "HS-2"
    customers_unmerge(actor=w.champion, merge=merge, reason="Sisters")
    w.ann.refresh_from_db()
    w.anne.refresh_from_db()
    assert (w.ann.housing_reference, w.anne.housing_reference) == ("HS-1", "HS-2")


def test_unmerge_says_what_a_later_change_makes_impossible_and_when_too_late(w):
    merge = customers_merge(
        actor=w.champion, survivor=w.ann, merged=w.anne, reason="Same", keep=["first_name"]
    )
    Customer.objects.filter(pk=w.ann.pk).update(first_name="Annie")
    with pytest.raises(ValidationError) as refused:
        customers_unmerge(actor=w.champion, merge=merge, reason="Sisters")
    assert "First name has changed since the merge" in str(refused.value)
    # A referral moved away since (by hand here): said too.
    CustomerReferral.objects.filter(referral=w.anne_sent).update(
        customer=a_customer(w.officer, first_name="Zed")
    )
    with pytest.raises(ValidationError) as refused:
        customers_unmerge(actor=w.champion, merge=merge, reason="Sisters")
    assert "1 of the referrals that moved are no longer on" in str(refused.value)
    assert CustomerMerge.objects.get().is_current  # nothing half-done
    CustomerMerge.objects.filter(pk=merge.pk).update(merged_at=timezone.now() - timedelta(days=31))
    merge.refresh_from_db()
    with pytest.raises(ValidationError) as late:
        customers_unmerge(actor=w.champion, merge=merge, reason="Sisters")
    assert "30 days" in str(late.value)


def test_not_a_duplicate_is_kept_and_never_offered_again_nor_merged(w):
    with pytest.raises(PermissionDenied):
        customers_not_duplicate(actor=w.officer, first=w.ann, second=w.anne, reason="Sisters")
    customers_not_duplicate(actor=w.champion, first=w.anne, second=w.ann, reason="Sisters")
    decision = CustomerNotDuplicate.objects.get()
    assert (decision.first_id, decision.second_id) == tuple(sorted((w.ann.pk, w.anne.pk)))
    assert customer_duplicate_pairs(user=w.champion) == []
    with pytest.raises(ValidationError) as refused:
        customers_merge(actor=w.champion, survivor=w.ann, merged=w.anne, reason="Same")
    assert "different people" in str(refused.value)


def test_the_nightly_search_and_the_button_tell_the_champions(w, settings):
    from casework.worklist.models import Task
    from customers.tasks import customer_duplicates_find_nightly

    entry = settings.CELERY_BEAT_SCHEDULE["customer-duplicates-find"]
    assert entry["task"] == customer_duplicates_find_nightly.name
    assert "tenant_schemas" not in entry  # every partner
    first = customer_duplicates_find_nightly()
    assert (first["pairs"], first["new"]) == (1, 1)
    task = Task.objects.get(assignee=w.champion)
    assert (task.title, task.link_url) == (
        "1 new likely duplicate customer to review",
        "/customers/duplicates/",
    )
    assert not w.officer.tasks.exists()
    assert customer_duplicates_find_nightly() == {"pairs": 1, "new": 0, "told": 0}
    champion = signed_in(w.borough, w.champion)
    found = champion.post("/customers/duplicates/", follow=True)
    assert "1 likely duplicate pair found, 0 not listed before." in body(found)
    officer = signed_in(w.borough, w.officer)
    assert officer.post("/customers/duplicates/").status_code == 403


def test_screens_review_merge_redirect_history_and_undo(w):
    champion = signed_in(w.borough, w.champion)
    pairs = body(champion.get("/customers/duplicates/"))
    review = f"/customers/duplicates/{w.ann.public_id}/{w.anne.public_id}/"
    assert review in pairs and "Find duplicates" in pairs
    page = body(champion.get(review))
    assert "Are these the same person?" in page and "Anne" in page and "HS-1" in page
    url = f"/customers/{w.ann.public_id}/merge/{w.anne.public_id}/"
    assert url in page
    form = body(champion.get(url))
    assert "Which record is kept?" in form and "First name" in form and "Email" in form
    refused = champion.post(url, {"survivor": "0", "take_first_name": "1", "reason": ""})
    assert "Say how you know they are the same person." in body(refused)
    assert not CustomerMerge.objects.exists()
    done = champion.post(url, {"survivor": "0", "take_first_name": "1", "reason": "Same"})
    assert done.status_code == 302 and done.url == f"/customers/{w.ann.public_id}/"
    merge = CustomerMerge.objects.get()
    assert merge.kept == {"first_name": ["Ann", "Anne"]} and merge.merged_by == w.champion
    # The merged record's pages lead to the one kept, with a notice; its history too.
    for tab in ("", "history/"):
        moved = champion.get(f"/customers/{w.anne.public_id}/{tab}", follow=True)
        assert moved.redirect_chain[-1][0] == f"/customers/{w.ann.public_id}/{tab}"
        assert "was merged into" in body(moved)
    kept = body(champion.get(f"/customers/{w.ann.public_id}/"))
    assert "was merged into this record" in kept and "Undo the merge" in kept
    history = body(champion.get(f"/customers/{w.ann.public_id}/history/"))
    assert "Merge of duplicate customers" in history and "Same" in history
    undo = f"/customers/merges/{merge.public_id}/undo/"
    officer = signed_in(w.borough, w.officer)
    assert "Undo the merge" not in body(officer.get(f"/customers/{w.ann.public_id}/"))
    assert officer.get(undo).status_code == 404
    assert officer.get(review).status_code == 403
    assert officer.get(url).status_code == 403
    assert champion.post(undo, {"reason": ""}).status_code == 200
    assert champion.post(undo, {"reason": "Sisters"}).status_code == 302
    assert champion.get(f"/customers/{w.anne.public_id}/").status_code == 200
    # Another borough's champion finds none of it.
    elsewhere = Partner.objects.get(slug=PARTNER_BROWSER_BO.slug)
    connection.set_tenant(elsewhere)
    other = signed_in(elsewhere, user_with("champion"))
    for address in (review, url, undo):
        for response in (other.get(address), other.post(address, {"reason": "Forged"})):
            assert response.status_code == 404 and "Okafor" not in body(response)
    assert "Okafor" not in body(other.get("/customers/duplicates/"))
    connection.set_tenant(w.borough)
    assert CustomerMerge.objects.get().unmerge_reason == "Sisters"
    connection.set_schema_to_public()


def test_the_menu_offers_the_review_to_champions_only(w):
    champion = body(signed_in(w.borough, w.champion).get("/customers/"))
    officer = body(signed_in(w.borough, w.officer).get("/customers/"))
    assert 'href="/customers/duplicates/"' in champion
    assert 'href="/customers/duplicates/"' not in officer
    assert "Duplicate customers" in champion and "Duplicate customers" not in officer
    # Under /customers/duplicates/ the item itself is the current page, not "Customers".
    page = body(signed_in(w.borough, w.champion).get("/customers/duplicates/"))
    menu = page.split('data-testid="main-menu"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', menu) == ["/customers/duplicates/"]
