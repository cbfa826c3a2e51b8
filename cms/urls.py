"""The manual in a partner's portal, under /manual/."""

from django.urls import path, re_path

from cms import views

urlpatterns = [
    path("", views.manual_home, name="manual_home"),
    path("search/", views.manual_search, name="manual_search"),
    path("help/<slug:key>/", views.manual_help, name="manual_help"),
    re_path(r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$", views.manual_image, name="manual_image"),
    # Named like Wagtail's page route, so Wagtail's own page URLs ("View live", links in
    # rich text) are these portal addresses (the default site's root is the manual home).
    re_path(r"^((?:[\w\-]+/)*)$", views.manual_page, name="wagtail_serve"),
]
