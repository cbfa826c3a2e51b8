"""The exchange between partners: beta (a support line) sends, kappa (a provider)
receives, alpha takes no part and sees nothing."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.models import Consent, ContactKind
from casework.services.contacts import contact_create
from referrals import selectors
from referrals.models import Direction, Referral, ReferralEvent, ReferralStatus
from referrals.services.callers import contact_consent_withdraw
from referrals.services.exchange import (
    local_referral_send,
    referral_accept,
    referral_complete,
    referral_decline,
    referral_start,
    referral_withdraw,
    referrals_flag_late,
)
from referrals.services.review import case_set_lawful_basis
from tenants.accounts.models import AuditEntry
from tenants.models import Partner
from tests.referrals.exchange import copy_in, kappa_contact, received
from tests.referrals.helpers import anonymous_caller, consented_caller, ready_case_with_food

S = ReferralStatus


def events_in(partner, public_id) -> list[tuple[str, str]]:
    with schema_context(partner.schema_name):
        return list(
            ReferralEvent.objects.filter(referral__public_id=public_id).values_list(
                "action", "partner_name"
            )
        )


@pytest.fixture
def sent(handler, data_team, partner_c):
    _case, local = ready_case_with_food(handler)
    return local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)


@pytest.fixture
def kappa(partner_c, kappa_adviser):
    """Act as kappa's adviser: yields (adviser, the received copy getter)."""
    return kappa_adviser


def as_kappa(partner_c, fn, *args, **kwargs):
    with schema_context(partner_c.schema_name):
        return fn(*args, **kwargs)


def test_sending_writes_both_copies_and_both_audits_at_once(sent, partner_b, partner_c):
    mine, theirs = copy_in(partner_b, sent.public_id), copy_in(partner_c, sent.public_id)
    assert (mine.direction, theirs.direction) == (Direction.SENT, Direction.RECEIVED)
    assert mine.status == theirs.status == S.SENT
    assert (mine.other_partner_name, theirs.other_partner_name) == (partner_c.name, partner_b.name)
    assert theirs.contact is None  # linked to a local contact only on accepting
    assert theirs.respond_by - theirs.sent_at == timedelta(hours=48)
    for partner, action in ((partner_b, "referral.sent"), (partner_c, "referral.received")):
        with schema_context(partner.schema_name):
            assert AuditEntry.objects.filter(
                action=action, after__referral=str(sent.public_id)
            ).exists()
    assert events_in(partner_c, sent.public_id) == [("received", partner_b.name)]


def test_the_payload_is_minimised(sent, partner_c):
    payload = copy_in(partner_c, sent.public_id).payload
    assert payload == {
        "person": {
            "first_name": "Morgan",
            "last_name": "Fairweather",
            "phone": "07700 900123",
            "postcode_district": "SW1A",
            "region": "london",
        },
        "details": {"household_size": 3, "dietary_needs": "Vegetarian"},
    }


def test_without_consent_sending_needs_a_lawful_basis(handler, data_team, supervisor, partner_c):
    case, local = ready_case_with_food(handler, caller=anonymous_caller(handler, "SW1A"))
    with pytest.raises(ValidationError) as exc:
        local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    assert "lawful basis" in exc.value.message_dict["receiver"][0]
    assert not Referral.objects.exists()
    case_set_lawful_basis(actor=supervisor, case=case, reason="Vital interests: no food at all")
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    payload = copy_in(partner_c, sent.public_id).payload
    assert payload["person"] == {"postcode_district": "SW1A", "region": "london"}
    assert sent.basis.startswith("Lawful basis: Vital interests")


def test_only_partners_the_directory_offers_can_receive(handler, data_team, partner_a, partner_c):
    _case, local = ready_case_with_food(
        handler, caller=consented_caller(handler, postcode="LS1 1UR")
    )
    for receiver in (partner_c, partner_a):  # kappa does not cover Yorkshire; alpha takes none
        with pytest.raises(ValidationError) as exc:
            local_referral_send(actor=data_team, local_referral=local, receiver=receiver)
        assert "choose a partner the directory offers" in exc.value.message_dict["receiver"][0]
    assert not Referral.objects.exists()
    with schema_context(partner_c.schema_name):
        assert not Referral.objects.exists()


