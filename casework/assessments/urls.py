from django.urls import path

from casework.assessments import views, views_templates

urlpatterns = [
    path("assessment-templates/", views_templates.templates_list, name="assessment_templates"),
    path(
        "assessment-templates/<uuid:public_id>/",
        views_templates.template_builder,
        name="assessment_template",
    ),
    path(
        "contacts/<uuid:public_id>/assessments/",
        views.assessments_tab,
        name="contact_assessments",
    ),
    path(
        "engagements/<uuid:public_id>/assessments/",
        views.assessments_tab,
        {"kind": "engagement"},
        name="engagement_assessments",
    ),
    path("assessments/<uuid:public_id>/", views.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<uuid:public_id>/correct/",
        views.assessment_correct,
        name="assessment_correct",
    ),
    path(
        "assessments/<uuid:public_id>/decide/",
        views.assessment_decide,
        name="assessment_decide",
    ),
]
