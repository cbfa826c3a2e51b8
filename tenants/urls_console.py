from django.urls import include, path

from tenants.accounts.views import account as views_account
from tenants.views import console, console_help, console_reference, portal

urlpatterns = [
    path("", console.partner_list, name="home"),
    path("sign-in/", portal.SignInView.as_view(), name="login"),
    path("sign-out/", portal.sign_out, name="logout"),
    path("", include("tenants.accounts.urls_security")),
    path("account/password/", views_account.password_change, name="password_change"),
    path("partners/new/", console.partner_new, name="partner_new"),
    path("partners/<slug:slug>/archive/", console.partner_archive, name="partner_archive"),
    path("partners/<slug:slug>/reopen/", console.partner_reopen, name="partner_reopen"),
    path("partners/<slug:slug>/users/new/", console.partner_user_new, name="partner_user_new"),
    path("postcodes/", console_reference.postcode_districts, name="postcode_districts"),
    path("help/", console_help.console_help, name="console_help"),
]
