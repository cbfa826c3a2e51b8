"""Support-line cases and the exchange through GraphQL: the round trip (beta's call
handler records a caller needing food, beta's data team sends it, kappa accepts and records
the outcome, beta sees it), the verification gate, bad input, and who sees what."""

from datetime import date

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from casework.models import Consent, Contact, ContactKind
from casework.services.contacts import contact_create
from referrals.models import CaseNote, LocalReferral, Referral, ReferralStatus, SupportCase
from referrals.services.exchange import local_referral_send
from tests.graphql_api.helpers import global_id, nodes, run
from tests.partners import PASSWORD
from tests.referrals.helpers import consented_caller, ready_case_with_food
from tests.tenants.accounts.helpers import make_user


@pytest.fixture
def handler(partner_b):
    connection.set_tenant(partner_b)
    return make_user(role_key="call-handler", password=PASSWORD)


@pytest.fixture
def data_team(handler):
    return make_user(role_key="data-team", password=PASSWORD)


@pytest.fixture
def kappa_adviser(partner_c, data_team, partner_b):
    connection.set_tenant(partner_c)
    user = make_user(role_key="adviser", password=PASSWORD)
    connection.set_tenant(partner_b)
    return user


ERRORS = "errors { field message code }"
CASE = (
    "case { id title status verified caller { firstName } notes { edges { node { text } } } "
    "localReferrals { edges { node { id responseType } } } "
    "signposts { edges { node { category } } } }"
)


REFERRAL = "referral { id direction status fhirStatus outcome outcomeCode otherPartnerName events { edges { node { action partnerName } } } }"
CALLER_CREATE = f"""mutation($input: CallerCreateInput!) {{ callerCreate(input: $input)
  {{ caller {{ id firstName postcodeDistrict region }} {ERRORS} }} }}"""
CASE_CREATE = f"""mutation($input: SupportCaseCreateInput!) {{ supportCaseCreate(input: $input)
  {{ {CASE} {ERRORS} }} }}"""
NOTE_ADD = f"""mutation($c: ID!, $t: String!) {{ caseNoteAdd(caseId: $c, text: $t)
  {{ {CASE} {ERRORS} }} }}"""
SIGNPOST_ADD = f"""mutation($c: ID!, $n: String!) {{ signpostAdd(caseId: $c, category: $n)
  {{ {CASE} {ERRORS} }} }}"""
LOCAL_ADD = f"""mutation($input: LocalReferralAddInput!) {{ localReferralAdd(input: $input)
  {{ {CASE} {ERRORS} }} }}"""
READY = f"""mutation($c: ID!) {{ supportCaseReadyForReview(caseId: $c) {{ {CASE} {ERRORS} }} }}"""
VERIFY = f"""mutation($c: ID!) {{ supportCaseVerify(caseId: $c) {{ {CASE} {ERRORS} }} }}"""
SEND = f"""mutation($l: ID!, $r: String!) {{ referralSend(input: {{localReferralId: $l,
  receiver: $r}}) {{ {REFERRAL} {ERRORS} }} }}"""
ACCEPT = f"""mutation($id: ID!, $c: ID!) {{ referralAccept(referralId: $id, contactId: $c)
  {{ {REFERRAL} {ERRORS} }} }}"""
START = f"""mutation($id: ID!) {{ referralStart(referralId: $id) {{ {REFERRAL} {ERRORS} }} }}"""
COMPLETE = f"""mutation($id: ID!, $c: String!, $o: String!) {{ referralComplete(referralId: $id,
  outcomeCode: $c, outcome: $o) {{ {REFERRAL} {ERRORS} }} }}"""
DECLINE = f"""mutation($id: ID!, $r: String!) {{ referralDecline(referralId: $id, reason: $r)
  {{ {REFERRAL} {ERRORS} }} }}"""
WITHDRAW = f"""mutation($id: ID!, $r: String!) {{ referralWithdraw(referralId: $id, reason: $r)
  {{ {REFERRAL} {ERRORS} }} }}"""
