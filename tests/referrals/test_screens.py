"""The support-line and exchange screens over HTTP: what the forms refuse and show."""

from datetime import date

from django.db import connection
from django_tenants.utils import schema_context

from casework.models import Contact
from referrals.models import CaseVerification, LocalReferral, Referral, ReferralStatus, SupportCase
from referrals.services.cases import case_create
from referrals.services.exchange import local_referral_send
from tests.casework.screens import body, today_text, user_with
from tests.clients import signed_in
from tests.referrals.helpers import anonymous_caller, consented_caller, ready_case_with_food
from tests.searching import searched


def test_the_new_caller_form_shows_the_statement_and_refuses_names_without_consent(
    partner_b, handler
):
    client = signed_in(partner_b, handler)
    page = body(client.get("/calls/new/"))
    assert 'data-testid="consent-statement"' in page
    response = client.post(
        "/calls/new/",
        {
            "consent": "refused",
            "consent_decided_on": today_text(),
            "first_name": "Morgan",
            "phone": "07700 900123",
            "postcode_district": "M1",
        },
    )
    assert response.status_code == 200
    page = body(response)
    assert "Without consent, do not record the first name" in page
    assert "Without consent, do not record a phone number" in page
    assert 'href="#id_first_name"' in page  # the error summary links to the field
    assert not Contact.objects.exists()


def test_a_new_anonymous_caller_gets_the_region_looked_up(partner_b, handler):
    client = signed_in(partner_b, handler)
    response = client.post(
        "/calls/new/",
        {"consent": "not_requested", "consent_decided_on": "", "postcode_district": "uk"},
    )
    contact = Contact.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/calls/{contact.public_id}/"
    page = body(client.get(response["Location"]))
    assert 'data-testid="region">United Kingdom<' in page


def test_callers_by_letter_by_part_of_a_name_or_by_phone(partner_b, handler):
    consented_caller(handler, first_name="Morgan", last_name="Fairweather", phone="07700 900123")
    consented_caller(handler, first_name="Ash", last_name="Quill", phone="07700 900999")
    anonymous_caller(handler)
    client = signed_in(partner_b, handler)
    by_letter = body(client.get("/calls/?letter=M"))
    assert "Morgan Fairweather" in by_letter and "Ash Quill" not in by_letter
    by_part = body(searched(client, "/calls/", q="airwea"))
    assert "Morgan Fairweather" in by_part and "Ash Quill" not in by_part
    by_phone = body(searched(client, "/calls/", q="900999"))
    assert "Ash Quill" in by_phone and "Morgan" not in by_phone
    everyone = body(client.get("/calls/"))
    assert "3 callers" in everyone and "Anonymous caller" in everyone


def test_case_details_stay_hidden_until_the_identity_is_confirmed(partner_b, handler):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food parcel")
    client = signed_in(partner_b, handler)
    client.post(f"/support-cases/{case.public_id}/notes/", {"text": "Very private note"})
    colleague = user_with("call-handler")
    other = signed_in(partner_b, colleague)
    page = body(other.get(f"/support-cases/{case.public_id}/"))
    assert 'data-testid="verify-first"' in page and "Very private note" not in page
    response = other.post(f"/support-cases/{case.public_id}/notes/", {"text": "Sneaky"})
    assert "Confirm the caller&#x27;s identity" in body(response)
    response = other.post(f"/support-cases/{case.public_id}/verify/", {})
    assert response.status_code == 400
    assert not CaseVerification.objects.filter(verified_by=colleague).exists()
    response = other.post(f"/support-cases/{case.public_id}/verify/", {"confirmed": "on"})
    assert response.status_code == 302
    assert "Very private note" in body(other.get(f"/support-cases/{case.public_id}/"))


def test_a_new_case_for_someone_else_created_on_the_spot(partner_b, handler):
    caller = consented_caller(handler)
    client = signed_in(partner_b, handler)
    data = {
        "case-title": "Shopping for mum",
        "case-who": "new",
        "new-consent": "given",
        "new-consent_decided_on": today_text(),
        "new-first_name": "Ada",
        "new-last_name": "Fairweather",
        "new-postcode": "M1 1AE",
    }
    response = client.post(f"/calls/{caller.public_id}/cases/new/", data)
    assert "beneficiary&#x27;s consent to discuss" in body(response)
    assert not SupportCase.objects.exists() and Contact.objects.count() == 1
    response = client.post(
        f"/calls/{caller.public_id}/cases/new/",
        data | {"case-beneficiary_consent_to_discuss": "on"},
    )
    case = SupportCase.objects.get()
    assert response["Location"] == f"/support-cases/{case.public_id}/"
    assert case.beneficiary.first_name == "Ada" and case.beneficiary.consent_given_by == caller


