"""A partner's portal."""

from django.urls import include, path

urlpatterns = [
    path("", include("tenants.urls_portal")),
]

handler403 = "tenants.views.error_403"
handler404 = "tenants.views.error_404"
handler500 = "tenants.views.error_500"
