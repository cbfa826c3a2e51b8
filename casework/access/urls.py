from django.urls import path

from casework.access import views

urlpatterns = [
    path(
        "contacts/<uuid:public_id>/who-looked/",
        views.contact_who_looked,
        name="contact_who_looked",
    ),
    path(
        "engagements/<uuid:public_id>/who-looked/",
        views.engagement_who_looked,
        name="engagement_who_looked",
    ),
    path(
        "engagements/<uuid:public_id>/emergency-access/",
        views.emergency_access_ask,
        name="emergency_access_ask",
    ),
    path("users/<uuid:public_id>/reads/", views.account_reads, name="account_reads"),
    path("emergency-access/", views.emergency_access_review, name="emergency_access_review"),
    path(
        "emergency-access/<uuid:public_id>/reviewed/",
        views.emergency_access_reviewed,
        name="emergency_access_reviewed",
    ),
    path("emergency-access/settings/", views.access_settings, name="access_settings"),
]