def test_typed_local_referral_and_ready_for_review(partner_b, handler):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Medicine")
    client = signed_in(partner_b, handler)
    url = f"/support-cases/{case.public_id}/local-referrals/new/?response_type=medication"
    page = body(client.get(url))
    assert "Pharmacy" in page and "Collection date" in page and "household" not in page
    response = client.post(url, {"pharmacy": "High St", "collection_date": "31/2/2030"})
    assert "Enter a real date for “collection date”" in body(response)
    response = client.post(url, {"pharmacy": "High St", "prescription_ready": "yes"})
    assert response.status_code == 302
    assert LocalReferral.objects.get().details == {
        "pharmacy": "High St",
        "prescription_ready": True,
    }
    client.post(f"/support-cases/{case.public_id}/ready/")
    case.refresh_from_db()
    assert case.status == "ready"


def test_the_data_team_sends_from_the_queue_and_the_receiver_accepts_finding_first(
    partner_b, partner_c, handler, data_team, kappa_adviser
):
    case, local = ready_case_with_food(handler)
    client = signed_in(partner_b, data_team)
    queue = body(client.get("/review/"))
    assert case.title in queue
    page = body(client.get(f"/review/{case.public_id}/"))
    assert "Kappa Advice Provider (answers within 48 hours)" in page
    assert "Alpha Family Centre" not in page  # not in the directory for food in London
    response = client.post(
        f"/review/{case.public_id}/",
        {"action": "send", "local_referral": str(local.public_id), "receiver": "alpha"},
    )
    assert "Choose a partner the directory offers" in body(response)
    assert not Referral.objects.exists()
    response = client.post(
        f"/review/{case.public_id}/",
        {"action": "send", "local_referral": str(local.public_id), "receiver": "kappa"},
    )
    assert response.status_code == 302
    sent = Referral.objects.get()
    # The receiver: a Morgan Fairweather is already recorded there and is offered first.
    with schema_context(partner_c.schema_name):
        from casework.services.contacts import contact_create

        existing = contact_create(
            actor=kappa_adviser,
            kind="adult",
            first_name="Morgan",
            last_name="Fairweather",
            consent="given",
        )
    kappa = signed_in(partner_c, kappa_adviser)
    page = body(kappa.get("/referrals/inbox/"))
    assert "Food" in page and "Beta Support Line" in page
    page = body(kappa.get(f"/referrals/inbox/{sent.public_id}/"))
    assert existing.client_id in page and "Vegetarian" in page
    response = kappa.post(
        f"/referrals/inbox/{sent.public_id}/",
        {"action": "accept", "contact": str(existing.public_id)},
    )
    assert response.status_code == 302
    with schema_context(partner_c.schema_name):
        assert Referral.objects.get().contact_id == existing.pk
        assert Contact.objects.count() == 1  # found, not created again
    connection.set_tenant(partner_b)
    sender_view = body(client.get(f"/referrals/sent/{sent.public_id}/"))
    assert "Accepted" in sender_view and "Kappa Advice Provider" in sender_view


def test_accepting_as_a_new_contact_and_bad_steps_show_a_message(
    partner_b, partner_c, handler, data_team, kappa_adviser
):
    _case, local = ready_case_with_food(handler)
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    kappa = signed_in(partner_c, kappa_adviser)
    url = f"/referrals/inbox/{sent.public_id}/"
    response = kappa.post(url, {"action": "resume"})  # not on hold: it has only been sent
    assert response.status_code == 302
    assert "cannot be resumed now" in body(kappa.get(url))
    kappa.post(url, {"action": "accept", "contact": "new"})
    with schema_context(partner_c.schema_name):
        referral = Referral.objects.get()
        assert referral.status == ReferralStatus.ACCEPTED
        assert (referral.contact.first_name, referral.contact.last_name) == (
            "Morgan",
            "Fairweather",
        )


def test_the_lawful_basis_screen(partner_b, handler, supervisor):
    case, _local = ready_case_with_food(handler, caller=anonymous_caller(handler, "SW1A"))
    client = signed_in(partner_b, supervisor)
    url = f"/support-cases/{case.public_id}/lawful-basis/"
    assert "Enter" not in body(client.get(url))
    response = client.post(url, {"reason": "short"})
    assert "at least 10 characters" in body(response)
    client.post(url, {"reason": "Vital interests: no food for days"})
    case.refresh_from_db()
    assert case.lawful_basis_by == supervisor and case.lawful_basis_at.date() == date.today()


