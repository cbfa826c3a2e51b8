from django.urls import path

from workspace import views, views_problems

urlpatterns = [
    path("", views.home, name="home"),
    path("problems/", views_problems.problem_list, name="problems"),
    path("problems/new/", views_problems.problem_new, name="problem_new"),
    path("problems/<uuid:public_id>/", views_problems.problem_detail, name="problem_detail"),
    path(
        "problems/<uuid:public_id>/screenshot/",
        views_problems.problem_screenshot,
        name="problem_screenshot",
    ),
]
