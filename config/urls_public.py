"""The platform domain: console for platform staff. No Wagtail here (no tables in public)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tenants.urls_console")),
    path("django-admin/", admin.site.urls),
]

handler403 = "tenants.views.error_403"
handler404 = "tenants.views.error_404"
handler500 = "tenants.views.error_500"
