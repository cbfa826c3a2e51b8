"""Data-sharing agreements (issue 19): beta (a support line) and kappa (a provider) agree;
alpha (a family centre) is the partner outside it. Without an agreement in force the
directory offers no one and the sending service refuses; under one accepted, the referral
crosses with only the agreed fields; once ended, new referrals stop and those sent carry
on; both partners' histories record each step."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django_tenants.utils import schema_context

from casework.worklist.models import Notification
from referrals.agreements.models import AgreementStatus, DataSharingAgreement
from referrals.agreements.services import (
    agreement_accept,
    agreement_decline,
    agreement_end,
)
from referrals.models import Referral
from referrals.services.exchange import local_referral_send, referral_accept
from tenants.accounts.models import AuditEntry
from tests.clients import signed_in
from tests.referrals.agreements import TODAY, actions_in, offered, proposed
from tests.referrals.exchange import (
    copy_in,
    kappa_contact,
    officer_of,
    platform_agreements_end,
)
from tests.referrals.helpers import consented_caller, ready_case_with_food


def test_a_referral_crosses_only_under_an_agreement_in_force(
    handler, data_team, partner_b, partner_c, kappa_adviser
):
    platform_agreements_end()
    _case, local = ready_case_with_food(handler)
    assert partner_c.pk not in offered(partner_b)
    with pytest.raises(ValidationError) as exc:
        local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    assert exc.value.message_dict["receiver"] == [
        "Beta Support Line has no data-sharing agreement in force with Kappa Advice Provider "
        "for food referrals: ask your data protection officer to propose one (Agreements)."
    ]
    assert not Referral.objects.exists()
    with schema_context(partner_c.schema_name):
        assert not Referral.objects.exists()

    agreement = proposed(partner_b, partner_c)
    assert partner_c.pk not in offered(partner_b)  # proposed is not in force
    with pytest.raises(ValidationError):  # the proposer cannot accept its own proposal
        agreement_accept(actor=officer_of(partner_b), agreement=agreement)
    with schema_context(partner_c.schema_name):
        agreement_accept(actor=officer_of(partner_c), agreement=agreement)
    assert partner_c.pk in offered(partner_b)
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    # Only the fields agreed cross (the area always: it routes the referral).
    assert copy_in(partner_c, sent.public_id).payload["person"] == {
        "first_name": "Morgan",
        "postcode_district": "SW1A",
        "region": "london",
    }
    for partner in (partner_b, partner_c):
        with schema_context(partner.schema_name):
            assert AuditEntry.objects.get(
                action__startswith="referral.", after__referral=str(sent.public_id)
            ).after["agreement"] == str(agreement.public_id)

    with schema_context(partner_c.schema_name):
        agreement_end(actor=officer_of(partner_c), agreement=agreement, reason="Service closing")
    assert partner_c.pk not in offered(partner_b)
    _case, second = ready_case_with_food(
        handler, caller=consented_caller(handler, first_name="Riley")
    )
    with pytest.raises(ValidationError) as exc:
        local_referral_send(actor=data_team, local_referral=second, receiver=partner_c)
    assert "no data-sharing agreement in force" in exc.value.message_dict["receiver"][0]
    # The referral sent before carries on: kappa still accepts it.
    with schema_context(partner_c.schema_name):
        referral_accept(
            actor=kappa_adviser,
            referral=copy_in(partner_c, sent.public_id),
            contact=kappa_contact(partner_c, kappa_adviser),
        )
        assert Referral.objects.get(public_id=sent.public_id).status == "accepted"

    steps = ["agreement.proposed", "agreement.accepted", "agreement.ended"]
    assert actions_in(partner_b, agreement) == actions_in(partner_c, agreement) == steps
    with schema_context(partner_b.schema_name):
        told = Notification.objects.filter(recipient__username="data-protection")
        assert told.filter(
            title="A data-sharing agreement was ended (Kappa Advice Provider)"
        ).exists()
    with schema_context(partner_c.schema_name):
        told = Notification.objects.filter(recipient__username="data-protection")
        assert told.filter(title__startswith="A data-sharing agreement is proposed to you").exists()


def test_who_may_answer_and_end(partner_a, partner_b, partner_c, kappa_adviser):
    agreement = proposed(partner_b, partner_c)
    with schema_context(partner_c.schema_name), pytest.raises(PermissionDenied):
        agreement_accept(actor=kappa_adviser, agreement=agreement)  # not their role's
    with schema_context(partner_a.schema_name):
        outsider = officer_of(partner_a)
        for attempt in (
            lambda: agreement_accept(actor=outsider, agreement=agreement),
            lambda: agreement_end(actor=outsider, agreement=agreement, reason="Not ours"),
        ):
            with pytest.raises(ValidationError):
                attempt()
    with schema_context(partner_c.schema_name):
        with pytest.raises(ValidationError) as exc:
            agreement_decline(actor=officer_of(partner_c), agreement=agreement, reason=" ")
        assert exc.value.message_dict == {"reason": ["Say why the agreement is declined."]}
        agreement_decline(actor=officer_of(partner_c), agreement=agreement, reason="Not now")
    agreement.refresh_from_db()
    assert (agreement.status, agreement.decline_reason) == (AgreementStatus.DECLINED, "Not now")
    assert actions_in(partner_a, agreement) == []


def test_bad_terms_name_their_field(partner_b, partner_c):
    with pytest.raises(ValidationError) as exc:
        proposed(
            partner_b,
            partner_c,
            referral_types=[],
            purpose=" ",
            lawful_basis="because",
            ends_on=TODAY - timedelta(days=1),
        )
    assert exc.value.message_dict == {
        "referral_types": ["Choose at least one kind of referral the agreement covers."],
        "purpose": ["Say what the sharing is for."],
        "lawful_basis": ["Choose the lawful basis for the sharing."],
        "ends_on": ["The end date must be on or after the start date."],
    }
    with pytest.raises(ValidationError) as exc:
        proposed(partner_b, partner_b)
    assert exc.value.message_dict == {
        "partner": ["Choose another partner organisation from the list."]
    }
    assert not DataSharingAgreement.objects.filter(proposer=partner_b).exists()


def test_the_agreements_screens(partner_a, partner_b, partner_c, handler):
    platform_agreements_end()
    beta = signed_in(partner_b, "data-protection")
    page = beta.post(
        "/agreements/new/",
        {
            "partner": partner_c.slug,
            "referral_types": ["food"],
            "purpose": "Food parcels",
            "lawful_basis": "consent",
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY - timedelta(days=1)).isoformat(),
        },
    ).content.decode()
    assert "The end date must be on or after the start date." in page
    response = beta.post(
        "/agreements/new/",
        {
            "partner": partner_c.slug,
            "referral_types": ["food"],
            "person_fields": ["first_name"],
            "purpose": "Food parcels",
            "lawful_basis": "consent",
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + timedelta(days=30)).isoformat(),
        },
    )
    agreement = DataSharingAgreement.objects.get(proposer=partner_b)
    url = f"/agreements/{agreement.public_id}/"
    assert response.status_code == 302 and response["Location"] == url
    assert "Waiting for an answer" in beta.get("/agreements/").content.decode()

    # Another partner's agreement is not found there, whatever is asked.
    alpha = signed_in(partner_a, "data-protection")
    assert alpha.get(url).status_code == 404
    assert alpha.post(url, {"action": "accept"}).status_code == 404
    # A practitioner's role does not include agreements: refused, nothing changes.
    kappa_practitioner = signed_in(partner_c, "adviser")
    assert kappa_practitioner.get("/agreements/").status_code == 403
    assert kappa_practitioner.get("/agreements/new/").status_code == 403
    assert kappa_practitioner.post(url, {"action": "accept"}).status_code == 403

    kappa = signed_in(partner_c, "data-protection")
    assert "From Beta Support Line: Food" in kappa.get("/agreements/").content.decode()
    assert kappa.post(url, {"action": "accept"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACCEPTED
    page = beta.post(url, {"action": "end", "end-reason": ""}).content.decode()
    assert "Say why." in page
    assert beta.post(url, {"action": "end", "end-reason": "Ended early"}).status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.end_reason) == (AgreementStatus.ENDED, "Ended early")

    # The review screen offers no partner now, and says why.
    connection.set_tenant(partner_b)
    case, _local = ready_case_with_food(handler)
    page = signed_in(partner_b, "data-team").get(f"/review/{case.public_id}/").content.decode()
    assert "none has a data-sharing agreement with us for them" in page
    assert "Kappa Advice Provider (" not in page


def test_platform_wide_agreements_in_the_console(platform, platform_client):
    assert platform_client.get("/agreements/").status_code == 302  # to sign in
    staff = signed_in(platform, "platform-staff")
    assert staff.get("/agreements/").status_code == 200
    fields = {
        "referral_types": ["transport"],
        "person_fields": ["first_name", "last_name"],
        "purpose": "Lifts to appointments anywhere",
        "lawful_basis": "legitimate_interests",
        "starts_on": TODAY.isoformat(),
    }
    assert staff.post("/agreements/", fields).status_code == 403
    manager = signed_in(platform, "platform-manager")
    assert manager.post("/agreements/", fields).status_code == 302
    agreement = DataSharingAgreement.objects.get(purpose="Lifts to appointments anywhere")
    assert (agreement.is_platform_wide, agreement.status) == (True, AgreementStatus.ACCEPTED)
    url = f"/agreements/{agreement.public_id}/"
    assert staff.post(url, {"end-reason": "x"}).status_code == 403
    assert manager.post(url, {"end-reason": "Replaced by partners' own"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED
    with schema_context("public"):
        assert list(
            AuditEntry.objects.filter(target_public_id=agreement.public_id)
            .order_by("pk")
            .values_list("action", flat=True)
        ) == ["agreement.platform_set", "agreement.platform_ended"]
