from django.urls import include, path

from tenants import views_console, views_console_help, views_console_reference, views_portal
from tenants.accounts import views_account

urlpatterns = [
    path("", views_console.partner_list, name="home"),
    path("sign-in/", views_portal.SignInView.as_view(), name="login"),
    path("sign-out/", views_portal.sign_out, name="logout"),
    path("", include("tenants.accounts.urls_security")),
    path("account/password/", views_account.password_change, name="password_change"),
    path("partners/new/", views_console.partner_new, name="partner_new"),
    path("partners/<slug:slug>/archive/", views_console.partner_archive, name="partner_archive"),
    path("partners/<slug:slug>/reopen/", views_console.partner_reopen, name="partner_reopen"),
    path(
        "partners/<slug:slug>/users/new/", views_console.partner_user_new, name="partner_user_new"
    ),
    path("postcodes/", views_console_reference.postcode_districts, name="postcode_districts"),
    path("help/", views_console_help.console_help, name="console_help"),
]
