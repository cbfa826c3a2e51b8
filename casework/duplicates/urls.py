from django.urls import path

from casework.duplicates import views, views_merge

urlpatterns = [
    path("duplicates/", views.duplicate_list, name="duplicates"),
    path(
        "duplicates/<uuid:first>/<uuid:second>/",
        views.duplicate_review,
        name="duplicate_review",
    ),
    path("contacts/<uuid:public_id>/merge/", views_merge.merge_with, name="merge_with"),
    path(
        "contacts/<uuid:public_id>/merge/<uuid:other>/",
        views_merge.contacts_merge,
        name="contacts_merge",
    ),
    path("merges/<uuid:public_id>/undo/", views_merge.contacts_unmerge, name="contacts_unmerge"),
]
