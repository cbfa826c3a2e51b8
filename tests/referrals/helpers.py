"""Support-line records the referrals tests start from: callers with and without consent,
a case ready for the data team with a food referral, and a case holding everything a
page must hide until the caller's identity is confirmed (`CASE_SECRETS`)."""

from datetime import date

from casework.models import Consent
from referrals.models import SignpostCategory
from referrals.services.callers import caller_create
from referrals.services.cases import (
    case_create,
    case_note_add,
    case_support_update,
    local_referral_add,
    signpost_add,
)
from referrals.services.review import case_mark_ready


def consented_caller(actor, **extra):
    return caller_create(
        actor=actor,
        consent=Consent.GIVEN,
        consent_decided_on=date.today(),
        first_name=extra.pop("first_name", "Morgan"),
        last_name=extra.pop("last_name", "Fairweather"),
        phone=extra.pop("phone", "07700 900123"),
        postcode=extra.pop("postcode", "SW1A 1AA"),
        **extra,
    )


def anonymous_caller(actor, district="M1"):
    return caller_create(
        actor=actor,
        consent=Consent.REFUSED,
        consent_decided_on=date.today(),
        postcode_district=district,
    )


def ready_case_with_food(actor, caller=None, **details):
    caller = caller or consented_caller(actor)
    case = case_create(actor=actor, caller=caller, title="Food parcel")
    local = local_referral_add(
        actor=actor,
        case=case,
        response_type="food",
        details={"household_size": "3", "dietary_needs": "Vegetarian"} | details,
    )
    case_mark_ready(actor=actor, case=case)
    return case, local


# What no page shows before the identity is confirmed (the verification prompt names the
# caller, so the handler can ask them; the API leaves the caller out too).
CASE_SECRETS = (
    "Stepfather drinks",  # the safeguarding reason
    "Very private note",
    "Vegetarian",  # a local referral's details
    "Citizens Advice",  # a signpost
)


def a_case_with_everything(handler):
    case, _local = ready_case_with_food(handler)
    case_note_add(actor=handler, case=case, text="Very private note")
    case_support_update(
        actor=handler,
        case=case,
        psychosocial_support=True,
        safeguarding_activated=True,
        safeguarding_reason="Stepfather drinks",
        feedback_consent=False,
    )
    category, _ = SignpostCategory.objects.get_or_create(name="Citizens Advice")
    signpost_add(actor=handler, case=case, category=category)
    return case
