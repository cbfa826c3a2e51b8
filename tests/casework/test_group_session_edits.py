"""A group session recorded on the wrong day or under the wrong service is moved as a
whole: every client's row follows it, the reason rules of sessions hold (older than 7
days, or a row in an ended engagement), whoever moves it must be allowed to change every
row, bad input changes nothing, and History reads old → new with the reason."""

from datetime import date, timedelta
from html import escape

import pytest
from django.core.exceptions import ValidationError

from casework import selectors_history, selectors_work
from casework.models import GroupSession, Service, ServiceDelivery
from casework.policy import CaseworkRefused
from casework.services.deliveries import delivery_remove, group_session_update
from casework.services.engagements import engagement_share
from casework.services.group_sessions import BulkRow, deliveries_bulk_create
from tests.casework.screens import body, new_child, new_engagement, user_with

TODAY = date.today()


def days_ago(n):
    return TODAY - timedelta(days=n)


@pytest.fixture
def other_service(programme):
    return Service.objects.create(programme=programme, name="RF: Baby massage")


def record(owner, engagements, service, on, anonymous=0):
    rows = deliveries_bulk_create(
        actor=owner,
        rows=[BulkRow(engagement=e, service=service, on=on) for e in engagements],
        anonymous_attendees=anonymous,
        group_service=service,
        on=on,
    )
    return rows[0].group_session, rows


@pytest.fixture
def two_children(owner, programme):
    return [
        new_engagement(owner, new_child(owner, first=name), programme, start_date=days_ago(60))
        for name in ("Sam", "Ada")
    ]


def rows_of(session):
    return list(
        ServiceDelivery.objects.filter(group_session=session)
        .order_by("pk")
        .values_list("service_id", "date", "removed_at")
    )


def test_a_session_moves_with_every_row(owner, two_children, service, other_service):
    session, rows = record(owner, two_children, service, days_ago(2))
    delivery_remove(actor=owner, delivery=rows[1], reason="Ada was not there")
    group_session_update(actor=owner, session=session, service=other_service, date=days_ago(3))
    session.refresh_from_db()
    assert (session.service, session.date) == (other_service, days_ago(3))
    moved, removed = rows_of(session)
    assert moved[:2] == (other_service.pk, days_ago(3))
    assert removed[:2] == (service.pk, days_ago(2))  # a removed row stays as it was
    # The session's own history, and each moved row's on its engagement, old → new.
    [entry] = [
        e
        for e in selectors_work.group_session_history(session=session).object_list
        if e.what.startswith("Group session changed")
    ]
    changes = {(c.label, c.old, c.new) for c in entry.changes}
    assert ("Service", service.name, other_service.name) in changes
    assert ("Date", f"{days_ago(2):%-d %b %Y}", f"{days_ago(3):%-d %b %Y}") in changes
    engagement = two_children[0]
    row_entry = selectors_history.engagement_history(user=owner, public_id=engagement.public_id)[
        1
    ].object_list[0]
    assert row_entry.what.startswith("Service delivery changed")
    assert ("Service", service.name, other_service.name) in {
        (c.label, c.old, c.new) for c in row_entry.changes
    }


def test_an_old_session_moves_only_with_a_reason(owner, two_children, service):
    session, _ = record(owner, two_children, service, days_ago(3))
    with pytest.raises(ValidationError) as refused:
        group_session_update(actor=owner, session=session, date=days_ago(10))
    assert set(refused.value.message_dict) == {"reason"}
    assert GroupSession.objects.get(pk=session.pk).date == days_ago(3)
    group_session_update(
        actor=owner, session=session, date=days_ago(10), reason="Register says the 10th"
    )
    assert {d for _, d, _ in rows_of(session)} == {days_ago(10)}
    [entry] = [
        e
        for e in selectors_work.group_session_history(session=session).object_list
        if e.what.startswith("Group session changed")
    ]
    assert entry.reason == "Register says the 10th" and entry.who == owner.get_full_name()


def test_bad_input_changes_nothing_and_names_the_field(owner, two_children, service, programme):
    session, _ = record(owner, two_children, service, days_ago(2))
    before = rows_of(session)
    late_start = new_engagement(owner, new_child(owner, first="Late"), programme, start_date=TODAY)
    late_session, _ = record(owner, [late_start], service, TODAY)
    with pytest.raises(ValidationError) as future:
        group_session_update(actor=owner, session=session, date=TODAY + timedelta(days=1))
    assert set(future.value.message_dict) == {"date"}
    with pytest.raises(ValidationError) as early:
        group_session_update(actor=owner, session=late_session, date=days_ago(5), reason="x")
    assert early.value.message_dict["date"][0].startswith("Late Bunny's row:")
    ended = Service.objects.create(programme=programme, name="RF: Ended", is_active=False)
    with pytest.raises(ValidationError) as not_running:
        group_session_update(actor=owner, session=session, service=ended)
    assert set(not_running.value.message_dict) == {"service"}
    with pytest.raises(ValidationError) as unknown:
        group_session_update(actor=owner, session=session, recorded_by=owner)
    assert set(unknown.value.message_dict) == {"recorded_by"}
    assert rows_of(session) == before
    assert GroupSession.objects.get(pk=session.pk).date == days_ago(2)


def test_moving_needs_the_right_to_change_every_row(owner, two_children, service, programme):
    colleague = user_with("practitioner")
    theirs = new_engagement(colleague, new_child(colleague, first="Theirs"), programme)
    engagement_share(actor=colleague, engagement=theirs, with_user=owner)
    session, _ = record(owner, [*two_children, theirs], service, days_ago(1))
    with pytest.raises(CaseworkRefused) as refused:
        group_session_update(actor=owner, session=session, date=days_ago(2))
    assert "Theirs Bunny's row" in refused.value.message
    # The attendees not recorded by name are the session's own: its recorder changes them.
    group_session_update(actor=owner, session=session, anonymous_attendees=4)
    assert {d for _, d, _ in rows_of(session)} == {days_ago(1)}
    manager = user_with("manager")
    group_session_update(actor=manager, session=session, date=days_ago(2))
    assert {d for _, d, _ in rows_of(session)} == {days_ago(2)}
    with pytest.raises(CaseworkRefused):
        group_session_update(actor=colleague, session=session, date=days_ago(1))


def test_the_session_page_moves_it(owner, owner_client, two_children, service, other_service):
    session, rows = record(owner, two_children, service, days_ago(2))
    url = f"/group-sessions/{session.public_id}/"
    page = body(owner_client.get(f"{url}?code=RF:+B"))
    assert f'href="{url}#id_date"' in page and other_service.name in page
    data = {
        "service": str(other_service.public_id),
        "date": f"{days_ago(9):%d/%m/%Y}",
        "anonymous_attendees": "0",
    }
    refused = owner_client.post(url, data)
    assert refused.status_code == 200 and 'href="#id_reason"' in body(refused)
    assert rows_of(session)[0][:2] == (service.pk, days_ago(2))
    assert owner_client.post(url, {**data, "reason": "Wrong week"}).status_code == 302
    assert rows_of(session)[0][:2] == (other_service.pk, days_ago(9))
    page = body(owner_client.get(url))
    assert f"Service:</span> {escape(service.name)} → {other_service.name}" in page
    assert "Reason: Wrong week" in page
    history = body(owner_client.get(f"/engagements/{two_children[0].public_id}/history/"))
    assert (
        f"{escape(service.name)} → {other_service.name}" in history
        and "Reason: Wrong week" in history
    )
