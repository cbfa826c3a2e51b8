"""The demo (bin/up): the support line's waiting case goes to the demo borough, which
accepts it, puts it on hold, cannot complete it, reopens it and completes it; the support
line sees every step and the same FHIR status, the referrals flowing only under the demo's
accepted data-sharing agreements; another of its cases has already gone to the borough.
The family centre's second practitioner is kept from a confidential note, and its manager
has one likely duplicate pair of contacts to review."""

from datetime import date, timedelta

from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from casework.access.models import RecordRead
from casework.duplicates.nightly import duplicates_find
from casework.duplicates.selectors import duplicate_pairs
from casework.notes.models import Note
from casework.notes.selectors import confidential_notes_withheld, notes_on
from demo.seed import DEMO_PASSWORD, demo_seed
from referrals.agreements.selectors import agreement_covering
from referrals.demo import SENT_ON_TITLE
from referrals.models import Referral, SupportCase
from referrals.oruk.taxonomies import REFERRAL_TYPES_KEY, term_id
from referrals.services.exchange import (
    local_referral_send,
    referral_accept,
    referral_complete,
    referral_fail,
    referral_hold,
    referral_reopen,
    referral_resume,
    referral_start,
)
from tenants.accounts.models import AuditEntry, User
from tenants.directory_cache import published_directory_version_new
from tenants.models import Partner
from tests.partners import domain_of
from tests.referrals.exchange import kappa_contact, platform_agreements_end
from tests.referrals.oruk_validators import page_validator, validator


def test_the_demo_round_trip(db, platform_client, settings):
    platform_agreements_end()  # the demo's own agreements carry its referrals
    demo_seed()
    demo_seed()  # idempotent
    # Issue 20's "done when", in the same seeding: an ORUK client pages through the
    # demo directory and finds Northmoor's food service by its postcode district.
    settings.ORUK_RATE_LIMIT_PER_MINUTE = 10_000
    published_directory_version_new()  # the seeding's on-commit signal never fires here
    _an_oruk_client_finds_northmoors_food_service(platform_client)
    brightline, northmoor = (Partner.objects.get(slug=s) for s in ("brightline", "northmoor"))
    agreement = agreement_covering(sender=brightline, receiver=northmoor, referral_type="food")
    assert agreement is not None and not agreement.is_platform_wide
    assert (agreement.proposer, agreement.partner) == (brightline, northmoor)
    _the_support_lines_sent_referral_is_at_northmoor(brightline, northmoor, agreement)
    with schema_context(brightline.schema_name):
        # Who has seen the demo caller's case: a few reads, once (issue 19).
        first = SupportCase.objects.order_by("id").first()
        assert RecordRead.objects.filter(record_ids__contains=[first.public_id]).count() == 3
        case = SupportCase.objects.get(status="ready")
        local = case.local_referrals.get()
        sent = local_referral_send(
            actor=User.objects.get(username="data-team"), local_referral=local, receiver=northmoor
        )
    with schema_context(northmoor.schema_name):
        officer = User.objects.get(username="housing-officer")
        contact = kappa_contact(northmoor, officer)
        for service, kwargs in (
            (referral_accept, {"contact": contact}),
            (referral_start, {}),
            (referral_hold, {"reason": "Away", "review_on": date.today() + timedelta(days=7)}),
            (referral_resume, {}),
            (referral_fail, {"reason": "could_not_contact"}),
            (referral_reopen, {"reason": "They called back."}),
            (
                referral_complete,
                {"outcome_code": "need_met", "outcome": "Delivered a week of shopping."},
            ),
        ):
            service(
                actor=officer, referral=Referral.objects.get(public_id=sent.public_id), **kwargs
            )
    with schema_context(brightline.schema_name):
        assert AuditEntry.objects.get(
            action="referral.sent", after__referral=str(sent.public_id)
        ).after["agreement"] == str(agreement.public_id)
        mine = Referral.objects.get(public_id=sent.public_id)
        assert (mine.status, mine.outcome) == ("closed", "Delivered a week of shopping.")
        assert [e.action for e in mine.events.all()][-5:] == [
            "put on hold",
            "resumed",
            "failed",
            "reopened",
            "completed",
        ]
    with schema_context(northmoor.schema_name):
        assert Referral.objects.get(public_id=sent.public_id).fhir_status == mine.fhir_status
    # Issue 17, in the same seeding (it is slow): `practitioner2` shows what a colleague
    # who is not the note's author, a manager or a DSL sees of the demo child's
    # confidential note: that it exists on a date, not its words.
    riverside = Partner.objects.get(slug="riverside")
    with schema_context(riverside.schema_name):
        colleague = User.objects.get(username="practitioner2")
        author = User.objects.get(username="practitioner")
        note = Note.objects.get(confidential=True)
        assert colleague.role.key == author.role.key == "practitioner"
        assert not notes_on(user=colleague, contact=note.contact).filter(pk=note.pk).exists()
        assert len(confidential_notes_withheld(user=colleague, contact=note.contact)) == 1
        assert notes_on(user=author, contact=note.contact).filter(pk=note.pk).exists()
        _the_manager_has_one_likely_duplicate_pair(riverside)
    connection.set_schema_to_public()