REFERRALS = """{ referrals(first: 20) { totalCount edges { node { id direction status
  payload outcome events { edges { node { action partnerName } } } } } } }"""


def ok(result, field):
    assert result.errors is None, result.errors
    payload = result.data[field]
    assert payload["errors"] == [], payload["errors"]
    return payload


def refused(result, field):
    assert result.errors is None, result.errors
    payload = result.data[field]
    assert payload["errors"], payload
    return {(e["field"], e["code"]) for e in payload["errors"]}


def test_round_trip_between_two_partners(handler, data_team, partner_b, partner_c, kappa_adviser):
    today = date.today().isoformat()
    caller = ok(
        run(
            handler,
            CALLER_CREATE,
            {
                "input": {
                    "consent": "given",
                    "consentDecidedOn": today,
                    "firstName": "Morgan",
                    "lastName": "Fairweather",
                    "postcode": "SW1A 1AA",
                }
            },
        ),
        "callerCreate",
    )["caller"]
    assert (caller["postcodeDistrict"], caller["region"]) == ("SW1A", "london")
    case = ok(
        run(handler, CASE_CREATE, {"input": {"callerId": caller["id"], "title": "Food"}}),
        "supportCaseCreate",
    )["case"]
    assert case["verified"] and case["caller"]["firstName"] == "Morgan"
    ok(run(handler, NOTE_ADD, {"c": case["id"], "t": "Needs food for three"}), "caseNoteAdd")
    ok(
        run(handler, SIGNPOST_ADD, {"c": case["id"], "n": "Food banks and food support"}),
        "signpostAdd",
    )
    added = ok(
        run(
            handler,
            LOCAL_ADD,
            {
                "input": {
                    "caseId": case["id"],
                    "responseType": "food",
                    "details": {"household_size": "3", "dietary_needs": "Vegetarian"},
                }
            },
        ),
        "localReferralAdd",
    )["case"]
    assert nodes(added["notes"]) == [{"text": "Needs food for three"}]
    assert nodes(added["signposts"]) == [{"category": "Food banks and food support"}]
    assert (
        ok(run(handler, READY, {"c": case["id"]}), "supportCaseReadyForReview")["case"]["status"]
        == "ready"
    )

    local_id = nodes(added["localReferrals"])[0]["id"]
    sent = ok(run(data_team, SEND, {"l": local_id, "r": partner_c.slug}), "referralSend")[
        "referral"
    ]
    assert (sent["direction"], sent["status"], sent["otherPartnerName"]) == (
        "sent",
        "sent",
        partner_c.name,
    )
    # Sending twice is refused by the service, not a second copy.
    assert ("receiver", "INVALID") in refused(
        run(data_team, SEND, {"l": local_id, "r": partner_c.slug}), "referralSend"
    )

    connection.set_tenant(partner_c)
    inbox = run(kappa_adviser, REFERRALS).data["referrals"]
    assert inbox["totalCount"] == 1
    node = inbox["edges"][0]["node"]
    assert node["id"] == sent["id"] and node["direction"] == "received"
    assert node["payload"]["person"]["first_name"] == "Morgan"
    assert node["payload"]["details"]["dietary_needs"] == "Vegetarian"
    local_contact = contact_create(
        actor=kappa_adviser,
        kind=ContactKind.ADULT,
        first_name="Morgan",
        last_name="Fairweather",
        consent=Consent.GIVEN,
    )
    rid = sent["id"]
    ok(
        run(kappa_adviser, ACCEPT, {"id": rid, "c": global_id("Contact", local_contact)}),
        "referralAccept",
    )
    # A step out of order is refused, naming the status.
    completing = {"id": rid, "c": "need_met", "o": "Parcel delivered"}
    assert ("status", "INVALID") in refused(
        run(kappa_adviser, COMPLETE, completing), "referralComplete"
    )
    ok(run(kappa_adviser, START, {"id": rid}), "referralStart")
    assert ("outcomeCode", "INVALID") in refused(
        run(kappa_adviser, COMPLETE, {**completing, "c": "made-up"}), "referralComplete"
    )
    closed = ok(run(kappa_adviser, COMPLETE, completing), "referralComplete")["referral"]
    assert (closed["status"], closed["fhirStatus"], closed["outcomeCode"]) == (
        "closed",
        "completed",
        "need_met",
    )
    assert Referral.objects.get().contact == local_contact

    connection.set_tenant(partner_b)
    mine = run(data_team, REFERRALS).data["referrals"]["edges"][0]["node"]
    assert (mine["status"], mine["outcome"]) == ("closed", "Parcel delivered")
    assert [e["action"] for e in nodes(mine["events"])] == [
        "sent",
        "accepted",
        "started",
        "completed",
    ]
    # The sender cannot work the receiver's side; the receiver cannot withdraw.
    assert ("status", "INVALID") in refused(
        run(data_team, WITHDRAW, {"id": rid, "r": "Changed mind"}), "referralWithdraw"
    )


