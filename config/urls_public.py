"""The platform domain: console for platform staff. No Wagtail here (no tables in public)."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import include, path

# Accounts and roles are managed only through Casebridge's screens, which obey the
# delegation rule; Django's generic group editor would hand out any permission.
# (Here, not in an admin.py: auth registers it after our apps' admin modules load.)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
from django.views.generic import RedirectView

from referrals import views_console as referrals_console

urlpatterns = [
    path("", include("tenants.urls_console")),
    # The exchange's page of the console: referrals sits above tenants (ARCHITECTURE.md).
    path("directory/", referrals_console.directory, name="console_directory"),
    path(
        "directory/<slug:slug>/",
        referrals_console.directory_entry_change,
        name="console_directory_change",
    ),
    # One way in: the admin's own login would skip lock-out auditing and one-time passwords.
    path(
        "django-admin/login/",
        RedirectView.as_view(pattern_name="login", query_string=True, permanent=False),
    ),
    path("django-admin/", admin.site.urls),
]

handler403 = "tenants.views.error_403"
handler404 = "tenants.views.error_404"
handler500 = "tenants.views.error_500"
