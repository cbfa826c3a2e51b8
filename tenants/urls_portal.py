from django.urls import include, path

from tenants import views_portal, views_training

urlpatterns = [
    path("sign-in/", views_portal.SignInView.as_view(), name="login"),
    path("sign-out/", views_portal.sign_out, name="logout"),
    path("training/", views_training.training, name="training"),
    path("", include("tenants.accounts.urls_security")),
    path("", include("tenants.accounts.urls")),
]