def test_case_details_hidden_until_the_caller_is_verified(handler, partner_b):
    case, _local = ready_case_with_food(handler)
    other = make_user(role_key="call-handler", password=PASSWORD)
    gid = global_id("SupportCase", case)
    query = (
        "query($id: ID!) { node(id: $id) { ... on SupportCase { title verified caller "
        "{ firstName } notes { edges { node { text } } } "
        "localReferrals(first: 10) { edges { node { responseType } } } } } }"
    )
    hidden = run(other, query, {"id": gid}).data["node"]
    assert hidden == {
        "title": "Food parcel",
        "verified": False,
        "caller": None,
        "notes": {"edges": []},
        "localReferrals": {"edges": []},
    }
    # Changing the case first needs the identity confirmed; nothing is written.
    assert ("verified", "INVALID") in refused(
        run(other, NOTE_ADD, {"c": gid, "t": "Forged"}), "caseNoteAdd"
    )
    assert CaseNote.objects.count() == 0
    ok(run(other, VERIFY, {"c": gid}), "supportCaseVerify")
    shown = run(other, query, {"id": gid}).data["node"]
    assert shown["verified"] and shown["caller"]["firstName"] == "Morgan"
    assert nodes(shown["localReferrals"]) == [{"responseType": "food"}]


def test_bad_input_names_the_field_and_saves_nothing(handler, partner_b):
    contacts = Contact.objects.count()
    errors = refused(
        run(
            handler,
            CALLER_CREATE,
            {"input": {"consent": "refused", "firstName": "Morgan", "postcodeDistrict": "M1"}},
        ),
        "callerCreate",
    )
    assert ("firstName", "INVALID") in errors and ("consentDecidedOn", "INVALID") in errors
    assert Contact.objects.count() == contacts
    caller = consented_caller(handler)
    errors = refused(
        run(
            handler,
            CASE_CREATE,
            {"input": {"callerId": global_id("Contact", caller), "title": " "}},
        ),
        "supportCaseCreate",
    )
    assert ("title", "INVALID") in errors
    assert ("callerId", "NOT_FOUND") in refused(
        run(
            handler,
            CASE_CREATE,
            {"input": {"callerId": global_id("Household", caller.household), "title": "X"}},
        ),
        "supportCaseCreate",
    )
    case = SupportCase.objects.create(
        title="T", caller=caller, beneficiary=caller, created_by=handler
    )
    gid = global_id("SupportCase", case)
    assert ("category", "INVALID") in refused(
        run(handler, SIGNPOST_ADD, {"c": gid, "n": "No such category"}), "signpostAdd"
    )
    assert {
        f
        for f, _c in refused(
            run(handler, LOCAL_ADD, {"input": {"caseId": gid, "responseType": "nonsense"}}),
            "localReferralAdd",
        )
    } == {"responseType"}
    assert LocalReferral.objects.count() == 0
    assert ("caseId", "NOT_FOUND") in refused(
        run(handler, NOTE_ADD, {"c": global_id("SafeguardingCase", case), "t": "x"}),
        "caseNoteAdd",
    )
    assert SupportCase.objects.get(pk=case.pk).status == "open"


