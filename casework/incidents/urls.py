from django.urls import path

from casework.incidents import views

urlpatterns = [
    path("contacts/<uuid:public_id>/incidents/", views.incidents_tab, name="contact_incidents"),
    path(
        "contacts/<uuid:public_id>/incidents/new/",
        views.incident_new,
        name="contact_incident_new",
    ),
    path("incidents/types/", views.incident_types, name="incident_types"),
    path("incidents/<uuid:public_id>/", views.incident_detail, name="incident_detail"),
    path("incidents/<uuid:public_id>/correct/", views.incident_correct, name="incident_correct"),
    path("incidents/<uuid:public_id>/history/", views.incident_history, name="incident_history"),
]
