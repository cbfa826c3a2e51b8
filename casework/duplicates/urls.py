from django.urls import path

from casework.duplicates import views

urlpatterns = [
    path("duplicates/", views.duplicate_list, name="duplicates"),
    path(
        "duplicates/<uuid:first>/<uuid:second>/",
        views.duplicate_review,
        name="duplicate_review",
    ),
]
