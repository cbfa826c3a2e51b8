from django.urls import path

from tenants import views_console, views_portal

urlpatterns = [
    path("", views_console.partner_list, name="home"),
    path("sign-in/", views_portal.SignInView.as_view(), name="login"),
    path("sign-out/", views_portal.sign_out, name="logout"),
    path("partners/new/", views_console.partner_new, name="partner_new"),
    path("partners/<slug:slug>/archive/", views_console.partner_archive, name="partner_archive"),
    path("partners/<slug:slug>/reopen/", views_console.partner_reopen, name="partner_reopen"),
]
