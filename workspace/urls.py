from django.urls import path

from workspace.views import home, problems

urlpatterns = [
    path("", home.home, name="home"),
    path("problems/", problems.problem_list, name="problems"),
    path("problems/new/", problems.problem_new, name="problem_new"),
    path("problems/<uuid:public_id>/", problems.problem_detail, name="problem_detail"),
    path(
        "problems/<uuid:public_id>/screenshot/",
        problems.problem_screenshot,
        name="problem_screenshot",
    ),
]
