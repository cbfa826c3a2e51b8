"""The API's likely duplicates, contactMerge and contactUnmerge: thin, the same services
and rules as the screens (tests/casework/duplicates)."""

from datetime import date

from casework.duplicates.models import Merge
from tests.casework.screens import new_child, user_with
from tests.graphql_api.helpers import global_id, run

ERRORS = "errors { field message code }"
MERGE = f"""mutation($s: ID!, $m: ID!, $r: String!) {{ contactMerge(input: {{survivorId: $s,
  mergedId: $m, keep: ["first_name"], reason: $r}}) {{ merge {{ id reason mergedName }}
  survivor {{ id firstName }} {ERRORS} }} }}"""
UNMERGE = f"""mutation($m: ID!, $r: String!) {{ contactUnmerge(input: {{mergeId: $m, reason: $r}})
  {{ merge {{ unmergedAt }} {ERRORS} }} }}"""


def test_likely_duplicates_merge_and_unmerge(in_partner_a):
    practitioner, manager = user_with("practitioner"), user_with("manager")
    born = date(2021, 5, 6)
    sam = new_child(practitioner, "Sam", "Bunny", date_of_birth=born)
    samm = new_child(practitioner, "Samm", "Bunnie", date_of_birth=born)
    pairs = run(manager, "{ likelyDuplicates { matched first { id } second { id } } }").data
    assert pairs["likelyDuplicates"] == [
        {
            "matched": ["names sound alike", "date of birth", "postcode"],
            "first": {"id": global_id("Contact", sam)},
            "second": {"id": global_id("Contact", samm)},
        }
    ]
    assert run(practitioner, "{ likelyDuplicates { score } }").data["likelyDuplicates"] == []
    ids = {"s": global_id("Contact", sam), "m": global_id("Contact", samm)}
    refused = run(manager, MERGE, ids | {"r": " "}).data["contactMerge"]
    assert refused["errors"][0]["field"] == "reason" and not Merge.objects.exists()
    done = run(manager, MERGE, ids | {"r": "Same child"}).data["contactMerge"]
    assert done["errors"] == [] and done["survivor"]["firstName"] == "Samm"
    assert done["merge"]["mergedName"] == "Samm Bunnie"
    merge_id = done["merge"]["id"]
    not_yours = run(practitioner, UNMERGE, {"m": merge_id, "r": "Twins"}).data["contactUnmerge"]
    assert not_yours["errors"][0]["code"] == "NOT_FOUND"
    undone = run(manager, UNMERGE, {"m": merge_id, "r": "Twins"}).data["contactUnmerge"]
    assert undone["errors"] == [] and undone["merge"]["unmergedAt"]
    again = run(manager, UNMERGE, {"m": merge_id, "r": "Twins"}).data["contactUnmerge"]
    assert again["errors"][0]["message"] == "This merge has already been undone."
