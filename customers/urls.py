from django.urls import path

from customers.views import customers, duplicates, journey, queues

urlpatterns = [
    path("customers/", customers.customer_list, name="customers"),
    path("customers/new/", customers.customer_new, name="customer_new"),
    path("customers/reasons/", customers.reason_list, name="customer_reasons"),
    path("customers/duplicates/", duplicates.customer_duplicate_list, name="customer_duplicates"),
    path(
        "customers/duplicates/<uuid:first>/<uuid:second>/",
        duplicates.customer_duplicate_review,
        name="customer_duplicate_review",
    ),
    path(
        "customers/merges/<uuid:public_id>/undo/",
        duplicates.customers_unmerge,
        name="customers_unmerge",
    ),
    path("customers/<uuid:public_id>/", customers.customer_detail, name="customer_detail"),
    path(
        "customers/<uuid:public_id>/merge/<uuid:other>/",
        duplicates.customers_merge,
        name="customers_merge",
    ),
    path(
        "customers/<uuid:public_id>/who-looked/",
        customers.customer_who_looked,
        name="customer_who_looked",
    ),
    path("customers/<uuid:public_id>/change/", customers.customer_change, name="customer_change"),
    path(
        "customers/<uuid:public_id>/history/", customers.customer_history, name="customer_history"
    ),
    path("customers/<uuid:public_id>/refer/", journey.refer, name="customer_refer"),
    path("employment/", journey.journey_list, name="journeys"),
    path("employment/appointments/", queues.appointment_list, name="appointments"),
    path("employment/<uuid:public_id>/", journey.journey_provider, name="journey_provider"),
    path("employment/<uuid:public_id>/book/", journey.journey_book, name="journey_book"),
    path("employment/<uuid:public_id>/steps/", journey.journey_step, name="journey_step"),
    path(
        "employment/steps/<uuid:public_id>/correct/",
        journey.step_correct,
        name="journey_step_correct",
    ),
    path(
        "employment/appointments/<uuid:public_id>/change/",
        journey.appointment_change,
        name="appointment_change",
    ),
    path(
        "employment/appointments/<uuid:public_id>/status/",
        journey.appointment_status,
        name="appointment_status",
    ),
]
