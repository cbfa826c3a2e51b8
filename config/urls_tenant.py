"""A partner's portal."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from casework.duplicates.redirects import contact_pages_follow_merges, pages_follow_merges
from cms.views import withheld
from customers.services.duplicates import CUSTOMER_PAGES, CUSTOMERS
from graphql_api.fhir import referral_fhir
from graphql_api.views import graphql_view

urlpatterns = [
    # Before Wagtail's admin: its own user, group, account and password-reset screens would
    # bypass the delegation rule, the lock-out and the audit history.
    re_path(r"^cms/(users|groups|account|password_reset)/", withheld),
    # One sign-in for the whole portal (lock-out, one-time passwords, first password).
    path("cms/login/", RedirectView.as_view(url="/sign-in/", query_string=True)),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("manual/", include("cms.urls")),
    path("graphql/", graphql_view(), name="graphql"),
    path("fhir/referrals/<uuid:public_id>/", referral_fhir, name="referral_fhir"),
    path("", include("workspace.urls")),
    path("", include("casework.urls")),
    path("", include("referrals.urls")),
    path("", include("referrals.agreements.urls")),
    path("", include("casework.worklist.urls")),
    path("", include("casework.safeguarding.urls")),
    path("", include("casework.notes.urls")),
    path("", include("casework.duplicates.urls")),
    path("", include("casework.plans.urls")),
    path("", include("casework.assessments.urls")),
    path("", include("casework.files.urls")),
    path("", include("casework.incidents.urls")),
    path("", include("casework.imports.urls")),
    path("", include("casework.access.urls")),
    path("", include("casework.events.urls")),
    path("", include("reports.urls")),
    path("", include("customers.urls")),
    path("", include("privacy.subject_access.urls")),
    path("", include("privacy.retention.urls")),
    path("", include("tenants.urls_portal")),
]

# A merged record's pages (every tab and sub-page) lead to the record kept.
contact_pages_follow_merges(urlpatterns)
pages_follow_merges(urlpatterns, pages=CUSTOMER_PAGES, kind=CUSTOMERS)

handler403 = "tenants.views.system.error_403"
handler404 = "tenants.views.system.error_404"
handler500 = "tenants.views.system.error_500"
