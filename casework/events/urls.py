from django.urls import path

from casework.events import views, views_feed

urlpatterns = [
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/partner/", views.partner_calendar, name="partner_calendar"),
    path("calendar/address/", views.calendar_feed, name="calendar_feed"),
    path("calendar/feed/<str:token>.ics", views_feed.calendar_feed_ics, name="calendar_feed_ics"),
    path("contacts/<uuid:public_id>/events/", views.events_tab, name="contact_events"),
    path("contacts/<uuid:public_id>/events/new/", views.event_new, name="contact_event_new"),
    path(
        "engagements/<uuid:public_id>/events/",
        views.events_tab,
        {"kind": "engagement"},
        name="engagement_events",
    ),
    path(
        "engagements/<uuid:public_id>/events/new/",
        views.event_new,
        {"kind": "engagement"},
        name="engagement_event_new",
    ),
    path("events/<uuid:public_id>/", views.event_detail, name="event_detail"),
    path("events/<uuid:public_id>/edit/", views.event_edit, name="event_edit"),
    path("events/<uuid:public_id>/cancel/", views.event_cancel, name="event_cancel"),
]
