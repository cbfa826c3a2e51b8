from django.urls import path

from casework.imports import views

urlpatterns = [
    path("imports/", views.import_list, name="imports"),
    path("imports/new/", views.import_new, name="import_new"),
    path("imports/<uuid:public_id>/", views.import_detail, name="import_detail"),
    path("imports/<uuid:public_id>/run/", views.import_run, name="import_run"),
    path("imports/<uuid:public_id>/refused.csv", views.import_refused, name="import_refused"),
]
