from django.urls import path

from casework.plans import views

urlpatterns = [
    path("contacts/<uuid:public_id>/plans/", views.plans_tab, name="contact_plans"),
    path(
        "engagements/<uuid:public_id>/plans/",
        views.plans_tab,
        {"kind": "engagement"},
        name="engagement_plans",
    ),
    path("engagements/<uuid:public_id>/plans/new/", views.plan_new, name="plan_new"),
    path("plans/<uuid:public_id>/goals/new/", views.goal_new, name="plan_goal_new"),
    path("plans/<uuid:public_id>/reviews/new/", views.review_new, name="plan_review_new"),
    path("plans/<uuid:public_id>/submit/", views.approval_submit, name="plan_submit"),
    path("plans/<uuid:public_id>/decide/", views.approval_decide, name="plan_decide"),
    path("plans/<uuid:public_id>/history/", views.plan_history, name="plan_history"),
    path("plan-goals/<uuid:public_id>/edit/", views.goal_edit, name="plan_goal_edit"),
    path("plan-goals/<uuid:public_id>/actions/new/", views.action_new, name="plan_action_new"),
    path("plan-actions/<uuid:public_id>/edit/", views.action_edit, name="plan_action_edit"),
    path("plan-settings/", views.plan_settings, name="plan_settings"),
]
