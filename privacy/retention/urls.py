from django.urls import path

from privacy.retention import views

urlpatterns = [
    path("privacy/retention/", views.retention, name="retention"),
    path("privacy/retention/rules/<slug:record_type>/", views.rule_edit, name="retention_rule"),
    path("privacy/retention/batches/<uuid:public_id>/", views.batch_detail, name="disposal_batch"),
    path(
        "privacy/retention/holds/<uuid:public_id>/release/",
        views.hold_release,
        name="legal_hold_release",
    ),
    path(
        "privacy/retention/holds/<slug:subject>/<uuid:public_id>/",
        views.hold_record,
        name="legal_hold_record",
    ),
    path("privacy/retention/people/", views.people_find, name="retention_people"),
    path(
        "privacy/retention/erasure/<uuid:public_id>/",
        views.erasure_request,
        name="erasure_request",
    ),
]
