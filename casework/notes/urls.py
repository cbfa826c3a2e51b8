from django.urls import path

from casework.notes import views

urlpatterns = [
    path("contacts/<uuid:public_id>/notes/", views.notes_tab, name="contact_notes"),
    path("contacts/<uuid:public_id>/notes/new/", views.note_new, name="contact_note_new"),
    path("contacts/<uuid:public_id>/calls/new/", views.call_log, name="contact_call_log"),
    path(
        "engagements/<uuid:public_id>/notes/",
        views.notes_tab,
        {"kind": "engagement"},
        name="engagement_notes",
    ),
    path(
        "engagements/<uuid:public_id>/notes/new/",
        views.note_new,
        {"kind": "engagement"},
        name="engagement_note_new",
    ),
    path(
        "engagements/<uuid:public_id>/calls/new/",
        views.call_log,
        {"kind": "engagement"},
        name="engagement_call_log",
    ),
    path("notes/<uuid:public_id>/amend/", views.note_amend, name="note_amend"),
    path("notes/<uuid:public_id>/correct/", views.note_correct, name="note_correct"),
    path("notes/<uuid:public_id>/history/", views.note_history, name="note_history"),
]
