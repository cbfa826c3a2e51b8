from datetime import date

import pytest
from django.db import connection

from casework.models import Consent
from referrals.services.callers import caller_create
from referrals.services.cases import case_create, case_mark_ready, local_referral_add
from tests.accounts.helpers import make_user
from tests.conftest import PASSWORD


@pytest.fixture
def in_partner_b(partner_b):
    connection.set_tenant(partner_b)
    yield partner_b
    connection.set_schema_to_public()


@pytest.fixture
def handler(in_partner_b):
    return make_user(role_key="call-handler", password=PASSWORD)


@pytest.fixture
def data_team(in_partner_b):
    return make_user(role_key="data-team", password=PASSWORD)


@pytest.fixture
def supervisor(in_partner_b):
    return make_user(role_key="supervisor", password=PASSWORD)


@pytest.fixture
def kappa_adviser(partner_c, in_partner_b):
    """An adviser at the receiving partner (made there, then back in beta)."""
    connection.set_tenant(partner_c)
    user = make_user(role_key="adviser", password=PASSWORD)
    connection.set_tenant(in_partner_b)
    return user


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