@pytest.fixture
def beta_to_kappa(handler, data_team, partner_c, kappa_adviser):
    _case, local = ready_case_with_food(handler)
    return local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)


# Who sees a referral beta sent to kappa: (partner, role) → visible
SEES = {
    ("beta", "data-team"): True,  # the sender's data team
    ("beta", "supervisor"): True,
    ("beta", "call-handler"): False,  # works received referrals, and beta received none
    ("beta", "editor"): False,
    ("kappa", "adviser"): True,
    ("kappa", "provider-manager"): True,
    ("kappa", "editor"): False,
    ("alpha", "practitioner"): False,  # neither sent nor received
    ("alpha", "champion"): False,
}


@pytest.mark.parametrize(("slug", "role"), list(SEES))
def test_who_sees_a_referral(beta_to_kappa, slug, role, partner_a, partner_b, partner_c):
    partner = {"alpha": partner_a, "beta": partner_b, "kappa": partner_c}[slug]
    connection.set_tenant(partner)
    user = make_user(role_key=role, password=PASSWORD)
    gid = global_id("Referral", beta_to_kappa)
    by_node = run(user, "query($id: ID!) { node(id: $id) { id } }", {"id": gid})
    listed = run(user, "{ referrals(first: 5) { totalCount edges { node { id } } } }")
    assert by_node.errors is None and listed.errors is None
    visible = SEES[(slug, role)]
    assert (by_node.data["node"] is not None) is visible
    assert listed.data["referrals"]["totalCount"] == (1 if visible else 0)
    # Nobody can act on a referral they cannot see (found, then maybe refused by the rules).
    result = run(user, DECLINE, {"id": gid, "r": "Not ours"})
    codes = {e["code"] for e in result.data["referralDecline"]["errors"]}
    if not visible:
        assert codes == {"NOT_FOUND"}
    with schema_context(partner_c.schema_name):
        status = Referral.objects.get(public_id=beta_to_kappa.public_id).status
    assert status in (ReferralStatus.SENT, ReferralStatus.DECLINED)
    if slug != "kappa":
        assert status == ReferralStatus.SENT


ACCEPT_NEW = f"""mutation($id: ID!) {{ referralAccept(referralId: $id, newContact: true)
  {{ {REFERRAL} {ERRORS} }} }}"""


def test_accepting_with_a_new_contact_is_the_portals_service(beta_to_kappa, partner_c):
    """newContact records the person the referral names, as the portal's "new contact"
    choice does (referral_accept_with_new_contact); neither or both ids is refused."""
    connection.set_tenant(partner_c)
    adviser = make_user(role_key="adviser", password=PASSWORD)
    rid = global_id("Referral", beta_to_kappa)
    both = f"""mutation($id: ID!, $c: ID!) {{ referralAccept(referralId: $id, contactId: $c,
      newContact: true) {{ {ERRORS} }} }}"""
    assert ("contactId", "INVALID") in refused(
        run(adviser, both, {"id": rid, "c": rid}), "referralAccept"
    )
    neither = f"""mutation($id: ID!) {{ referralAccept(referralId: $id) {{ {ERRORS} }} }}"""
    assert ("contactId", "INVALID") in refused(run(adviser, neither, {"id": rid}), "referralAccept")
    assert not Contact.objects.filter(last_name="Fairweather").exists()
    accepted = ok(run(adviser, ACCEPT_NEW, {"id": rid}), "referralAccept")["referral"]
    assert accepted["status"] == "accepted"
    contact = Referral.objects.get(public_id=beta_to_kappa.public_id).contact
    assert (contact.first_name, contact.last_name, contact.consent) == (
        "Morgan",
        "Fairweather",
        Consent.GIVEN,
    )
    # Accepting again is refused by the service, and leaves no second contact behind.
    assert ("status", "INVALID") in refused(run(adviser, ACCEPT_NEW, {"id": rid}), "referralAccept")
    assert Contact.objects.filter(last_name="Fairweather").count() == 1
