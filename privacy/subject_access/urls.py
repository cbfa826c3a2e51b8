from django.urls import path

from privacy.subject_access import views

urlpatterns = [
    path(
        "contacts/<uuid:public_id>/subject-access/",
        views.subject_access_new,
        name="contact_subject_access",
    ),
    path(
        "customers/<uuid:public_id>/subject-access/",
        views.subject_access_new,
        {"kind": "customer"},
        name="customer_subject_access",
    ),
    path("contacts/<uuid:public_id>/held/", views.subject_held, name="contact_held"),
    path(
        "customers/<uuid:public_id>/held/",
        views.subject_held,
        {"kind": "customer"},
        name="customer_held",
    ),
    path("subject-access/", views.subject_access_list, name="subject_access_list"),
    path(
        "subject-access/<uuid:public_id>/",
        views.subject_access_detail,
        name="subject_access_detail",
    ),
    path(
        "subject-access/<uuid:public_id>/download/",
        views.subject_access_download,
        name="subject_access_download",
    ),
]
