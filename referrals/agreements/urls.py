from django.urls import path

from referrals.agreements import views

urlpatterns = [
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/new/", views.agreement_new, name="agreement_new"),
    path("agreements/<uuid:public_id>/", views.agreement_detail, name="agreement_detail"),
]
