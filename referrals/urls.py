from django.urls import path

from referrals import (
    views_calls,
    views_corrections,
    views_directory,
    views_exchange,
    views_queues,
    views_settings,
)

urlpatterns = [
    path("calls/", views_calls.caller_list, name="callers"),
    path("calls/new/", views_calls.caller_new, name="caller_new"),
    path("calls/<uuid:public_id>/", views_calls.caller_detail, name="caller_detail"),
    path(
        "calls/<uuid:public_id>/withdraw-consent/",
        views_calls.caller_consent_withdraw,
        name="caller_consent_withdraw",
    ),
    path("calls/<uuid:public_id>/change/", views_calls.caller_change, name="caller_change"),
    path("calls/<uuid:public_id>/cases/new/", views_calls.case_new, name="case_new"),
    path("support-cases/", views_queues.support_case_list, name="support_cases"),
    path("support-cases/<uuid:public_id>/", views_calls.case_detail, name="support_case"),
    path(
        "support-cases/<uuid:public_id>/who-looked/",
        views_calls.case_who_looked,
        name="case_who_looked",
    ),
    path("support-cases/<uuid:public_id>/change/", views_calls.case_change, name="case_change"),
    path("support-cases/<uuid:public_id>/history/", views_calls.case_history, name="case_history"),
    path(
        "support-cases/local-referrals/<uuid:public_id>/change/",
        views_calls.local_referral_change,
        name="local_referral_change",
    ),
    path("support-cases/<uuid:public_id>/verify/", views_calls.case_verify, name="case_verify"),
    path("support-cases/<uuid:public_id>/notes/", views_calls.case_note_add, name="case_note_add"),
    path(
        "support-notes/<uuid:public_id>/correct/",
        views_corrections.case_note_correct_view,
        name="case_note_correct",
    ),
    path("support-cases/<uuid:public_id>/support/", views_calls.case_support, name="case_support"),
    path(
        "support-cases/<uuid:public_id>/signposts/",
        views_calls.case_signpost_add,
        name="case_signpost_add",
    ),
    path(
        "support-cases/<uuid:public_id>/service-signposts/",
        views_calls.case_service_signpost_add,
        name="case_service_signpost_add",
    ),
    path(
        "support-cases/<uuid:public_id>/local-referrals/new/",
        views_calls.local_referral_new,
        name="local_referral_new",
    ),
    path("support-cases/<uuid:public_id>/ready/", views_calls.case_ready, name="case_ready"),
    path(
        "support-cases/<uuid:public_id>/lawful-basis/",
        views_calls.case_lawful_basis,
        name="case_lawful_basis",
    ),
    path("review/", views_exchange.review_queue, name="review_queue"),
    path("review/<uuid:public_id>/", views_exchange.review_case, name="review_case"),
    path("referrals/sent/", views_exchange.referral_sent_list, name="referrals_sent"),
    path("referrals/sent/<uuid:public_id>/", views_exchange.referral_sent, name="referral_sent"),
    path("referrals/inbox/", views_exchange.inbox, name="referral_inbox"),
    path(
        "referrals/inbox/<uuid:public_id>/",
        views_exchange.referral_received,
        name="referral_received",
    ),
    path("directory/", views_settings.directory_entry, name="directory_entry"),
    path(
        "directory/other-services/",
        views_directory.services_elsewhere,
        name="services_elsewhere",
    ),
    path("webhooks/", views_settings.webhook_list, name="webhooks"),
    path("webhooks/<uuid:public_id>/", views_settings.webhook_detail, name="webhook_detail"),
]
