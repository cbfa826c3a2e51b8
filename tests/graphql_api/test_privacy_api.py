"""Issue 19 through the API: break the glass (engagementAccessRequest), subject access
(subjectAccessRequest, subjectAccessExport) and data-sharing agreements (propose,
accept, decline, end), each under the portal's rules, answering in the portal's words,
and refusing those the portal refuses. The cross-partner sweep covers other partners."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.access import services as access
from casework.access.models import EmergencyAccess
from casework.models import Programme
from casework.worklist.models import Notification
from privacy.subject_access.models import ExportStatus, SubjectAccessExport
from referrals.agreements.models import AgreementStatus, DataSharingAgreement
from tenants.accounts.models import AuditEntry
from tests.casework.screens import new_child, new_engagement, user_with
from tests.graphql_api.helpers import global_id, run
from tests.referrals.exchange import officer_of
from tests.reports.media import media_in_tmp  # noqa: F401  (files to a temporary folder)

ERRORS = "errors { field message code }"
ASK = f"""mutation($e: ID!, $r: String!) {{ engagementAccessRequest(engagementId: $e, reason: $r)
  {{ access {{ reason expiresAt }} engagement {{ id contact {{ firstName }} }} {ERRORS} }} }}"""
NODE = "query($id: ID!) { node(id: $id) { id } }"


class World:
    pass


@pytest.fixture
def w(in_partner_a):
    w = World()
    w.owner = user_with("practitioner")
    w.other = user_with("practitioner")
    w.manager = user_with("manager")
    w.dsl = user_with("dsl")
    w.dpo = user_with("data-protection")
    w.child = new_child(w.owner, first="Sam", last="Warren")
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    w.engagement = new_engagement(w.owner, w.child, programme)
    w.gid = global_id("Engagement", w.engagement)
    return w


def test_break_the_glass_grants_24_hours_and_tells_the_dsl_and_the_owner(
    w, django_capture_on_commit_callbacks
):
    assert run(w.other, NODE, {"id": w.gid}).data["node"] is None
    with django_capture_on_commit_callbacks(execute=True):
        result = run(w.other, ASK, {"e": w.gid, "r": "Police at the door"})
    assert result.errors is None, result.errors
    payload = result.data["engagementAccessRequest"]
    assert payload["errors"] == []
    assert payload["access"]["reason"] == "Police at the door"
    assert payload["engagement"] == {"id": w.gid, "contact": {"firstName": "Sam"}}
    grant = EmergencyAccess.objects.get()
    assert grant.user == w.other
    assert (
        timedelta(hours=23, minutes=59) < grant.expires_at - timezone.now() <= timedelta(hours=24)
    )
    # It is the portal's grant: the engagement is now visible to them, by the API too.
    assert run(w.other, NODE, {"id": w.gid}).data["node"] == {"id": w.gid}
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert {w.dsl.username, w.owner.username} <= told
    assert AuditEntry.objects.filter(action="access.emergency", actor_username=w.other.username)


def test_break_the_glass_refusals(w):
    # A reason is required, in the portal's words, and nothing is granted without it.
    payload = run(w.other, ASK, {"e": w.gid, "r": "  "}).data["engagementAccessRequest"]
    assert payload["errors"] == [
        {
            "field": "reason",
            "message": "Say why you need to see this engagement now.",
            "code": "INVALID",
        }
    ]
    assert payload["access"] is None and not EmergencyAccess.objects.exists()
    # The owner already sees it; the editor records no casework: not found, as in the portal.
    editor = user_with("editor")
    for who in (w.owner, editor):
        payload = run(who, ASK, {"e": w.gid, "r": "Urgent"}).data["engagementAccessRequest"]
        assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"], who
    # Turned off by the partner: not offered either.
    access.access_settings_update(actor=w.manager, emergency_access_allowed=False)
    payload = run(w.other, ASK, {"e": w.gid, "r": "Urgent"}).data["engagementAccessRequest"]
    assert payload["errors"][0]["code"] == "NOT_FOUND"
    assert not EmergencyAccess.objects.exists()


REQUEST = f"""mutation($c: ID, $k: ID, $r: [String!], $l: [String!]) {{
  subjectAccessRequest(contactId: $c, customerId: $k, redact: $r, leaveOut: $l) {{ export {{ id personName status percent downloadUrl }} {ERRORS} }} }}"""
STATUS = """query($id: ID!) { subjectAccessExport(id: $id) { id status percent records
  downloadUrl } }"""


@pytest.mark.usefixtures("media_in_tmp")
def test_subject_access_asked_followed_and_only_the_requester_sees_it(
    w, django_capture_on_commit_callbacks
):
    contact = global_id("Contact", w.child)
    with django_capture_on_commit_callbacks(execute=True):
        result = run(w.dpo, REQUEST, {"c": contact})
    assert result.errors is None, result.errors
    payload = result.data["subjectAccessRequest"]
    assert payload["errors"] == [] and payload["export"]["status"] == "queued"
    assert payload["export"]["downloadUrl"] is None  # not built when asked
    export = SubjectAccessExport.objects.get()
    assert export.requested_by == w.dpo and export.contact == w.child
    assert AuditEntry.objects.filter(
        action="subject_access.create", target_public_id=w.child.public_id
    ).exists()
    status = run(w.dpo, STATUS, {"id": str(export.public_id)}).data["subjectAccessExport"]
    assert status["status"] == ExportStatus.READY and status["percent"] == 100
    assert status["records"] > 0
    assert status["downloadUrl"].endswith(f"/subject-access/{export.public_id}/download/")
    # Another data protection officer of the same partner: not theirs, so null.
    other_dpo = user_with("data-protection")
    assert run(other_dpo, STATUS, {"id": str(export.public_id)}).data["subjectAccessExport"] is None


CHOICES = """query($c: ID!) { subjectAccessChoices(contactId: $c) { names
  files { key label } } }"""


@pytest.mark.usefixtures("media_in_tmp")
def test_subject_access_choices_and_a_file_left_out(w, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.files.services import file_add

    file_add(
        actor=w.owner,
        contact=w.child,
        upload=SimpleUploadedFile("letter.txt", b"About Ruby", content_type="text/plain"),
        category="letter",
        description="School letter",
    )
    contact = global_id("Contact", w.child)
    assert run(w.owner, CHOICES, {"c": contact}).data["subjectAccessChoices"] is None
    choices = run(w.dpo, CHOICES, {"c": contact}).data["subjectAccessChoices"]
    ((offered),) = choices["files"]
    assert offered["label"] == "Files: letter.txt"
    refused = run(w.dpo, REQUEST, {"c": contact, "l": ["files-clientfile/0"]}).data
    assert refused["subjectAccessRequest"]["errors"] == [
        {
            "field": "leaveOut",
            "message": "Tick only files from the list of this person's files.",
            "code": "INVALID",
        }
    ]
    with django_capture_on_commit_callbacks(execute=True):
        done = run(w.dpo, REQUEST, {"c": contact, "l": [offered["key"]]}).data
    assert done["subjectAccessRequest"]["errors"] == []
    export = SubjectAccessExport.objects.get()
    assert export.files_left_out == [offered["key"]]
    assert export.status == ExportStatus.READY


def test_subject_access_refusals(w):
    contact = global_id("Contact", w.child)
    payload = run(w.owner, REQUEST, {"c": contact}).data["subjectAccessRequest"]
    assert payload["errors"] == [
        {
            "field": None,
            "message": "Only the data protection role takes subject access exports.",
            "code": "REFUSED",
        }
    ]
    customer = global_id("Customer", w.child)  # a contact's id given as a customer's
    for variables, code in (
        ({}, "INVALID"),
        ({"c": contact, "k": customer}, "INVALID"),
        ({"k": customer}, "NOT_FOUND"),
        ({"c": contact, "r": ["Sam Warren"]}, "INVALID"),  # not a third party in the notes
    ):
        payload = run(w.dpo, REQUEST, variables).data["subjectAccessRequest"]
        assert [e["code"] for e in payload["errors"]] == [code], variables
    assert not SubjectAccessExport.objects.exists()


PROPOSE = f"""mutation($p: String!, $t: [String!]!, $s: Date!, $e: Date!) {{
  dataSharingAgreementPropose(input: {{partner: $p, referralTypes: $t, personFields: ["first_name"],
  purpose: "Food parcels", lawfulBasis: "consent", startsOn: $s, endsOn: $e}})
  {{ agreement {{ id withPartner status inForce proposedByUs }} {ERRORS} }} }}"""


def _answer(name, reason=True):
    extra = ", reason: $r" if reason else ""
    head = "$a: ID!, $r: String!" if reason else "$a: ID!"
    return f"""mutation({head}) {{ {name}(agreementId: $a{extra})
      {{ agreement {{ id status inForce }} {ERRORS} }} }}"""


def test_agreements_proposed_answered_and_ended_through_the_api(partner_b, partner_c):
    connection.set_tenant(partner_b)
    officer_b, officer_c = officer_of(partner_b), officer_of(partner_c)
    today, later = date.today().isoformat(), (date.today() + timedelta(days=90)).isoformat()
    bad = run(officer_b, PROPOSE, {"p": partner_c.slug, "t": [], "s": today, "e": later})
    assert bad.data["dataSharingAgreementPropose"]["errors"] == [
        {
            "field": "referralTypes",
            "message": "Choose at least one kind of referral the agreement covers.",
            "code": "INVALID",
        }
    ]
    made = run(officer_b, PROPOSE, {"p": partner_c.slug, "t": ["food"], "s": today, "e": later})
    payload = made.data["dataSharingAgreementPropose"]
    assert payload["errors"] == [], payload
    assert payload["agreement"]["withPartner"] == partner_c.name
    assert payload["agreement"]["status"] == "proposed" and payload["agreement"]["proposedByUs"]
    agreement = DataSharingAgreement.objects.get(public_id=payload["agreement"]["id"])
    # The proposer cannot accept its own proposal; the partner asked can.
    mine = run(
        officer_b, _answer("dataSharingAgreementAccept", False), {"a": str(agreement.public_id)}
    )
    assert mine.data["dataSharingAgreementAccept"]["errors"][0]["field"] == "agreementId"
    with schema_context(partner_c.schema_name):
        answered = run(
            officer_c,
            _answer("dataSharingAgreementAccept", False),
            {"a": str(agreement.public_id)},
            partner=partner_c,
        ).data["dataSharingAgreementAccept"]
        assert answered["errors"] == [] and answered["agreement"]["inForce"] is True
        assert AuditEntry.objects.filter(action="agreement.accepted").exists()
    ended = run(
        officer_b, _answer("dataSharingAgreementEnd"), {"a": str(agreement.public_id), "r": ""}
    ).data["dataSharingAgreementEnd"]
    assert ended["errors"] == [
        {"field": "reason", "message": "Say why the agreement is ended.", "code": "INVALID"}
    ]
    ended = run(
        officer_b,
        _answer("dataSharingAgreementEnd"),
        {"a": str(agreement.public_id), "r": "Service closed"},
    ).data["dataSharingAgreementEnd"]
    assert ended["errors"] == [] and ended["agreement"]["status"] == "ended"
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED and agreement.end_reason == "Service closed"


def test_agreements_refused_to_other_roles_and_declined_with_a_reason(partner_b, partner_c):
    connection.set_tenant(partner_b)
    handler = user_with("call-handler")
    agreement = DataSharingAgreement.objects.create(
        proposer=partner_c,
        partner=partner_b,
        referral_types=["food"],
        purpose="Food parcels",
        lawful_basis="consent",
        starts_on=date.today(),
        ends_on=date.today() + timedelta(days=30),
        proposed_by_name="C's officer",
    )
    refused = run(
        handler, _answer("dataSharingAgreementDecline"), {"a": str(agreement.public_id), "r": "No"}
    ).data["dataSharingAgreementDecline"]
    assert [e["code"] for e in refused["errors"]] == ["REFUSED"]
    unknown = run(
        officer_of(partner_b), _answer("dataSharingAgreementDecline"), {"a": "nonsense", "r": "No"}
    ).data["dataSharingAgreementDecline"]
    assert [e["code"] for e in unknown["errors"]] == ["NOT_FOUND"]
    declined = run(
        officer_of(partner_b),
        _answer("dataSharingAgreementDecline"),
        {"a": str(agreement.public_id), "r": "We do not take food referrals"},
    ).data["dataSharingAgreementDecline"]
    assert declined["errors"] == [] and declined["agreement"]["status"] == "declined"
    agreement.refresh_from_db()
    assert agreement.decline_reason == "We do not take food referrals"
