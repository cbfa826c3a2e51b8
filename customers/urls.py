from django.urls import path

from customers import views

urlpatterns = [
    path("customers/", views.customer_list, name="customers"),
    path("customers/new/", views.customer_new, name="customer_new"),
    path("customers/reasons/", views.reason_list, name="customer_reasons"),
    path("customers/<uuid:public_id>/", views.customer_detail, name="customer_detail"),
]