def test_directory_entry_screen(partner_b, supervisor):
    client = signed_in(partner_b, supervisor)
    response = client.post(
        "/directory/",
        {
            "name": "Food help",
            "status": "active",
            "referral_types": ["food"],
            "regions": ["london"],
            "districts": "M1, 1zz",
            "capacity": "accepting",
            "response_hours": "24",
        },
    )
    assert "“1zz” is not a postcode district" in body(response)
    response = client.post(
        "/directory/",
        {
            "name": "Food help",
            "status": "active",
            "referral_types": ["food", "befriending"],
            "regions": ["london"],
            "districts": "m1 B33",
            "capacity": "accepting",
            "response_hours": "24",
        },
    )
    assert response.status_code == 302
    from tenants.models import DirectoryEntry

    entry = DirectoryEntry.objects.get(partner=partner_b)
    assert (entry.referral_types, entry.districts, entry.response_hours) == (
        ["befriending", "food"],
        ["B33", "M1"],
        24,
    )


def test_directory_entry_screen_keeps_the_published_service(partner_b, supervisor):
    client = signed_in(partner_b, supervisor)
    page = body(client.get("/directory/"))
    assert "The service" in page and "Where people can come" in page
    form = {
        "name": "Beta helpline",
        "description": "Someone to talk to.",
        "status": "temporarily closed",
        "service_types": ["companionship"],
        "location_name": "Beta House",
        "location_address": "3 Quay Street",
        "location_city": "Manchester",
        "location_postcode": "nowhere",
        "location_opening_hours": "Weekdays",
        "referral_types": ["food"],
        "regions": ["london"],
        "districts": "",
        "capacity": "closed",
        "response_hours": "24",
    }
    refused = body(client.post("/directory/", form))
    assert "“nowhere” is not a postcode: enter the place" in refused
    response = client.post("/directory/", {**form, "location_postcode": "m3 3aa"})
    assert response.status_code == 302
    from tenants.models import DirectoryEntry

    entry = DirectoryEntry.objects.get(partner=partner_b)
    place = entry.locations.get()
    assert (entry.status, entry.service_types, place.postcode, place.region) == (
        "temporarily closed",
        ["companionship"],
        "M3 3AA",
        "north_west",
    )
    again = body(client.get("/directory/"))
    assert 'value="Beta House"' in again and "Someone to talk to." in again


def test_help_on_the_support_line_screens_opens_their_manual_topics(partner_b, partner_c):
    from django.test import Client

    from tests.cms.helpers import help_href
    from tests.partners import PASSWORD, domain_of

    for partner, username, path, topic in (
        (partner_b, "call-handler", "/calls/", "/manual/referrals/taking-a-call/"),
        (partner_b, "call-handler", "/calls/new/", "/manual/referrals/taking-a-call/"),
        (partner_b, "data-team", "/review/", "/manual/referrals/reviewing-and-sending/"),
        (partner_c, "adviser", "/referrals/inbox/", "/manual/referrals/referrals-received/"),
        (partner_b, "supervisor", "/directory/", "/manual/referrals/directory-and-webhooks/"),
    ):
        client = Client(HTTP_HOST=domain_of(partner))
        client.post("/sign-in/", {"username": username, "password": PASSWORD})
        response = client.get(help_href(client.get(path)))
        assert response.status_code == 302 and response["Location"] == topic, path
        assert client.get(topic).status_code == 200


def test_the_sender_withdraws_on_the_referral_screen(partner_b, partner_c, handler, data_team):
    _case, local = ready_case_with_food(handler)
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    client = signed_in(partner_b, data_team)
    url = f"/referrals/sent/{sent.public_id}/"
    assert "Give the reason." in body(client.post(url, {"reason": ""}))
    response = client.post(url, {"reason": "Caller found help elsewhere."})
    assert response.status_code == 302
    with schema_context(partner_c.schema_name):
        theirs = Referral.objects.get()
        assert (theirs.status, theirs.withdraw_reason) == (
            "withdrawn",
            "Caller found help elsewhere.",
        )
    connection.set_tenant(partner_b)
    assert "Withdraw</button>" not in body(client.get(url))  # nothing left to withdraw


