from django.urls import path

from casework.duplicates.views import duplicates, merge

urlpatterns = [
    path("duplicates/", duplicates.duplicate_list, name="duplicates"),
    path(
        "duplicates/<uuid:first>/<uuid:second>/",
        duplicates.duplicate_review,
        name="duplicate_review",
    ),
    path("contacts/<uuid:public_id>/merge/", merge.merge_with, name="merge_with"),
    path(
        "contacts/<uuid:public_id>/merge/<uuid:other>/",
        merge.contacts_merge,
        name="contacts_merge",
    ),
    path("merges/<uuid:public_id>/undo/", merge.contacts_unmerge, name="contacts_unmerge"),
]
