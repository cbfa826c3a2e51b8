"""Who a consultation was held with, and a group session's service and date, put right
through the API: the portal's services, so the same people may, the same reasons are
asked for and kept, and refusals name this API's input fields and change nothing."""

from datetime import date, timedelta

import pytest

from casework import selectors_history
from casework.models import ConsultationParticipant, GroupSession, Service, ServiceDelivery
from casework.services.group_sessions import BulkRow, deliveries_bulk_create
from tests.graphql_api.helpers import codes, global_id, payload, run

ERRORS = "errors { field message code }"
PERSON_ADD = f"""mutation($input: ConsultationPersonAddInput!) {{ consultationPersonAdd(
  input: $input) {{ consultation {{ id heldWithContacts {{ firstName }} }} {ERRORS} }} }}"""
PERSON_REMOVE = f"""mutation($input: ConsultationPersonRemoveInput!) {{ consultationPersonRemove(
  input: $input) {{ consultation {{ id heldWithContacts {{ firstName }} }} {ERRORS} }} }}"""
SESSION_UPDATE = f"""mutation($input: GroupSessionUpdateInput!) {{ groupSessionUpdate(
  input: $input) {{ groupSession {{ id date anonymousAttendees service {{ name }} }}
  {ERRORS} }} }}"""


def test_a_contact_is_added_and_removed_with_the_reason_kept(world):
    w = world
    owner, other = w.users["owner"], w.users["other"]
    ids = {"consultationId": global_id("Consultation", w.consultation)}
    mum = global_id("Contact", w.mum)
    refused = payload(
        run(other, PERSON_ADD, {"input": {**ids, "contactId": mum}}), "consultationPersonAdd"
    )
    assert codes(refused) == {("consultationId", "NOT_FOUND")}  # may not see it
    shared = payload(
        run(w.users["shared"], PERSON_ADD, {"input": {**ids, "contactId": mum}}),
        "consultationPersonAdd",
    )
    assert {code for _, code in codes(shared)} == {"REFUSED"}  # sees it, may not change it
    nobody = payload(
        run(owner, PERSON_ADD, {"input": {**ids, "contactId": global_id("Contact", w.engagement)}}),
        "consultationPersonAdd",
    )
    assert codes(nobody) == {("contactId", "NOT_FOUND")}
    assert not ConsultationParticipant.objects.exists()
    added = payload(
        run(owner, PERSON_ADD, {"input": {**ids, "contactId": mum}}), "consultationPersonAdd"
    )
    assert added["errors"] == [] and added["consultation"]["heldWithContacts"] == [
        {"firstName": "Jane"}
    ]
    twice = payload(
        run(owner, PERSON_ADD, {"input": {**ids, "contactId": mum}}), "consultationPersonAdd"
    )
    assert codes(twice) == {("contactId", "INVALID")}
    unexplained = payload(
        run(owner, PERSON_REMOVE, {"input": {**ids, "contactId": mum, "reason": " "}}),
        "consultationPersonRemove",
    )
    assert codes(unexplained) == {("reason", "INVALID")}
    removed = payload(
        run(owner, PERSON_REMOVE, {"input": {**ids, "contactId": mum, "reason": "Wrong Jane"}}),
        "consultationPersonRemove",
    )
    assert removed["errors"] == [] and removed["consultation"]["heldWithContacts"] == []
    newest = selectors_history.engagement_history(user=owner, public_id=w.engagement.public_id)[1]
    assert newest.object_list[0].what.startswith("Person consulted removed: Jane")
    assert newest.object_list[0].reason == "Wrong Jane"
    read = run(
        owner,
        "query($id: ID!) { node(id: $id) { ... on Consultation { heldWithContacts { id } } } }",
        {"id": ids["consultationId"]},
    )
    assert read.data["node"]["heldWithContacts"] == []


@pytest.fixture
def session(world):
    w = world
    on = date.today() - timedelta(days=2)
    [row] = deliveries_bulk_create(
        actor=w.users["owner"],
        rows=[BulkRow(engagement=w.engagement, service=w.service, on=on)],
        anonymous_attendees=1,
        group_service=w.service,
        on=on,
    )
    return row.group_session


def test_a_group_session_moves_with_its_rows(world, session):
    w = world
    owner = w.users["owner"]
    other_service = Service.objects.create(programme=w.programme, name="RF: Baby massage")
    gid = global_id("GroupSession", session)
    unseen = payload(
        run(w.users["other"], SESSION_UPDATE, {"input": {"id": gid, "anonymousAttendees": 3}}),
        "groupSessionUpdate",
    )
    assert codes(unseen) == {("id", "NOT_FOUND")}
    old_day = (date.today() - timedelta(days=10)).isoformat()
    unexplained = payload(
        run(owner, SESSION_UPDATE, {"input": {"id": gid, "date": old_day}}), "groupSessionUpdate"
    )
    assert codes(unexplained) == {("reason", "INVALID")}
    future = payload(
        run(
            owner,
            SESSION_UPDATE,
            {"input": {"id": gid, "date": (date.today() + timedelta(days=1)).isoformat()}},
        ),
        "groupSessionUpdate",
    )
    assert codes(future) == {("date", "INVALID")}
    no_service = payload(
        run(
            owner,
            SESSION_UPDATE,
            {"input": {"id": gid, "serviceId": global_id("Service", w.engagement)}},
        ),
        "groupSessionUpdate",
    )
    assert codes(no_service) == {("serviceId", "NOT_FOUND")}
    assert GroupSession.objects.get(pk=session.pk).date == date.today() - timedelta(days=2)
    done = payload(
        run(
            owner,
            SESSION_UPDATE,
            {
                "input": {
                    "id": gid,
                    "date": old_day,
                    "serviceId": global_id("Service", other_service),
                    "reason": "Register says the 10th",
                }
            },
        ),
        "groupSessionUpdate",
    )
    assert done["errors"] == []
    assert done["groupSession"]["date"] == old_day
    assert done["groupSession"]["service"]["name"] == "RF: Baby massage"
    [row] = ServiceDelivery.objects.filter(group_session=session)
    assert (row.date.isoformat(), row.service_id) == (old_day, other_service.pk)
    read = run(
        owner,
        "query($id: ID!) { node(id: $id) { ... on ServiceDelivery { groupSession { id date } } } }",
        {"id": global_id("ServiceDelivery", row)},
    )
    assert read.data["node"]["groupSession"] == {"id": gid, "date": old_day}
