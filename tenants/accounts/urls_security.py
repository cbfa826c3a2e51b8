"""Sign-in security pages; included by the partner portal and the platform console."""

from django.urls import path

from tenants.accounts.views import security as views_security

urlpatterns = [
    path("sign-in/code/", views_security.sign_in_code, name="sign_in_code"),
    path("account/", views_security.account, name="account"),
    path("account/two-factor/", views_security.two_factor, name="two_factor"),
    path(
        "account/two-factor/remove/",
        views_security.two_factor_remove,
        name="two_factor_remove",
    ),
    path("account/security/", views_security.partner_security, name="account_security"),
]
