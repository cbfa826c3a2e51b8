"""The API's duplicateCandidates, contactsMerge and contactsUnmerge (the issue's names; the
first names, likelyDuplicates, contactMerge and contactUnmerge, still answer, deprecated): thin, the same services
and rules as the screens (tests/casework/duplicates)."""

from datetime import date

from casework.duplicates.models import Merge
from graphql_api.schema import schema
from tests.casework.screens import new_child, user_with
from tests.graphql_api.helpers import global_id, run

ERRORS = "errors { field message code }"
MERGE = f"""mutation($s: ID!, $m: ID!, $r: String!) {{ contactsMerge(input: {{survivorId: $s,
  mergedId: $m, keep: ["first_name"], reason: $r}}) {{ merge {{ id reason mergedName }}
  survivor {{ id firstName }} {ERRORS} }} }}"""
UNMERGE = f"""mutation($m: ID!, $r: String!) {{ contactsUnmerge(input: {{mergeId: $m, reason: $r}})
  {{ merge {{ unmergedAt }} {ERRORS} }} }}"""


def test_likely_duplicates_merge_and_unmerge(in_partner_a):
    practitioner, manager = user_with("practitioner"), user_with("manager")
    born = date(2021, 5, 6)
    sam = new_child(practitioner, "Sam", "Bunny", date_of_birth=born)
    samm = new_child(practitioner, "Samm", "Bunnie", date_of_birth=born)
    pairs = run(manager, "{ duplicateCandidates { matched first { id } second { id } } }").data
    assert pairs["duplicateCandidates"] == [
        {
            "matched": ["names sound alike", "date of birth", "postcode"],
            "first": {"id": global_id("Contact", sam)},
            "second": {"id": global_id("Contact", samm)},
        }
    ]
    assert run(practitioner, "{ duplicateCandidates { score } }").data["duplicateCandidates"] == []
    ids = {"s": global_id("Contact", sam), "m": global_id("Contact", samm)}
    refused = run(manager, MERGE, ids | {"r": " "}).data["contactsMerge"]
    assert refused["errors"][0]["field"] == "reason" and not Merge.objects.exists()
    done = run(manager, MERGE, ids | {"r": "Same child"}).data["contactsMerge"]
    assert done["errors"] == [] and done["survivor"]["firstName"] == "Samm"
    assert done["merge"]["mergedName"] == "Samm Bunnie"
    merge_id = done["merge"]["id"]
    not_yours = run(practitioner, UNMERGE, {"m": merge_id, "r": "Twins"}).data["contactsUnmerge"]
    assert not_yours["errors"][0]["code"] == "NOT_FOUND"
    undone = run(manager, UNMERGE, {"m": merge_id, "r": "Twins"}).data["contactsUnmerge"]
    assert undone["errors"] == [] and undone["merge"]["unmergedAt"]
    again = run(manager, UNMERGE, {"m": merge_id, "r": "Twins"}).data["contactsUnmerge"]
    assert again["errors"][0]["message"] == "This merge has already been undone."


def test_the_first_names_still_answer_marked_deprecated(in_partner_a):
    practitioner, manager = user_with("practitioner"), user_with("manager")
    born = date(2021, 5, 6)
    sam = new_child(practitioner, "Sam", "Bunny", date_of_birth=born)
    samm = new_child(practitioner, "Samm", "Bunnie", date_of_birth=born)
    old = run(manager, "{ likelyDuplicates { first { id } } }").data["likelyDuplicates"]
    assert old == [{"first": {"id": global_id("Contact", sam)}}]
    ids = {"s": global_id("Contact", sam), "m": global_id("Contact", samm), "r": "Same child"}
    done = run(manager, MERGE.replace("contactsMerge", "contactMerge"), ids).data["contactMerge"]
    assert done["errors"] == [] and Merge.objects.filter(survivor=sam).exists()
    undo = UNMERGE.replace("contactsUnmerge", "contactUnmerge")
    undone = run(manager, undo, {"m": done["merge"]["id"], "r": "Twins"}).data["contactUnmerge"]
    assert undone["errors"] == [] and undone["merge"]["unmergedAt"]
    built = schema.as_str()  # introspection is off: the schema integrators are given
    query, mutation = schema._schema.query_type.fields, schema._schema.mutation_type.fields
    assert query["likelyDuplicates"].deprecation_reason == "Use duplicateCandidates."
    assert mutation["contactMerge"].deprecation_reason == "Use contactsMerge."
    assert mutation["contactUnmerge"].deprecation_reason == "Use contactsUnmerge."
    for name in ("duplicateCandidates",):
        assert query[name].deprecation_reason is None
    for name in ("contactsMerge", "contactsUnmerge"):
        assert mutation[name].deprecation_reason is None
    assert '@deprecated(reason: "Use contactsMerge.")' in built