def test_call_handlers_cannot_send(handler, partner_c):
    _case, local = ready_case_with_food(handler)
    with pytest.raises(PermissionDenied):
        local_referral_send(actor=handler, local_referral=local, receiver=partner_c)


def test_the_whole_lifecycle_and_the_sender_sees_every_step(
    sent, partner_b, partner_c, kappa_adviser
):
    contact = kappa_contact(partner_c, kappa_adviser)
    steps = [
        (referral_accept, {"contact": contact}, S.ACCEPTED),
        (referral_start, {}, S.IN_PROGRESS),
        (
            referral_complete,
            {"outcome_code": "need_met", "outcome": "Food parcel delivered on Tuesday."},
            S.CLOSED,
        ),
    ]
    for service, kwargs, status in steps:
        as_kappa(
            partner_c,
            service,
            actor=kappa_adviser,
            referral=received(partner_c, sent),
            **kwargs,
        )
        assert copy_in(partner_b, sent.public_id).status == status
        assert copy_in(partner_c, sent.public_id).status == status
    assert events_in(partner_b, sent.public_id) == [
        ("sent", partner_b.name),
        ("accepted", partner_c.name),
        ("started", partner_c.name),
        ("completed", partner_c.name),
    ]
    mine = copy_in(partner_b, sent.public_id)
    assert (mine.outcome_code, mine.outcome) == ("need_met", "Food parcel delivered on Tuesday.")
    assert mine.fhir_status == "completed"
    assert mine.contact.first_name == "Morgan"  # still the sender's own contact
    theirs = copy_in(partner_c, sent.public_id)
    with schema_context(partner_c.schema_name):
        assert theirs.contact_id == contact.pk


def test_declining_with_a_suggestion(sent, partner_b, partner_c, partner_a, kappa_adviser):
    with pytest.raises(ValidationError):
        as_kappa(
            partner_c,
            referral_decline,
            actor=kappa_adviser,
            referral=received(partner_c, sent),
            reason="",
        )
    as_kappa(
        partner_c,
        referral_decline,
        actor=kappa_adviser,
        referral=received(partner_c, sent),
        reason="No capacity this month.",
        suggested_partner=Partner.objects.get(slug="browser-pr"),
    )
    mine = copy_in(partner_b, sent.public_id)
    assert (mine.status, mine.decline_reason, mine.suggested_partner_name) == (
        S.DECLINED,
        "No capacity this month.",
        "Browser Provider",
    )


@pytest.mark.parametrize("after", [[], ["accept"], ["accept", "start"]])
def test_the_sender_withdraws_while_open(
    sent, partner_b, partner_c, data_team, kappa_adviser, after
):
    contact = kappa_contact(partner_c, kappa_adviser)
    for step in after:
        service = {"accept": referral_accept, "start": referral_start}[step]
        extra = {"contact": contact} if step == "accept" else {}
        as_kappa(
            partner_c, service, actor=kappa_adviser, referral=received(partner_c, sent), **extra
        )
    referral_withdraw(actor=data_team, referral=sent, reason="Caller found help elsewhere.")
    assert copy_in(partner_c, sent.public_id).status == S.WITHDRAWN
    assert events_in(partner_c, sent.public_id)[-1] == ("withdrawn", partner_b.name)


# Every status × every step, allowed and refused, on both copies: test_lifecycle.py.


def test_each_side_does_only_its_own_steps(sent, partner_c, data_team, kappa_adviser):
    with pytest.raises(ValidationError) as exc:
        referral_start(actor=data_team, referral=sent)  # the sender cannot work it
    assert "receiving partner" in exc.value.message_dict["status"][0]
    with pytest.raises(ValidationError):
        as_kappa(
            partner_c,
            referral_withdraw,
            actor=kappa_adviser,
            referral=received(partner_c, sent),
            reason="x",
        )


