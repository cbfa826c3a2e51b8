"""The API's customerDuplicateCandidates, customersMerge, customersUnmerge and
customersNotDuplicate: thin, the same services and rules (a champion or manager of the
partner) as the screens (tests/customers/test_duplicates.py)."""

from datetime import date

from customers.models import CustomerMerge, CustomerNotDuplicate, CustomerReferral
from tests.customers.journey import a_customer, refer
from tests.graphql_api.helpers import global_id, run

ERRORS = "errors { field message code }"
MERGE = f"""mutation($s: ID!, $m: ID!, $r: String!) {{ customersMerge(input: {{survivorId: $s,
  mergedId: $m, keep: ["first_name"], reason: $r}}) {{ merge {{ id reason mergedName }}
  survivor {{ id firstName }} {ERRORS} }} }}"""
UNMERGE = f"""mutation($m: ID!, $r: String!) {{ customersUnmerge(input: {{mergeId: $m,
  reason: $r}}) {{ merge {{ unmergedAt }} {ERRORS} }} }}"""
NOT_DUPLICATE = f"""mutation($a: ID!, $b: ID!) {{ customersNotDuplicate(input: {{firstId: $a,
  secondId: $b, reason: "Sisters"}}) {{ decided {ERRORS} }} }}"""
BORN = date(1990, 5, 6)


def test_candidates_merge_and_unmerge_for_champions_only(people, partner_c):
    w = people
    ann = a_customer(w.officer, first_name="Ann", date_of_birth=BORN)
    anne = a_customer(w.officer, first_name="Anne", date_of_birth=BORN)
    sent = refer(w.officer, anne, partner_c)
    query = "{ customerDuplicateCandidates { matched first { id } second { id } } }"
    pairs = run(w.champion, query, partner=w.borough).data["customerDuplicateCandidates"]
    assert pairs == [
        {
            "matched": ["names sound alike", "date of birth", "phone", "postcode"],
            "first": {"id": global_id("Customer", ann)},
            "second": {"id": global_id("Customer", anne)},
        }
    ]
    assert run(w.officer, query, partner=w.borough).data["customerDuplicateCandidates"] == []
    ids = {"s": global_id("Customer", ann), "m": global_id("Customer", anne)}
    officer = run(w.officer, MERGE, ids | {"r": "Same"}, partner=w.borough).data
    assert officer["customersMerge"]["errors"][0]["code"] == "REFUSED"
    refused = run(w.champion, MERGE, ids | {"r": " "}, partner=w.borough).data["customersMerge"]
    assert refused["errors"][0]["field"] == "reason" and not CustomerMerge.objects.exists()
    done = run(w.champion, MERGE, ids | {"r": "Same"}, partner=w.borough).data["customersMerge"]
    assert done["errors"] == [] and done["survivor"]["firstName"] == "Anne"
    assert done["merge"]["mergedName"] == "Anne Okafor"
    assert CustomerReferral.objects.get(referral=sent).customer == ann
    merge_id = done["merge"]["id"]
    not_yours = run(w.officer, UNMERGE, {"m": merge_id, "r": "Twins"}, partner=w.borough).data
    assert not_yours["customersUnmerge"]["errors"][0]["code"] == "NOT_FOUND"
    undone = run(w.champion, UNMERGE, {"m": merge_id, "r": "Twins"}, partner=w.borough).data
    assert undone["customersUnmerge"]["errors"] == []
    assert CustomerReferral.objects.get(referral=sent).customer == anne
    ab = {"a": ids["s"], "b": ids["m"]}
    officer = run(w.officer, NOT_DUPLICATE, ab, partner=w.borough).data["customersNotDuplicate"]
    assert officer["errors"][0]["code"] == "REFUSED" and not CustomerNotDuplicate.objects.exists()
    decided = run(w.champion, NOT_DUPLICATE, ab, partner=w.borough).data["customersNotDuplicate"]
    assert decided == {"decided": True, "errors": []}
    assert run(w.champion, query, partner=w.borough).data["customerDuplicateCandidates"] == []
