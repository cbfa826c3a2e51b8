from django.urls import path

from reports import views

urlpatterns = [
    path("reports/", views.report_list, name="reports"),
    path("reports/<slug:key>/", views.report_detail, name="report_detail"),
    path("exports/", views.export_list, name="exports"),
    path("exports/new/", views.export_new, name="export_new"),
    path("exports/<uuid:public_id>/", views.export_detail, name="export_detail"),
    path("exports/<uuid:public_id>/download/", views.export_download, name="export_download"),
]
