from django.urls import path

from casework.plans.views import approval, goals, plans

urlpatterns = [
    path("contacts/<uuid:public_id>/plans/", plans.plans_tab, name="contact_plans"),
    path(
        "engagements/<uuid:public_id>/plans/",
        plans.plans_tab,
        {"kind": "engagement"},
        name="engagement_plans",
    ),
    path("engagements/<uuid:public_id>/plans/new/", plans.plan_new, name="plan_new"),
    path("plans/<uuid:public_id>/goals/new/", goals.goal_new, name="plan_goal_new"),
    path("plans/<uuid:public_id>/reviews/new/", goals.review_new, name="plan_review_new"),
    path("plans/<uuid:public_id>/submit/", approval.approval_submit, name="plan_submit"),
    path("plans/<uuid:public_id>/decide/", approval.approval_decide, name="plan_decide"),
    path("plans/<uuid:public_id>/history/", plans.plan_history, name="plan_history"),
    path("plan-goals/<uuid:public_id>/edit/", goals.goal_edit, name="plan_goal_edit"),
    path("plan-goals/<uuid:public_id>/actions/new/", goals.action_new, name="plan_action_new"),
    path("plan-actions/<uuid:public_id>/edit/", goals.action_edit, name="plan_action_edit"),
    path("plan-settings/", plans.plan_settings, name="plan_settings"),
]
