"""A declined referral's suggested partner (issue 19): the receiver may suggest only the
partners the directory would offer the sender (by the one rule: an agreement in force for
the type), on the page and in the service alike."""

import pytest
from django.core.exceptions import ValidationError
from django_tenants.utils import schema_context

from referrals.agreements.services import agreement_accept, agreement_propose
from referrals.selectors_directory import partners_to_suggest
from referrals.services.exchange import local_referral_send, referral_decline
from tenants.models import Partner
from tests.clients import signed_in
from tests.referrals.agreements import terms
from tests.referrals.exchange import copy_in, officer_of, platform_agreements_end
from tests.referrals.helpers import consented_caller, ready_case_with_food


def agreed(proposer, partner) -> None:
    with schema_context(proposer.schema_name):
        agreement = agreement_propose(actor=officer_of(proposer), partner=partner, **terms())
    with schema_context(partner.schema_name):
        agreement_accept(actor=officer_of(partner), agreement=agreement)


def test_only_partners_agreed_with_the_sender_are_suggested(
    handler, data_team, partner_b, partner_c, kappa_adviser
):
    other = Partner.objects.get(slug="browser-pr")  # also takes food in the north west
    platform_agreements_end()
    agreed(partner_b, partner_c)
    _case, local = ready_case_with_food(
        handler, caller=consented_caller(handler, postcode="M1 1AA")
    )
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    page_url = f"/referrals/inbox/{sent.public_id}/"
    with schema_context(partner_c.schema_name):
        mine = copy_in(partner_c, sent.public_id)
        assert partners_to_suggest(referral=mine, receiver=partner_c) == []
        page = signed_in(partner_c, kappa_adviser).get(page_url).content.decode()
        assert "Browser Provider" not in page
        with pytest.raises(ValidationError) as refused:
            referral_decline(
                actor=kappa_adviser, referral=mine, reason="Full", suggested_partner=other
            )
        assert (
            "data-sharing agreement in force" in refused.value.message_dict["suggested_partner"][0]
        )
        assert copy_in(partner_c, sent.public_id).status == "sent"  # nothing half-done

    agreed(partner_b, other)
    with schema_context(partner_c.schema_name):
        assert [p.slug for p in partners_to_suggest(referral=mine, receiver=partner_c)] == [
            "browser-pr"
        ]
        page = signed_in(partner_c, kappa_adviser).get(page_url).content.decode()
        assert 'value="browser-pr"' in page
        referral_decline(actor=kappa_adviser, referral=mine, reason="Full", suggested_partner=other)
        assert copy_in(partner_c, sent.public_id).suggested_partner_name == "Browser Provider"
