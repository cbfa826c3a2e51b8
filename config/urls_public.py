"""The platform domain: console for platform staff. No Wagtail here (no tables in public)."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import include, path, re_path

# Accounts and roles are managed only through Casebridge's screens, which obey the
# delegation rule; Django's generic group editor would hand out any permission.
# (Here, not in an admin.py: auth registers it after our apps' admin modules load.)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
from django.views.generic import RedirectView

from referrals.agreements.views import console as agreements_console
from referrals.views import console as referrals_console
from referrals.views import console_feeds as feeds
from referrals.views import oruk

urlpatterns = [
    path("", include("tenants.urls_console")),
    # The exchange's page of the console: referrals sits above tenants (ARCHITECTURE.md).
    path("directory/", referrals_console.directory, name="console_directory"),
    path(
        "directory/<slug:slug>/",
        referrals_console.directory_entry_change,
        name="console_directory_change",
    ),
    # Platform-wide data-sharing agreements (issue 19).
    path("agreements/", agreements_console.platform_agreement_list, name="console_agreements"),
    path(
        "agreements/<uuid:public_id>/",
        agreements_console.platform_agreement_detail,
        name="console_agreement",
    ),
    # Other organisations' services, imported from their Open Referral feeds.
    path("external-services/", feeds.external_services, name="console_external_services"),
    path(
        "external-services/<uuid:public_id>/link/",
        feeds.external_service_link,
        name="console_external_service_link",
    ),
    # The directory published in Open Referral UK's shape: open, read-only, no personal data.
    path("oruk/", oruk.api_info, name="oruk_api_info"),
    # Each answers with or without a trailing slash (clients add one; the same answer).
    re_path(r"^oruk/services/?$", oruk.services, name="oruk_services"),
    re_path(r"^oruk/services/(?P<service_id>[^/]+)/?$", oruk.service_detail, name="oruk_service"),
    re_path(
        r"^oruk/service_at_locations/?$",
        oruk.service_at_locations,
        name="oruk_service_at_locations",
    ),
    re_path(r"^oruk/taxonomies/?$", oruk.taxonomy_list, name="oruk_taxonomies"),
    re_path(
        r"^oruk/taxonomies/(?P<taxonomy_id>[^/]+)/?$", oruk.taxonomy_detail, name="oruk_taxonomy"
    ),
    re_path(r"^oruk/taxonomy_terms/?$", oruk.taxonomy_term_list, name="oruk_taxonomy_terms"),
    re_path(
        r"^oruk/taxonomy_terms/(?P<term_id>[^/]+)/?$",
        oruk.taxonomy_term_detail,
        name="oruk_taxonomy_term",
    ),
    # One way in: the admin's own login would skip lock-out auditing and one-time passwords.
    path(
        "django-admin/login/",
        RedirectView.as_view(pattern_name="login", query_string=True, permanent=False),
    ),
    path("django-admin/", admin.site.urls),
]

handler403 = "tenants.views.system.error_403"
handler404 = "tenants.views.system.error_404"
handler500 = "tenants.views.system.error_500"
