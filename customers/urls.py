from django.urls import path

from customers import views, views_journey, views_queues

urlpatterns = [
    path("customers/", views.customer_list, name="customers"),
    path("customers/new/", views.customer_new, name="customer_new"),
    path("customers/reasons/", views.reason_list, name="customer_reasons"),
    path("customers/<uuid:public_id>/", views.customer_detail, name="customer_detail"),
    path(
        "customers/<uuid:public_id>/who-looked/",
        views.customer_who_looked,
        name="customer_who_looked",
    ),
    path("customers/<uuid:public_id>/change/", views.customer_change, name="customer_change"),
    path("customers/<uuid:public_id>/history/", views.customer_history, name="customer_history"),
    path("customers/<uuid:public_id>/refer/", views_journey.refer, name="customer_refer"),
    path("employment/", views_journey.journey_list, name="journeys"),
    path("employment/appointments/", views_queues.appointment_list, name="appointments"),
    path("employment/<uuid:public_id>/", views_journey.journey_provider, name="journey_provider"),
    path("employment/<uuid:public_id>/book/", views_journey.journey_book, name="journey_book"),
    path("employment/<uuid:public_id>/steps/", views_journey.journey_step, name="journey_step"),
    path(
        "employment/steps/<uuid:public_id>/correct/",
        views_journey.step_correct,
        name="journey_step_correct",
    ),
    path(
        "employment/appointments/<uuid:public_id>/change/",
        views_journey.appointment_change,
        name="appointment_change",
    ),
    path(
        "employment/appointments/<uuid:public_id>/status/",
        views_journey.appointment_status,
        name="appointment_status",
    ),
]