def test_consent_withdrawal_screen_erases_and_redacts(partner_b, partner_c, handler, data_team):
    case, local = ready_case_with_food(handler)
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    client = signed_in(partner_b, handler)
    url = f"/calls/{case.caller.public_id}/withdraw-consent/"
    assert "Tick to confirm" in body(client.post(url, {}))
    assert client.post(url, {"confirmed": "on"}).status_code == 302
    caller = Contact.objects.get(pk=case.caller.pk)
    assert (caller.first_name, caller.consent) == ("", "refused")
    with schema_context(partner_c.schema_name):
        assert Referral.objects.get(public_id=sent.public_id).payload == {"redacted": True}


def test_a_case_form_error_for_the_caller_shows_no_beneficiary_errors(partner_b, handler):
    caller = consented_caller(handler)
    client = signed_in(partner_b, handler)
    page = body(client.post(f"/calls/{caller.public_id}/cases/new/", {"case-who": "caller"}))
    assert "Enter a short title" in page
    assert "Choose the consent status" not in page


def test_home_shows_what_waits_for_the_data_team_and_the_receiver(
    partner_b, partner_c, handler, data_team, kappa_adviser
):
    _case, local = ready_case_with_food(handler)
    ready_case_with_food(handler)
    local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    home = body(signed_in(partner_b, data_team).get("/"))
    assert "<strong>1</strong> case waiting for review" in home
    assert 'data-testid="figure-review"' not in body(signed_in(partner_b, handler).get("/"))
    home = body(signed_in(partner_c, kappa_adviser).get("/"))
    assert "<strong>1</strong> referral waiting for an answer" in home


def test_webhook_screens_are_the_champions_of_their_own_partner(
    partner_a, partner_b, partner_c, data_team, settings
):
    from referrals.models import WebhookEndpoint

    settings.CASEBRIDGE_WEBHOOKS_ALLOW_PRIVATE = True
    champion = user_with("champion")
    client = signed_in(partner_b, champion)
    response = client.post("/webhooks/", {"url": "http://127.0.0.1:9/hooks"})
    endpoint = WebhookEndpoint.objects.get()
    assert f'data-testid="secret">{endpoint.secret}<' in body(response)  # shown once
    assert endpoint.secret not in body(client.get("/webhooks/"))
    url = f"/webhooks/{endpoint.public_id}/"
    assert client.get(url).status_code == 200
    assert signed_in(partner_b, data_team).get(url).status_code == 404
    for partner in (partner_a, partner_c):
        with schema_context(partner.schema_name):
            other_champion = user_with("champion")
        other = signed_in(partner, other_champion)
        assert other.get(url).status_code == 404
        assert other.post(url, {"action": "deactivate"}).status_code == 404
    connection.set_tenant(partner_b)
    assert WebhookEndpoint.objects.get().is_active
    client.post(url, {"action": "deactivate"})
    assert not WebhookEndpoint.objects.get().is_active


def test_callers_are_contacts_the_casework_screens_and_search_show(partner_b, handler):
    known = consented_caller(handler)
    anonymous = anonymous_caller(handler)
    client = signed_in(partner_b, handler)
    page = body(client.get(f"/contacts/{anonymous.public_id}/"))
    assert f"Anonymous caller {anonymous.client_id}" in page
    assert "Morgan Fairweather" in body(searched(client, "/search/", q="Fairweather"))
    assert anonymous.client_id in body(searched(client, "/search/", q=anonymous.client_id))
    assert known.client_id in body(client.get("/contacts/"))


def test_a_case_for_someone_already_recorded_is_picked_by_searching(partner_b, handler):
    """Nobody copies a client ID from another page: search (typos allowed), then choose."""
    caller = consented_caller(handler)
    ada = consented_caller(handler, first_name="Ada", last_name="Fairweather", phone="07700 900321")
    client = signed_in(partner_b, handler)
    url = f"/calls/{caller.public_id}/cases/new/"
    base = {"case-title": "Shopping for Ada", "case-who": "existing"}
    page = body(client.post(url, base | {"case-beneficiary_search": "Aad Fairwether", "find": "1"}))
    assert f'<option value="{ada.public_id}"' in page and "matched" in page
    assert 'value="Shopping for Ada"' in page  # what was typed is kept
    assert not SupportCase.objects.exists()
    page = body(client.post(url, base | {"case-beneficiary_search": "07700900321", "find": "1"}))
    assert f'<option value="{ada.public_id}"' in page
    refused = client.post(url, base | {"case-beneficiary_consent_to_discuss": "on"})
    assert "Find the person who requires support" in body(refused)
    response = client.post(
        url,
        base
        | {"case-beneficiary": str(ada.public_id), "case-beneficiary_consent_to_discuss": "on"},
    )
    case = SupportCase.objects.get()
    assert response["Location"] == f"/support-cases/{case.public_id}/"
    assert case.beneficiary == ada
