"""The calendar through the API: events on a contact or an engagement for who may see
them (null otherwise), my events in a date range, booking a weekly series, recording
attendance (deliveries, all or nothing) and cancelling, refusals as field errors, and
a constant number of queries however many events."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.events.models import Event, EventContact
from casework.models import ServiceDelivery
from casework.services.engagements import engagement_share
from tests.casework.screens import new_child, new_engagement, user_with
from tests.graphql_api.helpers import global_id, run

EVENTS = """query($c: ID, $e: ID) { events(contactId: $c, engagementId: $e, first: 50) {
  id kind startsAt endsAt place notes serviceName series cancelledAt cancelReason
  attendanceRecordedAt attendees { contactId name engagementId presence deliveryId }
  staff { fullName } } }"""
CREATE = """mutation($input: EventCreateInput!) { eventCreate(input: $input) {
  events { id startsAt series attendees { name } } errors { field message code } } }"""
ATTEND = """mutation($v: ID!, $rows: [PresenceInput!]!) { attendanceRecord(eventId: $v,
  attendance: $rows) { event { attendees { presence deliveryId } }
  errors { field message code } } }"""
CANCEL = """mutation($v: ID!, $r: String!) { eventCancel(eventId: $v, reason: $r) {
  event { cancelReason } errors { field message code } } }"""


class World:
    pass


@pytest.fixture
def w(in_partner_a, catalogue):
    w = World()
    w.programme, w.service = catalogue
    w.owner = user_with("practitioner")
    w.other = user_with("practitioner")
    w.shared = user_with("practitioner")
    w.manager = user_with("manager")
    w.dsl = user_with("dsl")
    w.child = new_child(w.owner, first="Orla", last="Finch")
    w.engagement = new_engagement(w.owner, w.child, w.programme)
    engagement_share(actor=w.owner, engagement=w.engagement, with_user=w.shared)
    return w


def _book(w, user=None, *, weeks=1, day=None, start="00:01", end="00:31", engagement=True):
    row = {"contactId": global_id("Contact", w.child)}
    if engagement:
        row["engagementId"] = global_id("Engagement", w.engagement)
    result = run(
        user or w.owner,
        CREATE,
        {
            "input": {
                "kind": "session",
                "date": (day or date.today()).isoformat(),
                "start": start,
                "end": end,
                "place": "Hall",
                "attendees": [row],
                "serviceId": global_id("Service", w.service),
                "weeks": weeks,
            }
        },
    )
    assert result.errors is None, result.errors
    return result.data["eventCreate"]


def test_book_a_series_and_read_it_as_the_record_allows(w):
    made = _book(w, weeks=3)
    assert made["errors"] == [] and len(made["events"]) == 3
    assert len({e["series"] for e in made["events"]}) == 1
    assert made["events"][0]["attendees"] == [{"name": "Orla Finch"}]
    on_contact = {"c": global_id("Contact", w.child)}
    on_engagement = {"e": global_id("Engagement", w.engagement)}
    for who in (w.owner, w.shared, w.manager, w.dsl):
        for on in (on_contact, on_engagement):
            result = run(who, EVENTS, on)
            assert result.errors is None and len(result.data["events"]) == 3, who
    # Another practitioner: the engagement is not theirs to see, nor its events.
    assert run(w.other, EVENTS, on_engagement).data["events"] is None
    assert run(w.other, EVENTS, on_contact).data["events"] == []
    mine = run(
        w.owner,
        "query($a: Date!, $b: Date!) { myEvents(dateFrom: $a, dateTo: $b) { id } }",
        {"a": date.today().isoformat(), "b": (date.today() + timedelta(days=30)).isoformat()},
    )
    assert len(mine.data["myEvents"]) == 3
    too_long = run(
        w.owner,
        "query($a: Date!, $b: Date!) { myEvents(dateFrom: $a, dateTo: $b) { id } }",
        {"a": "2026-01-01", "b": "2026-12-31"},
    )
    assert too_long.errors and "dateTo" in too_long.errors[0].message


def test_bad_input_comes_back_as_field_errors(w):
    made = _book(w, start="11:00", end="10:00", weeks=99)
    assert {e["field"] for e in made["errors"]} == {"end", "weeks"}
    made = _book(w, w.other)  # an engagement the other practitioner may not see
    assert [e["code"] for e in made["errors"]] == ["NOT_FOUND"]
    assert Event.objects.count() == 0


def test_attendance_becomes_a_delivery_and_cancelling_needs_a_reason(w):
    [event] = _book(w)["events"]
    rows = [{"contactId": global_id("Contact", w.child), "presence": "maybe"}]
    result = run(w.owner, ATTEND, {"v": event["id"], "rows": rows})
    assert result.data["attendanceRecord"]["errors"][0]["code"] == "INVALID"
    assert ServiceDelivery.objects.count() == 0
    refused = run(w.other, ATTEND, {"v": event["id"], "rows": rows})
    assert refused.data["attendanceRecord"]["errors"][0]["code"] == "NOT_FOUND"
    rows[0]["presence"] = "attended"
    result = run(w.shared, ATTEND, {"v": event["id"], "rows": rows})
    [attendee] = result.data["attendanceRecord"]["event"]["attendees"]
    assert attendee["presence"] == "attended" and attendee["deliveryId"]
    assert EventContact.objects.get().delivery.engagement == w.engagement
    [later] = _book(w, day=date.today() + timedelta(days=3))["events"]
    result = run(w.owner, CANCEL, {"v": later["id"], "r": " "})
    assert result.data["eventCancel"]["errors"][0]["field"] == "reason"
    result = run(w.owner, CANCEL, {"v": later["id"], "r": "Poorly"})
    assert result.data["eventCancel"]["event"]["cancelReason"] == "Poorly"


def test_events_cost_the_same_however_many(w):
    _book(w)
    variables = {"c": global_id("Contact", w.child)}
    with CaptureQueriesContext(connection) as few:
        assert run(w.manager, EVENTS, variables).errors is None
    _book(w, weeks=8, engagement=False)
    with CaptureQueriesContext(connection) as many:
        result = run(w.manager, EVENTS, variables)
    assert len(result.data["events"]) == 9
    assert len(many.captured_queries) <= len(few.captured_queries)
