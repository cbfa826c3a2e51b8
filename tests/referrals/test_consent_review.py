"""Consent review dates (issue 19): given consent is due for review the partner's default
number of months after its decision date; within 30 days it shows on the record and the
owner's home page; once past, a new referral is refused as for refused consent, until
consent is recorded again. Existing rows got their date from the migration."""

import importlib
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from casework.consent import consent_in_force, months_after
from casework.models import CaseworkSettings, Contact
from casework.services.consent import consent_review_months_set
from referrals import selectors_queues
from referrals.services.callers import caller_update, contact_consent_withdraw
from referrals.services.exchange import local_referral_send
from tests.casework.screens import user_with
from tests.clients import signed_in
from tests.graphql_api.helpers import run
from tests.referrals.helpers import anonymous_caller, consented_caller, ready_case_with_food

# It reaches the GraphQL schema: no Playwright event loop (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("outside_playwrights_event_loop")


def at(day: date):
    """Travel to noon on `day` (the clock stands still)."""
    return time_machine.travel(timezone.make_aware(datetime.combine(day, time(12))), tick=False)


def test_months_after_keeps_the_day_or_takes_the_months_last():
    assert months_after(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert months_after(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert months_after(date(2027, 3, 10), 12) == date(2028, 3, 10)


def test_the_review_date_follows_the_decision_and_the_partners_default(handler, partner_b):
    dpo = user_with("data-protection")
    with at(date(2027, 3, 10)):
        caller = consented_caller(handler)
        assert caller.consent_review_on == date(2028, 3, 10)
        for wrong in (0, 121, None):
            with pytest.raises(ValidationError) as refused:
                consent_review_months_set(actor=dpo, months=wrong)
            assert "consent_review_months" in refused.value.message_dict
        with pytest.raises(PermissionDenied):
            consent_review_months_set(actor=handler, months=3)
        consent_review_months_set(actor=dpo, months=6)
        caller.refresh_from_db()
        assert caller.consent_review_on == date(2028, 3, 10)  # kept until recorded again
        caller = caller_update(actor=handler, contact=caller, consent_decided_on=date(2027, 3, 1))
        assert caller.consent_review_on == date(2027, 9, 1)
        caller = caller_update(actor=handler, contact=caller, phone="07700 900999")
        assert caller.consent_review_on == date(2027, 9, 1)
        assert anonymous_caller(handler).consent_review_on is None
        caller = contact_consent_withdraw(actor=handler, contact=caller)
        assert caller.consent_review_on is None


def test_expired_consent_is_refused_like_refused_consent_until_recorded_again(
    handler, data_team, supervisor, partner_b, partner_c
):
    start = timezone.localdate()
    case, local = ready_case_with_food(handler)
    caller = case.caller
    expiry = caller.consent_review_on
    assert expiry == months_after(start, 12)
    with at(expiry):
        assert consent_in_force(caller)
    with at(expiry + timedelta(days=1)):
        assert not consent_in_force(caller)
        with pytest.raises(ValidationError) as refused:
            local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
        assert "consent to share expired on" in refused.value.message_dict["receiver"][0]
        awaiting = selectors_queues.case_list(user=supervisor, show="lawful-basis")
        assert case in awaiting
        page = signed_in(partner_b, data_team).get(f"/review/{case.public_id}/")
        assert "Consent given" not in page.content.decode()
        assert "Expired on" in page.content.decode()
        caller_update(actor=handler, contact=caller, consent_decided_on=timezone.localdate())
        assert case not in selectors_queues.case_list(user=supervisor, show="lawful-basis")
        sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
        assert sent.basis.startswith("Consent given on")
        assert sent.payload["person"]["first_name"] == "Morgan"


def test_due_soon_and_expired_show_on_the_owners_home_and_the_record(handler, partner_b):
    caller = consented_caller(handler, first_name="Robin")
    other = user_with("call-handler")
    record = f"/calls/{caller.public_id}/"
    with at(caller.consent_review_on - timedelta(days=40)):
        home = signed_in(partner_b, handler).get("/").content.decode()
        assert 'data-testid="consent-reviews-none"' in home
    with at(caller.consent_review_on - timedelta(days=10)):
        mine = signed_in(partner_b, handler)
        home = mine.get("/").content.decode()
        assert "Robin Fairweather" in home.split('data-testid="consent-reviews"')[1]
        assert "review consent by" in home
        assert "Due soon" in mine.get(record).content.decode()
        assert "Robin" not in signed_in(partner_b, other).get("/").content.decode()
    with at(caller.consent_review_on + timedelta(days=5)):
        mine = signed_in(partner_b, handler)
        assert "consent expired on" in mine.get("/").content.decode()
        page = mine.get(record).content.decode()
        assert 'data-testid="consent-review"' in page and "Expired on" in page


def test_the_migration_gives_existing_consent_its_review_date(handler, partner_b):
    caller = consented_caller(handler)
    refused = anonymous_caller(handler)
    CaseworkSettings.objects.update(consent_review_months=18)
    Contact.objects.filter(pk__in=[caller.pk, refused.pk]).update(consent_review_on=None)
    migration = importlib.import_module("casework.migrations.0014_consent_review_date")
    with connection.cursor() as cursor:
        cursor.execute(migration.Migration.operations[-1].sql)
    caller.refresh_from_db()
    refused.refresh_from_db()
    assert caller.consent_review_on == months_after(caller.consent_decided_on, 18)
    assert refused.consent_review_on is None


def test_the_setting_screen_is_the_data_protection_roles(handler, partner_b):
    dpo = signed_in(partner_b, user_with("data-protection"))
    assert dpo.get("/consent-reviews/").status_code == 200
    page = dpo.post("/consent-reviews/", {"consent_review_months": "0"}).content.decode()
    assert "Enter a number of months from 1 to 120." in page
    assert dpo.post("/consent-reviews/", {"consent_review_months": "24"}).status_code == 302
    assert CaseworkSettings.objects.get().consent_review_months == 24
    assert signed_in(partner_b, handler).get("/consent-reviews/").status_code == 403


def test_the_api_gives_the_review_date(handler, partner_b):
    with at(date(2027, 3, 10)):
        result = run(
            handler,
            """mutation($input: CallerCreateInput!) { callerCreate(input: $input)
              { caller { consentReviewDate } errors { field code } } }""",
            {
                "input": {
                    "consent": "given",
                    "consentDecidedOn": "2027-03-01",
                    "firstName": "Morgan",
                    "lastName": "Fairweather",
                    "postcode": "SW1A 1AA",
                }
            },
        )
    assert result.errors is None, result.errors
    assert result.data["callerCreate"]["caller"]["consentReviewDate"] == "2028-03-01"
