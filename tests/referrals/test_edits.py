"""Correcting the support line's records: callers and beneficiaries (under the consent
rules), a case's own fields (not its notes), local referrals until they are sent. Who
may and may not; bad input changes nothing and names the field; the History tabs show
old → new with the reason and who changed it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casework.models import Consent, Contact, ContactEvent
from referrals.models import CaseEvent, CaseStatus, LocalReferral, SupportCase
from referrals.policy import ReferralRefused
from referrals.selectors import case_history
from referrals.services.callers import caller_update
from referrals.services.cases import (
    case_create,
    local_referral_add,
    local_referral_update,
    support_case_update,
)
from referrals.services.exchange import local_referral_send
from tests.casework.screens import body
from tests.clients import signed_in
from tests.partners import PASSWORD
from tests.referrals.helpers import anonymous_caller, consented_caller, ready_case_with_food
from tests.tenants.accounts.helpers import make_user


def entries(user, case):
    _, page = case_history(user=user, public_id=case.public_id)
    return list(page.object_list)


# --- callers and beneficiaries ---


def test_an_anonymous_caller_gets_a_name_only_with_consent_recorded(handler):
    caller = anonymous_caller(handler)
    with pytest.raises(ValidationError) as refused:
        caller_update(actor=handler, contact=caller, first_name="Robin", last_name="Hill")
    assert "Without consent" in refused.value.message_dict["first_name"][0]
    assert Contact.objects.get(pk=caller.pk).first_name == ""
    caller_update(
        actor=handler,
        contact=caller,
        consent=Consent.GIVEN,
        consent_decided_on=date.today(),
        first_name="Robin",
        last_name="Hill",
        postcode="M1 1AE",
    )
    caller.refresh_from_db()
    assert (caller.first_name, caller.consent, caller.household.postcode) == (
        "Robin",
        Consent.GIVEN,
        "M1 1AE",
    )
    assert caller.postcode_district == "M1" and caller.region == "north_west"


def test_a_recorded_name_changes_only_with_a_reason(handler):
    caller = consented_caller(handler)
    with pytest.raises(ValidationError) as refused:
        caller_update(actor=handler, contact=caller, last_name="Fairwether")
    assert "last name" in refused.value.message_dict["reason"][0]
    caller_update(actor=handler, contact=caller, last_name="Fairwether", reason="Misheard")
    event = ContactEvent.objects.filter(pgh_obj=caller).order_by("-pgh_id").first()
    assert event.pgh_context["reason"] == "Misheard"
    assert event.pgh_context["action"] == "caller_update"
    assert (event.pgh_label, event.last_name) == ("update", "Fairwether")
    # A phone number needs no reason.
    caller_update(actor=handler, contact=caller, phone="07700 900999")
    assert Contact.objects.get(pk=caller.pk).phone_digits == "07700900999"


def test_consent_is_not_withdrawn_here(handler):
    caller = consented_caller(handler)
    with pytest.raises(ValidationError) as refused:
        caller_update(
            actor=handler,
            contact=caller,
            consent=Consent.REFUSED,
            first_name="",
            last_name="",
            phone="",
            postcode="",
            postcode_district="SW1A",
        )
    assert "Withdraw consent" in refused.value.message_dict["consent"][0]
    assert Contact.objects.get(pk=caller.pk).consent == Consent.GIVEN


def test_bad_caller_input_changes_nothing_and_names_the_field(handler):
    caller = consented_caller(handler)
    for changes, field in [
        ({"postcode": "nowhere"}, "postcode"),
        ({"postcode": "M1 1AE", "postcode_district": "B33"}, "postcode_district"),
        ({"first_name": ""}, "first_name"),
        ({"consent_decided_on": date(2999, 1, 1)}, "consent_decided_on"),
        ({"date_of_birth": date(2000, 1, 1)}, "date_of_birth"),
    ]:
        with pytest.raises(ValidationError) as refused:
            caller_update(actor=handler, contact=caller, phone="0", reason="x", **changes)
        assert field in refused.value.message_dict, changes
    assert Contact.objects.get(pk=caller.pk).phone == "07700 900123"


def test_only_call_handlers_change_callers(handler, in_partner_b):
    caller = consented_caller(handler)
    practitioner = make_user(role_key="editor", password=PASSWORD)
    with pytest.raises(ReferralRefused):
        caller_update(actor=practitioner, contact=caller, phone="0")


# --- cases ---


def test_a_case_is_corrected_and_history_says_so(handler, data_team):
    caller = consented_caller(handler)
    case = case_create(actor=handler, caller=caller, title="Food parcl")
    support_case_update(actor=handler, case=case, title="Food parcel", psychosocial_support=True)
    case.refresh_from_db()
    assert (case.title, case.psychosocial_support) == ("Food parcel", True)
    newest = entries(handler, case)[0]
    assert newest.who == handler.get_full_name()
    assert newest.what == "Support case changed"
    changes = {c.label: (c.old, c.new) for c in newest.changes}
    assert changes["Title"] == ("Food parcl", "Food parcel")
    assert changes["Psychosocial support"] == ("No", "Yes")
    assert entries(handler, case)[-1].what == "Support case added"
    assert entries(handler, case)[-1].who == handler.get_full_name()


def test_bad_case_input_changes_nothing_and_names_the_field(handler):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    for changes, field in [
        ({"title": "  "}, "title"),
        ({"safeguarding_activated": True}, "safeguarding_reason"),
        ({"status": "reviewed"}, "status"),
    ]:
        with pytest.raises(ValidationError) as refused:
            support_case_update(actor=handler, case=case, feedback_consent=True, **changes)
        assert field in refused.value.message_dict
    assert SupportCase.objects.get(pk=case.pk).feedback_consent is False


def test_consent_to_discuss_stays_for_someone_else(handler):
    caller = consented_caller(handler)
    other = consented_caller(handler, first_name="Ada")
    case = case_create(
        actor=handler,
        caller=caller,
        title="Shopping",
        beneficiary=other,
        beneficiary_consent_to_discuss=True,
    )
    with pytest.raises(ValidationError) as refused:
        support_case_update(actor=handler, case=case, beneficiary_consent_to_discuss=False)
    assert "beneficiary_consent_to_discuss" in refused.value.message_dict


def test_after_review_only_the_data_team_with_a_reason(handler, data_team, partner_c):
    case, local = ready_case_with_food(handler)
    local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEWED
    with pytest.raises(ReferralRefused):
        support_case_update(actor=handler, case=case, title="Food bank", reason="Clearer")
    with pytest.raises(ValidationError) as refused:
        support_case_update(actor=data_team, case=case, title="Food bank")
    assert "reviewed case" in refused.value.message_dict["reason"][0]
    support_case_update(actor=data_team, case=case, title="Food bank", reason="Clearer title")
    assert SupportCase.objects.get(pk=case.pk).title == "Food bank"
    newest = entries(data_team, case)[0]
    assert (newest.who, newest.reason) == (data_team.get_full_name(), "Clearer title")
    assert CaseEvent.objects.filter(case=case, action="case changed").exists()


# --- local referrals ---


def test_a_local_referral_is_corrected_until_it_is_sent(handler, data_team, partner_c):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    local = local_referral_add(
        actor=handler, case=case, response_type="food", details={"household_size": "3"}
    )
    with pytest.raises(ValidationError) as refused:
        local_referral_update(actor=handler, local_referral=local, details={"household_size": "x"})
    assert "household_size" in refused.value.message_dict
    local_referral_update(
        actor=handler,
        local_referral=local,
        details={"household_size": "4", "dietary_needs": "Halal"},
        reason="The caller rang back",
    )
    local.refresh_from_db()
    assert local.details == {"household_size": 4, "dietary_needs": "Halal"}
    newest = entries(handler, case)[0]
    assert newest.what == "Local referral changed" and newest.reason == "The caller rang back"
    [change] = newest.changes
    assert change.old == "Household size: 3"
    assert set(change.new.split("; ")) == {"Household size: 4", "Dietary needs: Halal"}
    from referrals.services.review import case_mark_ready

    case_mark_ready(actor=handler, case=case)
    local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    with pytest.raises(ValidationError) as refused:
        local_referral_update(actor=data_team, local_referral=local, details={"household_size": 5})
    assert "can no longer be changed" in refused.value.message_dict["details"][0]
    assert LocalReferral.objects.get(pk=local.pk).details["household_size"] == 4


# --- screens ---


def test_the_case_screen_links_change_and_history(handler, in_partner_b):
    caller = consented_caller(handler)
    case = case_create(actor=handler, caller=caller, title="Food")
    local = local_referral_add(
        actor=handler, case=case, response_type="food", details={"household_size": "3"}
    )
    client = signed_in(in_partner_b, handler)
    page = body(client.get(f"/support-cases/{case.public_id}/"))
    for url in (
        f"/support-cases/{case.public_id}/change/",
        f"/support-cases/{case.public_id}/history/",
        f"/calls/{caller.public_id}/change/",
        f"/support-cases/local-referrals/{local.public_id}/change/",
    ):
        assert url in page
    response = client.post(f"/support-cases/{case.public_id}/change/", {"title": "", "reason": ""})
    assert response.status_code == 200 and "Enter a short title" in body(response)
    response = client.post(f"/support-cases/{case.public_id}/change/", {"title": "Food bank"})
    assert response.status_code == 302
    response = client.post(
        f"/support-cases/local-referrals/{local.public_id}/change/",
        {"household_size": "5", "reason": "Rang back"},
    )
    assert response.status_code == 302
    history = body(client.get(f"/support-cases/{case.public_id}/history/"))
    assert "Food → Food bank" in history
    assert "Reason: Rang back" in history and "Household size: 3 → Household size: 5" in history


def test_a_caller_screen_refuses_a_name_without_consent(handler, in_partner_b):
    caller = anonymous_caller(handler)
    client = signed_in(in_partner_b, handler)
    assert f"/calls/{caller.public_id}/change/" in body(client.get(f"/calls/{caller.public_id}/"))
    response = client.post(
        f"/calls/{caller.public_id}/change/",
        {
            "consent": "refused",
            "consent_decided_on": "1/1/2025",
            "first_name": "Robin",
            "postcode_district": "M1",
        },
    )
    assert response.status_code == 200 and "Without consent" in body(response)
    assert Contact.objects.get(pk=caller.pk).first_name == ""


def test_case_screens_access(handler, in_partner_b):
    """Another call handler sees nothing of a case until they confirm the caller's
    identity; roles without calls get nothing."""
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    local = local_referral_add(
        actor=handler, case=case, response_type="food", details={"household_size": "3"}
    )
    colleague = make_user(role_key="call-handler", password=PASSWORD)
    editor = make_user(role_key="editor", password=PASSWORD)
    client = signed_in(in_partner_b, colleague)
    for url in (
        f"/support-cases/{case.public_id}/history/",
        f"/support-cases/{case.public_id}/change/",
    ):
        response = client.get(url)
        # The case page's verification prompt in place of the page, as for every page
        # under a case (referrals.policy.case_details_shown).
        page = response.content.decode()
        assert response.status_code == 200 and "identity against the record" in page
        assert "Household size" not in page and "History" not in page.split("<main", 1)[1]
    other = signed_in(in_partner_b, editor)
    for url in (
        f"/support-cases/{case.public_id}/history/",
        f"/support-cases/{case.public_id}/change/",
        f"/calls/{case.caller.public_id}/change/",
        f"/support-cases/local-referrals/{local.public_id}/change/",
    ):
        assert other.get(url).status_code == 404
    response = client.get(f"/support-cases/local-referrals/{local.public_id}/change/")
    # The colleague confirms the caller's identity first: the prompt, not the referral.
    page = response.content.decode()
    assert response.status_code == 200 and "identity against the record" in page
    assert "Household size" not in page


def test_a_callers_alerts_are_recorded_shown_and_corrected_with_history(handler, in_partner_b):
    """Alerts, as contacts have them: on the caller's record (at the top and in the
    summary with a Change link), through caller_update, on History; only with consent."""
    caller = consented_caller(handler)
    client = signed_in(in_partner_b, handler)
    page = body(client.get(f"/calls/{caller.public_id}/"))
    assert f"/calls/{caller.public_id}/change/#id_alerts" in page
    assert 'data-testid="alerts"' not in page
    details = {
        "consent": "given",
        "consent_decided_on": date.today().strftime("%d/%m/%Y"),
        "first_name": "Morgan",
        "last_name": "Fairweather",
        "phone": "07700 900123",
        "postcode": "SW1A 1AA",
        "alerts": "Hard of hearing: speak slowly",
    }
    form = body(client.get(f"/calls/{caller.public_id}/change/"))
    assert 'name="alerts"' in form
    # The consent date shows as it is typed, so the screen saves as shown.
    today = date.today()
    assert (
        f'name="consent_decided_on" type="text" value="{today.day}/{today.month}/{today.year}"'
        in form
    )
    assert client.post(f"/calls/{caller.public_id}/change/", details).status_code == 302
    assert Contact.objects.get(pk=caller.pk).alerts == "Hard of hearing: speak slowly"
    page = body(client.get(f"/calls/{caller.public_id}/"))
    assert 'data-testid="alerts"' in page and "Alerts: Hard of hearing: speak slowly" in page
    case = case_create(actor=handler, caller=caller, title="Food")
    page = body(client.get(f"/support-cases/{case.public_id}/"))
    assert "Alerts for Morgan Fairweather: Hard of hearing: speak slowly" in page
    history = body(client.get(f"/contacts/{caller.public_id}/history/"))
    assert "Hard of hearing: speak slowly" in history
    assert handler.get_full_name() in history
    # Without consent nothing that identifies them is kept, alerts included.
    anonymous = anonymous_caller(handler)
    response = client.post(
        f"/calls/{anonymous.public_id}/change/",
        {
            "consent": "refused",
            "consent_decided_on": "1/1/2025",
            "postcode_district": "M1",
            "alerts": "Angry",
        },
    )
    assert response.status_code == 200 and "Without consent" in body(response)
    assert Contact.objects.get(pk=anonymous.pk).alerts == ""


def test_a_new_caller_is_recorded_with_alerts(handler, in_partner_b):
    client = signed_in(in_partner_b, handler)
    response = client.post(
        "/calls/new/",
        {
            "consent": "given",
            "consent_decided_on": date.today().strftime("%d/%m/%Y"),
            "first_name": "Ali",
            "last_name": "Brook",
            "postcode": "M1 1AE",
            "alerts": "Lives with the person they are calling about",
        },
    )
    assert response.status_code == 302
    caller = Contact.objects.get(first_name="Ali")
    assert caller.alerts == "Lives with the person they are calling about"