def test_withdrawing_consent_withdraws_and_redacts_every_copy(sent, handler, partner_b, partner_c):
    contact = copy_in(partner_b, sent.public_id).contact
    contact_consent_withdraw(actor=handler, contact=contact)
    for partner in (partner_b, partner_c):
        copy = copy_in(partner, sent.public_id)
        assert copy.status == S.WITHDRAWN
        assert copy.payload == {"redacted": True} and copy.redacted_at
        assert ("redacted", partner_b.name) in events_in(partner, sent.public_id)
    contact.refresh_from_db()
    assert (contact.first_name, contact.last_name, contact.phone) == ("", "", "")
    assert contact.consent == Consent.REFUSED
    assert (contact.postcode_district, contact.region) == ("SW1A", "london")


def test_late_referrals_are_flagged_once_to_both_sides(sent, partner_b, partner_c):
    assert referrals_flag_late() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert referrals_flag_late() == 1
        assert referrals_flag_late() == 0
    for partner in (partner_b, partner_c):
        assert copy_in(partner, sent.public_id).late_flagged_at is not None
        assert events_in(partner, sent.public_id)[-1][0] == "late"


def test_accepted_referrals_are_not_late(sent, partner_c, kappa_adviser):
    contact = kappa_contact(partner_c, kappa_adviser)
    as_kappa(
        partner_c,
        referral_accept,
        actor=kappa_adviser,
        referral=received(partner_c, sent),
        contact=contact,
    )
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        assert referrals_flag_late() == 0


def test_a_partner_that_took_no_part_sees_nothing(sent, partner_a, partner_c):
    connection.set_tenant(partner_a)
    from tests.tenants.accounts.helpers import make_user

    manager = make_user(role_key="manager")
    assert not Referral.objects.filter(public_id=sent.public_id).exists()
    assert selectors.referral_received_get(user=manager, public_id=sent.public_id) is None
    assert selectors.referral_sent_get(user=manager, public_id=sent.public_id) is None
    assert not selectors.inbox_visible_to(user=manager).exists()


def test_the_receiver_sees_only_its_inbox(sent, partner_c, kappa_adviser):
    with schema_context(partner_c.schema_name):
        assert selectors.referral_sent_get(user=kappa_adviser, public_id=sent.public_id) is None
        found = selectors.referral_received_get(user=kappa_adviser, public_id=sent.public_id)
        assert found is not None and found.direction == Direction.RECEIVED


def test_consent_decision_date_defaults_to_today(handler):
    contact = consented_caller(handler)
    contact = contact_consent_withdraw(actor=handler, contact=contact)
    assert contact.consent_decided_on == date.today()


def test_beat_sweeps_every_partner_for_late_referrals(sent, partner_b, partner_c):
    from django.conf import settings

    from referrals.tasks import referral_deadlines as task

    entry = settings.CELERY_BEAT_SCHEDULE["referral-deadlines"]
    assert entry["task"] == task.name and "tenant_schemas" not in entry  # every partner
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        with schema_context("public"):
            assert task.apply().get() == 0  # public holds no referrals
        with schema_context(partner_c.schema_name):
            assert task.apply().get() == 0  # the receiver's copy is flagged from the sender
        with schema_context(partner_b.schema_name):
            assert task.apply().get() == 1
    assert copy_in(partner_c, sent.public_id).late_flagged_at is not None


def test_referral_audits_stay_out_of_the_users_history(sent, partner_b):
    from tenants.accounts import capabilities as cap
    from tenants.accounts.selectors import audit_visible_to
    from tests.tenants.accounts.helpers import make_user

    champion = make_user(role_key="champion", privileges={cap.MANAGE_USERS})
    assert AuditEntry.objects.filter(action="referral.sent").exists()
    shown = audit_visible_to(actor=champion, partner=partner_b)
    assert not shown.filter(action__startswith="referral.").exists()


