"""Files and incidents through the API: files' details (never their bytes) to whoever may
see the record, incidents read and raised with field errors for bad input, a high one
telling the DSLs."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework.files.services import file_add
from casework.incidents.models import Incident
from casework.worklist.models import Notification
from tests.graphql_api.helpers import global_id, run

FILES = """query($c: ID, $e: ID) { files(contactId: $c, engagementId: $e) {
  id name contentType size description category downloadPath engagementId uploadedBy { fullName } } }"""
INCIDENTS = """query($c: ID!) { incidents(contactId: $c) {
  id kind severity description location peopleIds followUpNeeded reportedBy { fullName } } }"""
RAISE = """mutation($c: ID!, $kind: String!, $severity: String!, $at: DateTime!) {
  incidentRaise(input: {contactId: $c, kind: $kind, severity: $severity, happenedAt: $at,
  description: "Bitten at the group", location: "Hall"}) {
  incident { id kind severity } errors { field message } } }"""


def test_files_reach_who_may_see_the_record_without_their_bytes(world, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    file_add(
        actor=world.users["owner"],
        contact=world.child,
        engagement=world.engagement,
        upload=SimpleUploadedFile("Plan.txt", b"Plan bytes marker"),
        category="plan",
    )
    on_contact = {"c": global_id("Contact", world.child)}
    [seen] = run(world.users["owner"], FILES, on_contact).data["files"]
    assert seen["name"] == "Plan.txt" and seen["contentType"] == "text/plain"
    assert seen["downloadPath"].startswith("/files/") and "marker" not in str(seen)
    assert run(world.users["other"], FILES, on_contact).data["files"] == []
    on_engagement = {"e": global_id("Engagement", world.engagement)}
    assert run(world.users["other"], FILES, on_engagement).data["files"] is None
    assert len(run(world.users["shared"], FILES, on_engagement).data["files"]) == 1


def test_incidents_are_raised_and_read(world, django_capture_on_commit_callbacks):
    c = global_id("Contact", world.child)
    at = timezone.now().isoformat()
    result = run(
        world.users["owner"], RAISE, {"c": c, "kind": "other", "severity": "severe", "at": at}
    )
    assert {e["field"] for e in result.data["incidentRaise"]["errors"]} == {"severity"}
    result = run(
        world.users["owner"], RAISE, {"c": c, "kind": "Made up", "severity": "high", "at": at}
    )
    assert {e["field"] for e in result.data["incidentRaise"]["errors"]} == {"kind"}
    assert not Incident.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):  # those told hear once committed
        result = run(
            world.users["owner"],
            RAISE,
            {"c": c, "kind": "allegation", "severity": "high", "at": at},
        )
    assert result.data["incidentRaise"]["incident"]["kind"] == "Allegation"
    incident = Incident.objects.get()
    assert Notification.objects.filter(dedupe_key=f"incident:{incident.public_id}:high").exists()
    [read] = run(world.users["other"], INCIDENTS, {"c": c}).data["incidents"]
    assert read["description"] == "Bitten at the group" and read["reportedBy"]["fullName"]
