"""Consent rules for callers and beneficiaries, enforced by the service."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casework.models import Consent
from referrals.services.callers import caller_create
from tests.referrals.helpers import consented_caller
from tests.tenants.accounts.helpers import make_user

IDENTIFYING = {
    "first_name": "Morgan",
    "last_name": "Fairweather",
    "phone": "07700 900123",
    "email": "m@example.org",
    "postcode": "SW1A 1AA",
    "alerts": "Lives alone at number 4",
}


@pytest.mark.parametrize("consent", [Consent.NOT_REQUESTED, Consent.REFUSED])
@pytest.mark.parametrize("field", sorted(IDENTIFYING))
def test_without_consent_anything_identifying_is_refused(handler, consent, field):
    with pytest.raises(ValidationError) as exc:
        caller_create(
            actor=handler,
            consent=consent,
            consent_decided_on=date.today(),
            postcode_district="M1",
            **{field: IDENTIFYING[field]},
        )
    assert "only the postcode district and region" in exc.value.message_dict[field][0]


def test_without_consent_only_district_and_region_are_kept(handler):
    contact = caller_create(
        actor=handler,
        consent=Consent.REFUSED,
        consent_decided_on=date.today(),
        postcode_district="m1",
    )
    assert (contact.postcode_district, contact.region) == ("M1", "north_west")
    assert (contact.first_name, contact.last_name, contact.phone, contact.household.postcode) == (
        "",
        "",
        "",
        "",
    )
    assert contact.display_name == f"Anonymous caller {contact.client_id}"


def test_uk_means_united_kingdom(handler):
    contact = caller_create(actor=handler, consent=Consent.NOT_REQUESTED, postcode_district="UK")
    assert contact.region == "uk"


def test_with_consent_names_and_postcode_are_required(handler):
    with pytest.raises(ValidationError) as exc:
        caller_create(actor=handler, consent=Consent.GIVEN, consent_decided_on=date.today())
    assert {"first_name", "last_name", "postcode"} <= set(exc.value.message_dict)


def test_with_consent_the_district_and_region_come_from_the_postcode(handler):
    contact = consented_caller(handler, postcode="b33 8th")
    assert contact.household.postcode == "B33 8TH"
    assert (contact.postcode_district, contact.region) == ("B33", "west_midlands")
    assert contact.consent == Consent.GIVEN and contact.consent_given_by is None


def test_a_district_that_contradicts_the_postcode_is_refused(handler):
    with pytest.raises(ValidationError) as exc:
        consented_caller(handler, postcode_district="M1")
    assert "SW1A" in exc.value.message_dict["postcode_district"][0]


def test_unknown_district_and_missing_decision_date(handler):
    with pytest.raises(ValidationError) as exc:
        caller_create(actor=handler, consent=Consent.REFUSED, postcode_district="QQ1")
    assert set(exc.value.message_dict) == {"postcode_district", "consent_decided_on"}


def test_only_call_handlers_record_callers(in_partner_b):
    editor = make_user(role_key="editor")
    with pytest.raises(PermissionDenied) as exc:
        caller_create(actor=editor, consent=Consent.NOT_REQUESTED, postcode_district="UK")
    assert "support-line calls" in str(exc.value)


def test_an_anonymous_caller_cannot_be_named_later_without_consent(handler):
    from casework.services.contacts import contact_update
    from tests.referrals.helpers import anonymous_caller

    caller = anonymous_caller(handler)
    with pytest.raises(ValidationError) as exc:
        contact_update(actor=handler, contact=caller, first_name="Sam", phone="07700 900123")
    assert set(exc.value.message_dict) == {"first_name", "phone"}
    caller.refresh_from_db()
    assert caller.first_name == "" and caller.phone == ""
