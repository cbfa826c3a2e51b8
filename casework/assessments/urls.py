from django.urls import path

from casework.assessments.views import assessments, templates

urlpatterns = [
    path("assessment-templates/", templates.templates_list, name="assessment_templates"),
    path(
        "assessment-templates/<uuid:public_id>/",
        templates.template_builder,
        name="assessment_template",
    ),
    path(
        "contacts/<uuid:public_id>/assessments/",
        assessments.assessments_tab,
        name="contact_assessments",
    ),
    path(
        "engagements/<uuid:public_id>/assessments/",
        assessments.assessments_tab,
        {"kind": "engagement"},
        name="engagement_assessments",
    ),
    path("assessments/<uuid:public_id>/", assessments.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<uuid:public_id>/correct/",
        assessments.assessment_correct,
        name="assessment_correct",
    ),
    path(
        "assessments/<uuid:public_id>/decide/",
        assessments.assessment_decide,
        name="assessment_decide",
    ),
]
