from django.urls import include, path

from tenants.views import portal, training

urlpatterns = [
    path("sign-in/", portal.SignInView.as_view(), name="login"),
    path("sign-out/", portal.sign_out, name="logout"),
    path("training/", training.training, name="training"),
    path("", include("tenants.accounts.urls_security")),
    path("", include("tenants.accounts.urls")),
]
