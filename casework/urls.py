from django.urls import path

from casework import (
    views_bulk,
    views_catalogue,
    views_consent,
    views_consultations,
    views_contacts,
    views_edit,
    views_engagements,
    views_history,
    views_search,
)

urlpatterns = [
    path("search/", views_search.search, name="search"),
    path("consent-reviews/", views_consent.consent_settings, name="consent_settings"),
    path("people/find/", views_search.people_find, name="people_find"),
    path("contacts/", views_contacts.contact_list, name="contacts"),
    path("contacts/new/", views_contacts.contact_new, name="contact_new"),
    path("contacts/<uuid:public_id>/", views_contacts.contact_detail, name="contact_detail"),
    path(
        "contacts/<uuid:public_id>/relationships/<uuid:other_public_id>/remove/",
        views_contacts.relationship_remove_view,
        name="relationship_remove",
    ),
    path(
        "contacts/<uuid:public_id>/engagements/new/",
        views_engagements.engagement_new,
        name="engagement_new",
    ),
    path(
        "contacts/<uuid:public_id>/history/",
        views_history.contact_history,
        name="contact_history",
    ),
    path("households/<uuid:public_id>/", views_contacts.household_detail, name="household_detail"),
    path(
        "households/<uuid:public_id>/history/",
        views_history.household_history,
        name="household_history",
    ),
    path("engagements/", views_engagements.engagement_list, name="engagements"),
    path(
        "engagements/<uuid:public_id>/",
        views_engagements.engagement_detail,
        name="engagement_detail",
    ),
    path(
        "engagements/<uuid:public_id>/history/",
        views_history.engagement_history,
        name="engagement_history",
    ),
    path(
        "engagements/<uuid:public_id>/deliveries/new/",
        views_engagements.delivery_new,
        name="delivery_new",
    ),
    path(
        "engagements/<uuid:public_id>/consultations/new/",
        views_engagements.consultation_new,
        name="consultation_new",
    ),
    path(
        "engagements/<uuid:public_id>/close/",
        views_engagements.engagement_close,
        name="engagement_close",
    ),
    path(
        "engagements/<uuid:public_id>/share/",
        views_engagements.engagement_share,
        name="engagement_share",
    ),
    path("deliveries/bulk/", views_bulk.deliveries_bulk, name="deliveries_bulk"),
    path("programmes/", views_catalogue.programme_list, name="programmes"),
    # Changing what was recorded, and removing what was entered in error.
    path("contacts/<uuid:public_id>/change/", views_edit.contact_edit, name="contact_edit"),
    path(
        "households/<uuid:public_id>/members/<uuid:contact_id>/remove/",
        views_edit.household_member_remove_view,
        name="household_member_remove",
    ),
    path(
        "engagements/<uuid:public_id>/change/", views_edit.engagement_edit, name="engagement_edit"
    ),
    path("deliveries/<uuid:public_id>/change/", views_edit.delivery_edit, name="delivery_edit"),
    path("deliveries/<uuid:public_id>/remove/", views_edit.delivery_remove, name="delivery_remove"),
    path(
        "group-sessions/<uuid:public_id>/",
        views_edit.group_session_detail,
        name="group_session_detail",
    ),
    path(
        "consultations/<uuid:public_id>/change/",
        views_edit.consultation_edit,
        name="consultation_edit",
    ),
    path(
        "consultations/<uuid:public_id>/remove/",
        views_edit.consultation_remove,
        name="consultation_remove",
    ),
    path(
        "consultations/<uuid:public_id>/people/",
        views_consultations.consultation_people,
        name="consultation_people",
    ),
    path(
        "consultations/<uuid:public_id>/people/<uuid:contact_id>/remove/",
        views_consultations.consultation_person_remove,
        name="consultation_person_remove",
    ),
    path(
        "programmes/<uuid:public_id>/change/", views_catalogue.programme_edit, name="programme_edit"
    ),
    path("services/<uuid:public_id>/change/", views_catalogue.service_edit, name="service_edit"),
]
