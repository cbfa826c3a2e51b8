from django.urls import path

from referrals.agreements.views import agreements

urlpatterns = [
    path("agreements/", agreements.agreement_list, name="agreements"),
    path("agreements/new/", agreements.agreement_new, name="agreement_new"),
    path("agreements/<uuid:public_id>/", agreements.agreement_detail, name="agreement_detail"),
]
