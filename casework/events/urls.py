from django.urls import path

from casework.events.views import calendars, feed

urlpatterns = [
    path("calendar/", calendars.my_calendar, name="my_calendar"),
    path("calendar/partner/", calendars.partner_calendar, name="partner_calendar"),
    path("calendar/address/", calendars.calendar_feed, name="calendar_feed"),
    path("calendar/feed/<str:token>.ics", feed.calendar_feed_ics, name="calendar_feed_ics"),
    path("contacts/<uuid:public_id>/events/", calendars.events_tab, name="contact_events"),
    path("contacts/<uuid:public_id>/events/new/", calendars.event_new, name="contact_event_new"),
    path(
        "engagements/<uuid:public_id>/events/",
        calendars.events_tab,
        {"kind": "engagement"},
        name="engagement_events",
    ),
    path(
        "engagements/<uuid:public_id>/events/new/",
        calendars.event_new,
        {"kind": "engagement"},
        name="engagement_event_new",
    ),
    path("events/<uuid:public_id>/", calendars.event_detail, name="event_detail"),
    path("events/<uuid:public_id>/edit/", calendars.event_edit, name="event_edit"),
    path("events/<uuid:public_id>/cancel/", calendars.event_cancel, name="event_cancel"),
]
