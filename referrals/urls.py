from django.urls import path

from referrals.views import (
    callers,
    case_records,
    cases,
    corrections,
    directory,
    exchange,
    queues,
    settings,
)

urlpatterns = [
    path("calls/", callers.caller_list, name="callers"),
    path("calls/new/", callers.caller_new, name="caller_new"),
    path("calls/<uuid:public_id>/", callers.caller_detail, name="caller_detail"),
    path(
        "calls/<uuid:public_id>/withdraw-consent/",
        callers.caller_consent_withdraw,
        name="caller_consent_withdraw",
    ),
    path("calls/<uuid:public_id>/change/", callers.caller_change, name="caller_change"),
    path("calls/<uuid:public_id>/cases/new/", cases.case_new, name="case_new"),
    path("support-cases/", queues.support_case_list, name="support_cases"),
    path("support-cases/<uuid:public_id>/", cases.case_detail, name="support_case"),
    path(
        "support-cases/<uuid:public_id>/who-looked/",
        cases.case_who_looked,
        name="case_who_looked",
    ),
    path("support-cases/<uuid:public_id>/change/", cases.case_change, name="case_change"),
    path("support-cases/<uuid:public_id>/history/", cases.case_history, name="case_history"),
    path(
        "support-cases/local-referrals/<uuid:public_id>/change/",
        case_records.local_referral_change,
        name="local_referral_change",
    ),
    path("support-cases/<uuid:public_id>/verify/", cases.case_verify, name="case_verify"),
    path("support-cases/<uuid:public_id>/notes/", case_records.case_note_add, name="case_note_add"),
    path(
        "support-notes/<uuid:public_id>/correct/",
        corrections.case_note_correct_view,
        name="case_note_correct",
    ),
    path("support-cases/<uuid:public_id>/support/", case_records.case_support, name="case_support"),
    path(
        "support-cases/<uuid:public_id>/signposts/",
        case_records.case_signpost_add,
        name="case_signpost_add",
    ),
    path(
        "support-cases/<uuid:public_id>/service-signposts/",
        case_records.case_service_signpost_add,
        name="case_service_signpost_add",
    ),
    path(
        "support-cases/<uuid:public_id>/local-referrals/new/",
        case_records.local_referral_new,
        name="local_referral_new",
    ),
    path("support-cases/<uuid:public_id>/ready/", case_records.case_ready, name="case_ready"),
    path(
        "support-cases/<uuid:public_id>/lawful-basis/",
        case_records.case_lawful_basis,
        name="case_lawful_basis",
    ),
    path("review/", exchange.review_queue, name="review_queue"),
    path("review/<uuid:public_id>/", exchange.review_case, name="review_case"),
    path("referrals/sent/", exchange.referral_sent_list, name="referrals_sent"),
    path("referrals/sent/<uuid:public_id>/", exchange.referral_sent, name="referral_sent"),
    path("referrals/inbox/", exchange.inbox, name="referral_inbox"),
    path(
        "referrals/inbox/<uuid:public_id>/",
        exchange.referral_received,
        name="referral_received",
    ),
    path("directory/", settings.directory_entry, name="directory_entry"),
    path(
        "directory/other-services/",
        directory.services_elsewhere,
        name="services_elsewhere",
    ),
    path("webhooks/", settings.webhook_list, name="webhooks"),
    path("webhooks/<uuid:public_id>/", settings.webhook_detail, name="webhook_detail"),
]
