from django.urls import path

from casework.files import views

urlpatterns = [
    path("contacts/<uuid:public_id>/files/", views.files_tab, name="contact_files"),
    path("contacts/<uuid:public_id>/files/new/", views.file_new, name="contact_file_new"),
    path(
        "engagements/<uuid:public_id>/files/",
        views.files_tab,
        {"kind": "engagement"},
        name="engagement_files",
    ),
    path(
        "engagements/<uuid:public_id>/files/new/",
        views.file_new,
        {"kind": "engagement"},
        name="engagement_file_new",
    ),
    path("files/<uuid:public_id>/download/", views.file_download, name="file_download"),
    path("files/<uuid:public_id>/thumbnail/", views.file_thumbnail, name="file_thumbnail"),
    path("files/<uuid:public_id>/remove/", views.file_remove, name="file_remove"),
    path("contacts/<uuid:public_id>/photo/", views.photo_change, name="contact_photo"),
    path(
        "contacts/<uuid:public_id>/photo/remove/",
        views.photo_remove,
        name="contact_photo_remove",
    ),
    path("photos/<uuid:public_id>/", views.photo_image, name="photo_image"),
    path(
        "photos/<uuid:public_id>/thumbnail/",
        views.photo_image,
        {"size": "thumbnail"},
        name="photo_thumbnail",
    ),
]
