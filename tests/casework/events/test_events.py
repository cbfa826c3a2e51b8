"""The calendar: booking a weekly series (each occurrence changed or cancelled on its
own), attendance becoming deliveries all or nothing, who sees which event (in SQL and in
Python alike), the .ics feed (no names; 404 once revoked; no session; not cached),
today's events on the home page, and every calendar screen refusing who may not see it."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.events import policy, selectors, services
from casework.events.models import CalendarFeed, Event, EventContact
from casework.events.services import Attendee
from casework.models import ServiceDelivery
from casework.services.engagements import engagement_close, engagement_share
from tests.casework.screens import body, new_child, new_engagement, user_with
from tests.clients import signed_in
from tests.partners import domain_of


class World:
    pass


def _today_at(hour, minute=0, days=0):
    return timezone.localdate() + timedelta(days=days), time(hour, minute)


@pytest.fixture
def w(partner_a, partner_c, programme, service):
    w = World()
    # Another partner's caseworker (a provider's adviser records casework too).
    w.partner_a, w.partner_b, w.service = partner_a, partner_c, service
    w.owner = user_with("practitioner")
    w.other = user_with("practitioner")
    w.shared = user_with("practitioner")
    w.manager = user_with("manager")
    w.dsl = user_with("dsl")
    w.child = new_child(w.owner)
    w.sister = new_child(w.owner, first="Ada", last="Bunny")
    w.engagement = new_engagement(w.owner, w.child, programme)
    w.sister_engagement = new_engagement(w.owner, w.sister, programme)
    engagement_share(actor=w.owner, engagement=w.engagement, with_user=w.shared)
    engagement_share(actor=w.owner, engagement=w.sister_engagement, with_user=w.shared)
    # Earlier today (attendance can be recorded), in both children's engagements.
    day, start = _today_at(0, 5)
    (w.session,) = services.event_create(
        actor=w.owner,
        kind="session",
        day=day,
        start=start,
        end=time(0, 50),
        place="Riverside hall",
        service=service,
        attendees=[
            Attendee(contact=w.child, engagement=w.engagement),
            Attendee(contact=w.sister, engagement=w.sister_engagement),
        ],
    )
    # A visit on the contact only (no engagement): every caseworker sees it.
    (w.visit,) = services.event_create(
        actor=w.other,
        kind="visit",
        day=day,
        start=time(0, 10),
        end=time(0, 40),
        attendees=[Attendee(contact=w.child)],
    )
    connection.set_tenant(partner_c)
    w.stranger = user_with("adviser")
    connection.set_tenant(partner_a)
    return w


def _seen(user):
    return set(selectors.events_visible_to(user=user).values_list("pk", flat=True))


def test_who_sees_which_event(w):
    both = {w.session.pk, w.visit.pk}
    assert _seen(w.owner) == both
    assert _seen(w.shared) == both
    assert _seen(w.manager) == both
    assert _seen(w.dsl) == both
    # Another practitioner: the visit on the contact, not the session in engagements
    # they may not see.
    assert _seen(w.other) == {w.visit.pk}
    # Put on the session's staff, they see it.
    w.session.staff.add(w.other)
    assert _seen(w.other) == both
    for user in (w.owner, w.other, w.shared, w.manager, w.dsl):
        for event in (w.session, w.visit):
            fresh = Event.objects.prefetch_related("staff", "attendees__engagement").get(
                pk=event.pk
            )
            assert policy.can_see_event(user, fresh) == (event.pk in _seen(user))


def test_a_weekly_series_is_made_at_once_and_each_week_stands_alone(w):
    day, start = _today_at(14, days=1)
    made = services.event_create(
        actor=w.owner,
        kind="meeting",
        day=day,
        start=start,
        end=time(15),
        weeks=4,
        attendees=[Attendee(contact=w.child, engagement=w.engagement)],
        staff=[w.shared],
    )
    assert len(made) == 4 and len({e.series for e in made}) == 1 and made[0].series
    assert [timezone.localtime(e.starts_at).date() for e in made] == [
        day + timedelta(weeks=n) for n in range(4)
    ]
    assert all(set(e.staff.all()) == {w.owner, w.shared} for e in made)
    assert EventContact.objects.filter(event__in=made).count() == 4
    services.event_update(actor=w.owner, event=made[1], start=time(16), end=time(17))
    services.event_cancel(actor=w.shared, event=made[2], reason="Half term")
    fresh = {e.pk: e for e in Event.objects.filter(series=made[0].series)}
    assert timezone.localtime(fresh[made[1].pk].starts_at).time() == time(16)
    assert timezone.localtime(fresh[made[0].pk].starts_at).time() == time(14)
    assert fresh[made[2].pk].cancel_reason == "Half term"
    assert sum(e.is_cancelled for e in fresh.values()) == 1
    with pytest.raises(ValidationError) as refused:
        services.event_cancel(actor=w.owner, event=made[3], reason=" ")
    assert "reason" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.event_cancel(actor=w.other, event=made[3], reason="Not theirs")


def test_bad_booking_names_each_field_and_saves_nothing(w):
    before = Event.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.event_create(
            actor=w.owner,
            kind="party",
            day=timezone.localdate(),
            start=time(11),
            end=time(10),
            weeks=60,
            place="Nul\x00byte",
            attendees=[],
        )
    assert set(refused.value.message_dict) == {"kind", "end", "weeks", "place", "contacts"}
    with pytest.raises(ValidationError) as refused:
        services.event_create(
            actor=w.other,
            kind="visit",
            day=timezone.localdate(),
            start=time(10),
            end=time(11),
            attendees=[Attendee(contact=w.child, engagement=w.engagement)],
        )
    assert "engagement" in refused.value.message_dict
    assert Event.objects.count() == before


def test_attendance_becomes_deliveries_all_or_nothing(w):
    # One bad row (the sister's engagement has closed): nothing at all is written.
    engagement_close(
        actor=w.owner,
        engagement=w.sister_engagement,
        stage="closed",
        closed_on=timezone.localdate(),
    )
    presence = {w.child.pk: "attended", w.sister.pk: "did_not_attend"}
    deliveries = ServiceDelivery.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(actor=w.owner, event=w.session, presence=presence)
    assert list(refused.value.message_dict) == [f"contact:{w.sister.public_id}"]
    assert ServiceDelivery.objects.count() == deliveries
    assert not EventContact.objects.filter(event=w.session).exclude(presence="").exists()
    w.session.refresh_from_db()
    assert w.session.attendance_recorded_at is None
    # A missing answer is named too.
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(
            actor=w.owner, event=w.session, presence={w.child.pk: "attended"}
        )
    assert f"contact:{w.sister.public_id}" in refused.value.message_dict
    # Without the bad row (the sister attended on her record only), one delivery each.
    EventContact.objects.filter(event=w.session, contact=w.sister).update(engagement=None)
    services.attendance_record(actor=w.owner, event=w.session, presence=presence)
    rows = {r.contact_id: r for r in EventContact.objects.filter(event=w.session)}
    delivery = rows[w.child.pk].delivery
    assert (delivery.engagement, delivery.service, delivery.attendance) == (
        w.engagement,
        w.service,
        "attended",
    )
    assert delivery.duration_minutes == 45
    assert rows[w.sister.pk].delivery is None and rows[w.sister.pk].presence == "did_not_attend"
    assert ServiceDelivery.objects.count() == deliveries + 1
    with pytest.raises(ValidationError, match="already"):
        services.attendance_record(actor=w.owner, event=w.session, presence=presence)
    with pytest.raises(ValidationError, match="took place"):
        services.event_update(actor=w.owner, event=w.session, place="Elsewhere")


def test_a_group_event_records_a_group_session(w):
    services.attendance_record(
        actor=w.shared,
        event=w.session,
        presence={w.child.pk: "attended", w.sister.pk: "cancelled"},
    )
    made = ServiceDelivery.objects.filter(
        pk__in=EventContact.objects.filter(event=w.session).values("delivery")
    )
    assert sorted(made.values_list("attendance", flat=True)) == ["attended", "excused"]
    assert len({d.group_session_id for d in made}) == 1 and made[0].group_session_id


def test_the_feed_has_no_names_and_stops_when_revoked(w, client_a):
    feed = services.calendar_feed_issue(actor=w.owner)
    response = client_a.get(f"/calendar/feed/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Session – S.B.\\, A.B." in text and f"UID:{w.session.public_id}" in text
    for name in ("Sam", "Bunny", "Ada", "Riverside", w.child.client_id):
        assert name not in text
    # A new address replaces the old one; revoking stops it; a made-up one is unknown.
    again = services.calendar_feed_issue(actor=w.owner)
    assert client_a.get(f"/calendar/feed/{feed.token}.ics").status_code == 404
    assert client_a.get(f"/calendar/feed/{again.token}.ics").status_code == 200
    services.calendar_feed_revoke(actor=w.owner)
    assert client_a.get(f"/calendar/feed/{again.token}.ics").status_code == 404
    assert client_a.get("/calendar/feed/guessed.ics").status_code == 404
    # Another partner's address does not exist here, nor this one there.
    live = services.calendar_feed_issue(actor=w.owner)
    elsewhere = Client(HTTP_HOST=domain_of(w.partner_b))
    assert elsewhere.get(f"/calendar/feed/{live.token}.ics").status_code == 404
    connection.set_tenant(w.partner_a)


def test_the_feed_is_issued_and_revoked_from_my_calendar(w):
    client = signed_in(w.partner_a, w.owner)
    assert client.post("/calendar/address/", {"action": "issue"}).status_code == 302
    token = CalendarFeed.objects.get(user=w.owner, revoked_at__isnull=True).token
    assert token in body(client.get("/calendar/"))
    client.post("/calendar/address/", {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=w.owner, revoked_at__isnull=True).exists()
    assert token not in body(client.get("/calendar/"))


def test_todays_events_on_the_home_page(w):
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))
    with time_machine.travel(noon, tick=False):
        page = body(signed_in(w.partner_a, w.owner).get("/"))
        assert 'data-testid="panel-events-today"' in page
        assert "Session" in page and "Sam Bunny" in page
        page = body(signed_in(w.partner_a, w.other).get("/"))
        assert "Visit" in page  # their own visit; not the session they may not see
        assert "Riverside hall" not in page
    with time_machine.travel(noon + timedelta(days=1), tick=False):
        page = body(signed_in(w.partner_a, w.owner).get("/"))
        assert "No events for you today." in page


def test_booking_from_the_record(w):
    client = signed_in(w.partner_a, w.owner)
    page = body(client.get(f"/contacts/{w.child.public_id}/"))
    assert "Book a visit" in page and "Events (2)" in page
    day = timezone.localdate() + timedelta(days=2)
    response = client.post(
        f"/contacts/{w.child.public_id}/events/new/",
        {
            "kind": "visit",
            "day": f"{day.day}/{day.month}/{day.year}",
            "start": "09:30",
            "end": "10:30",
            "place": "Home",
            "others": w.sister.client_id.lower(),
            "engagement": str(w.engagement.public_id),
            "service": str(w.service.pk),
            "staff": [str(w.shared.public_id)],
            "weeks": "2",
        },
    )
    assert response.status_code == 302, body(response)
    made = Event.objects.filter(place="Home").order_by("starts_at")
    assert made.count() == 2 and set(made[0].staff.all()) == {w.owner, w.shared}
    assert {(r.contact, r.engagement) for r in made[0].attendees.all()} == {
        (w.child, w.engagement),
        (w.sister, None),
    }
    response = client.post(
        f"/contacts/{w.child.public_id}/events/new/",
        {"kind": "visit", "day": "31/2/2026", "start": "25:00", "end": "", "others": "NOPE1"},
    )
    page = body(response)
    assert "Enter a real date" in page and "Enter the time" in page
    response = client.post(
        f"/contacts/{w.child.public_id}/events/new/",
        {
            "kind": "visit",
            "day": "1/1/2026",
            "start": "10:00",
            "end": "11:00",
            "weeks": "1",
            "others": "NOPE1",
        },
    )
    assert "No one has the client ID NOPE1" in body(response)


def test_attendance_from_the_event_page(w):
    client = signed_in(w.partner_a, w.owner)
    url = f"/events/{w.session.public_id}/"
    assert 'data-testid="attendance-form"' in body(client.get(url))
    response = client.post(url, {f"contact-{w.child.public_id}": "attended"})
    assert "Choose attended, did not attend or cancelled." in body(response)
    response = client.post(
        url,
        {f"contact-{w.child.public_id}": "attended", f"contact-{w.sister.public_id}": "attended"},
    )
    assert response.status_code == 302
    assert EventContact.objects.filter(event=w.session, delivery__isnull=False).count() == 2


def _managers_meetings(w, weeks):
    day, start = _today_at(1)
    services.event_create(
        actor=w.manager,
        kind="meeting",
        day=day,
        start=start,
        end=time(2),
        weeks=weeks,
        attendees=[
            Attendee(contact=w.child, engagement=w.engagement),
            Attendee(contact=w.sister),
        ],
        staff=[w.owner, w.shared],
    )


def test_calendars_cost_the_same_for_many_events(w):
    client = signed_in(w.partner_a, w.manager)
    urls = ["/calendar/", "/calendar/partner/", f"/contacts/{w.child.public_id}/events/", "/"]
    _managers_meetings(w, 1)
    counts = {}
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        counts[url] = len(few.captured_queries)
    _managers_meetings(w, 6)
    for url in urls:
        with CaptureQueriesContext(connection) as many:
            assert client.get(url).status_code == 200
        assert len(many.captured_queries) <= counts[url], (
            url,
            [q["sql"][:150] for q in many.captured_queries],
        )


def _urls(w):
    c, e, s, v = (
        w.child.public_id,
        w.engagement.public_id,
        w.session.public_id,
        w.visit.public_id,
    )
    return {
        "my_calendar": "/calendar/?view=day",
        "partner_calendar": "/calendar/partner/",
        "contact_events": f"/contacts/{c}/events/",
        "contact_event_new": f"/contacts/{c}/events/new/",
        "engagement_events": f"/engagements/{e}/events/",
        "engagement_event_new": f"/engagements/{e}/events/new/",
        "event_detail": f"/events/{s}/",
        "event_edit": f"/events/{s}/edit/",
        "event_cancel": f"/events/{s}/cancel/",
        "visit_detail": f"/events/{v}/",
    }


OK, NF, NO = 200, 404, 403
WHO = ("owner", "other", "shared", "manager", "dsl", "stranger")
EXPECTED = {
    "my_calendar": (OK, OK, OK, OK, OK, OK),
    # Managers and DSLs see every engagement, so the whole calendar.
    "partner_calendar": (NO, NO, NO, OK, OK, NO),
    "contact_events": (OK, OK, OK, OK, OK, NF),
    "contact_event_new": (OK, OK, OK, OK, OK, NF),
    # A DSL sees every engagement, as a manager does.
    "engagement_events": (OK, NF, OK, OK, OK, NF),
    "engagement_event_new": (OK, NF, OK, OK, OK, NF),
    "event_detail": (OK, NF, OK, OK, OK, NF),
    "event_edit": (OK, NF, OK, OK, OK, NF),
    "event_cancel": (OK, NF, OK, OK, OK, NF),
    "visit_detail": (OK, OK, OK, OK, OK, NF),
}


def test_every_calendar_screen_refuses_who_may_not_see_it(w):
    urls = _urls(w)
    before = (Event.objects.count(), ServiceDelivery.objects.count())
    for who, column in zip(WHO, zip(*EXPECTED.values(), strict=True), strict=True):
        partner = w.partner_b if who == "stranger" else w.partner_a
        client = signed_in(partner, getattr(w, who))
        for name, expected in zip(EXPECTED, column, strict=True):
            url = urls[name]
            assert client.get(url).status_code == expected, (who, name)
            if expected != OK and name != "my_calendar":
                client.post(url, {"reason": "Forged", f"contact-{w.child.public_id}": "attended"})
        connection.set_tenant(w.partner_a)
    assert (Event.objects.count(), ServiceDelivery.objects.count()) == before
    assert not Event.objects.filter(cancel_reason="Forged").exists()


def test_signed_out_visitors_go_to_sign_in(w, client_a):
    for url in [*_urls(w).values(), "/calendar/address/"]:
        response = client_a.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert "/sign-in/" in response["Location"]
    response = client_a.post("/calendar/address/", {"action": "issue"})
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