def _signed_in(partner, username) -> Client:
    client = Client(HTTP_HOST=domain_of(partner))
    signed = client.post("/sign-in/", {"username": username, "password": DEMO_PASSWORD})
    assert signed.status_code == 302, username
    return client


def _the_support_lines_sent_referral_is_at_northmoor(brightline, northmoor, agreement) -> None:
    """Seeded twice: one case sent on by the data team, once, under the demo's agreement;
    Northmoor's "Referrals received" lists it and Brightline's data team has read it."""
    with schema_context(brightline.schema_name):
        case = SupportCase.objects.get(title=SENT_ON_TITLE)
        assert case.status == "reviewed"
        sent = Referral.objects.get(direction="sent")
        assert case.local_referrals.get().referral == sent
        assert (sent.referral_type, sent.other_partner_id) == ("medication", northmoor.pk)
        assert AuditEntry.objects.get(action="referral.sent").after["agreement"] == str(
            agreement.public_id
        )
        reads = RecordRead.objects.filter(record_ids__contains=[sent.public_id])
        assert [(r.record_type, r.reader.username) for r in reads] == [("referral", "data-team")]
    with schema_context(northmoor.schema_name):
        received = Referral.objects.get(direction="received", other_partner_id=brightline.pk)
        assert received.public_id == sent.public_id and received.status == sent.status
    page = _signed_in(northmoor, "housing-officer").get("/referrals/inbox/").content.decode()
    assert f"/referrals/inbox/{sent.public_id}/" in page
    assert "Brightline National Support Line" in page
    connection.set_schema_to_public()


def _the_manager_has_one_likely_duplicate_pair(riverside) -> None:
    """Seeded twice: one adult recorded twice, listed to the manager and found by the
    "Find duplicates" search (no other pair in the demo)."""
    manager = User.objects.get(username="manager")
    pairs = duplicate_pairs(user=manager)
    assert [(p.first.display_name, p.second.display_name) for p in pairs] == [
        ("Catherine Marsh", "Kathryn Marsh")
    ]
    assert {"date of birth", "phone"} <= set(pairs[0].matched)
    assert duplicates_find()["pairs"] == 1
    page = _signed_in(riverside, "manager").get("/duplicates/").content.decode()
    assert "Catherine Marsh" in page and "Kathryn Marsh" in page
    connection.set_tenant(riverside)


def _oruk(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def _an_oruk_client_finds_northmoors_food_service(client) -> None:
    """As an ORUK tool would: page by page through /oruk/services (two a page), then
    the services for the postcode district M4 with the food term, then the service."""
    seen, page = [], 1
    while True:
        answer = _oruk(client, f"/oruk/services?per_page=2&page={page}")
        page_validator("compiled_service_list.json")(answer)
        seen += [s["name"] for s in answer["contents"]]
        if answer["last_page"]:
            break
        page += 1
    assert page == answer["total_pages"] > 1 and len(seen) == answer["total_items"]
    assert len(set(seen)) == len(seen)  # no service twice across pages
    assert "Northmoor food and medicine help" in seen
    assert "Ashvale Community Larder" not in seen  # imported: the council publishes its own

    food = term_id(REFERRAL_TYPES_KEY, "food")
    in_m4 = _oruk(client, f"/oruk/services?district=M4&taxonomy_term_id={food}")
    found = [s for s in in_m4["contents"] if s["name"] == "Northmoor food and medicine help"]
    assert len(found) == 1 and found[0]["organization"]["name"] == "Northmoor Borough Council"
    elsewhere = _oruk(client, f"/oruk/services?district=SW1A&taxonomy_term_id={food}")
    assert "Northmoor food and medicine help" not in {s["name"] for s in elsewhere["contents"]}
    service = _oruk(client, f"/oruk/services/{found[0]['id']}")
    validator("compiled_service.json")(service)
    addresses = [
        address["postal_code"]
        for place in service["service_at_locations"]
        for address in place["location"]["addresses"]
    ]
    assert addresses == ["M4 5AB"]