def test_any_casework_contact_can_be_referred_its_area_from_the_household(
    data_team, partner_c, in_partner_b
):
    """The exchange is general (borough-to-provider referrals reuse it): a contact recorded
    through casework, with a household postcode, is routed and sent the same way."""
    from referrals.services.exchange import contact_referral_send
    from tests.tenants.accounts.helpers import make_user

    practitioner = make_user(role_key="call-handler")
    contact = contact_create(
        actor=practitioner,
        kind=ContactKind.ADULT,
        first_name="Rowan",
        last_name="Quill",
        consent=Consent.GIVEN,
        consent_decided_on=date.today(),
        address_line_1="1 Example Street",
        postcode="M1 1AE",
    )
    sent = contact_referral_send(
        actor=data_team,
        receiver=partner_c,
        referral_type="befriending",
        contact=contact,
        details={},
    )
    person = copy_in(partner_c, sent.public_id).payload["person"]
    assert person == {
        "postcode_district": "M1",
        "region": "north_west",
        "first_name": "Rowan",
        "last_name": "Quill",
        "phone": "",
    }


@pytest.mark.security
def test_a_referral_s_events_stop_at_their_maximum_but_it_can_always_end(
    sent, data_team, partner_c, kappa_adviser, monkeypatch
):
    """A referral holds at most REFERRAL_EVENTS_MAX events (the API lists them whole)."""
    from referrals.services.exchange import lifecycle

    contact = kappa_contact(partner_c, kappa_adviser)
    with schema_context(partner_c.schema_name):
        received = Referral.objects.get(public_id=sent.public_id)
        referral_accept(actor=kappa_adviser, referral=received, contact=contact)
        received.refresh_from_db()
        held = ReferralEvent.objects.filter(referral=received).count()
    # Room for no more steps: the next one is refused and writes nothing anywhere.
    room = held + lifecycle.EVENTS_AFTER_THE_LAST_STEP
    monkeypatch.setattr(lifecycle, "REFERRAL_EVENTS_MAX", room)
    with schema_context(partner_c.schema_name):
        with pytest.raises(ValidationError) as refused:
            referral_start(actor=kappa_adviser, referral=received)
        assert "the most one referral can hold" in refused.value.message_dict["status"][0]
        assert ReferralEvent.objects.filter(referral=received).count() == held
    # Ending it is always possible.
    referral_withdraw(actor=data_team, referral=sent, reason="Sending a new one.")
    sent.refresh_from_db()
    assert sent.status == S.WITHDRAWN


def test_no_statement_of_the_exchange_names_a_partner_s_schema(
    handler, data_team, partner_b, partner_c, kappa_adviser
):
    """Citus (platform/DEPLOYMENT.md, "Past one machine"): the exchange writes both
    partners' copies in one transaction, but each statement runs under one partner's
    search path; a statement naming a schema could join two partners on two nodes."""
    from django.test.utils import CaptureQueriesContext

    schemas = [p.schema_name for p in Partner.objects.exclude(schema_name="public")]
    _case, local = ready_case_with_food(handler)
    with CaptureQueriesContext(connection) as queries:
        sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
        contact = kappa_contact(partner_c, kappa_adviser)
        with schema_context(partner_c.schema_name):
            received = Referral.objects.get(public_id=sent.public_id)
            referral_accept(actor=kappa_adviser, referral=received, contact=contact)
    statements = [q["sql"] for q in queries.captured_queries]
    switches = [s for s in statements if s.startswith("SET search_path")]
    assert {partner_b.schema_name, partner_c.schema_name} <= {
        s.split("=")[1].split(",")[0].strip().strip('"') for s in switches
    }  # both partners were written
    naming = [
        s
        for s in statements
        if not s.startswith("SET search_path")
        and any(f'"{schema}".' in s or f"{schema}." in s for schema in schemas)
    ]
    assert naming == []
