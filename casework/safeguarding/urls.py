from django.urls import path

from casework.safeguarding import views

urlpatterns = [
    path(
        "engagements/<uuid:public_id>/cases/new/",
        views.case_new,
        name="safeguarding_case_new",
    ),
    path("cases/", views.case_list, name="safeguarding_cases"),
    path("cases/settings/", views.settings_edit, name="safeguarding_settings"),
    path("cases/<uuid:public_id>/", views.case_detail, name="safeguarding_case"),
    path("cases/<uuid:public_id>/history/", views.case_history, name="safeguarding_history"),
    path(
        "cases/<uuid:public_id>/monitoring/new/",
        views.monitoring_new,
        name="safeguarding_monitoring_new",
    ),
    path(
        "cases/<uuid:public_id>/threshold/",
        views.threshold_change,
        name="safeguarding_threshold",
    ),
    path(
        "cases/<uuid:public_id>/local-authority/",
        views.local_authority,
        name="safeguarding_local_authority",
    ),
    path("cases/<uuid:public_id>/submit/", views.closure_submit, name="safeguarding_submit"),
    path("cases/<uuid:public_id>/decide/", views.closure_decide, name="safeguarding_decide"),
    path(
        "cases/monitoring/<uuid:public_id>/correct/",
        views.monitoring_action_correct,
        name="safeguarding_action_correct",
    ),
    path(
        "cases/decisions/<uuid:public_id>/correct/",
        views.closure_decision_correct,
        name="safeguarding_decision_correct",
    ),
]
