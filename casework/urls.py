from django.urls import path

from casework.views import (
    bulk,
    catalogue,
    consent,
    consultations,
    contacts,
    edit,
    engagements,
    history,
    search,
)

urlpatterns = [
    path("search/", search.search, name="search"),
    path("consent-reviews/", consent.consent_settings, name="consent_settings"),
    path("people/find/", search.people_find, name="people_find"),
    path("contacts/", contacts.contact_list, name="contacts"),
    path("contacts/new/", contacts.contact_new, name="contact_new"),
    path("contacts/<uuid:public_id>/", contacts.contact_detail, name="contact_detail"),
    path(
        "contacts/<uuid:public_id>/relationships/<uuid:other_public_id>/remove/",
        contacts.relationship_remove_view,
        name="relationship_remove",
    ),
    path(
        "contacts/<uuid:public_id>/engagements/new/",
        engagements.engagement_new,
        name="engagement_new",
    ),
    path(
        "contacts/<uuid:public_id>/history/",
        history.contact_history,
        name="contact_history",
    ),
    path("households/<uuid:public_id>/", contacts.household_detail, name="household_detail"),
    path(
        "households/<uuid:public_id>/history/",
        history.household_history,
        name="household_history",
    ),
    path("engagements/", engagements.engagement_list, name="engagements"),
    path(
        "engagements/<uuid:public_id>/",
        engagements.engagement_detail,
        name="engagement_detail",
    ),
    path(
        "engagements/<uuid:public_id>/history/",
        history.engagement_history,
        name="engagement_history",
    ),
    path(
        "engagements/<uuid:public_id>/deliveries/new/",
        engagements.delivery_new,
        name="delivery_new",
    ),
    path(
        "engagements/<uuid:public_id>/consultations/new/",
        engagements.consultation_new,
        name="consultation_new",
    ),
    path(
        "engagements/<uuid:public_id>/close/",
        engagements.engagement_close,
        name="engagement_close",
    ),
    path(
        "engagements/<uuid:public_id>/share/",
        engagements.engagement_share,
        name="engagement_share",
    ),
    path("deliveries/bulk/", bulk.deliveries_bulk, name="deliveries_bulk"),
    path("programmes/", catalogue.programme_list, name="programmes"),
    # Changing what was recorded, and removing what was entered in error.
    path("contacts/<uuid:public_id>/change/", edit.contact_edit, name="contact_edit"),
    path(
        "households/<uuid:public_id>/members/<uuid:contact_id>/remove/",
        edit.household_member_remove_view,
        name="household_member_remove",
    ),
    path("engagements/<uuid:public_id>/change/", edit.engagement_edit, name="engagement_edit"),
    path("deliveries/<uuid:public_id>/change/", edit.delivery_edit, name="delivery_edit"),
    path("deliveries/<uuid:public_id>/remove/", edit.delivery_remove, name="delivery_remove"),
    path(
        "group-sessions/<uuid:public_id>/",
        edit.group_session_detail,
        name="group_session_detail",
    ),
    path(
        "consultations/<uuid:public_id>/change/",
        edit.consultation_edit,
        name="consultation_edit",
    ),
    path(
        "consultations/<uuid:public_id>/remove/",
        edit.consultation_remove,
        name="consultation_remove",
    ),
    path(
        "consultations/<uuid:public_id>/people/",
        consultations.consultation_people,
        name="consultation_people",
    ),
    path(
        "consultations/<uuid:public_id>/people/<uuid:contact_id>/remove/",
        consultations.consultation_person_remove,
        name="consultation_person_remove",
    ),
    path("programmes/<uuid:public_id>/change/", catalogue.programme_edit, name="programme_edit"),
    path("services/<uuid:public_id>/change/", catalogue.service_edit, name="service_edit"),
]
