"""Training copies hold made-up people: real referrals never reach one, and practice
referrals never leave one."""

import pytest
from django.core.exceptions import ValidationError

from referrals.models import Referral
from referrals.selectors_directory import directory_matches
from referrals.services.exchange import local_referral_send
from tenants.models import DirectoryEntry, Partner
from tests.referrals.helpers import ready_case_with_food


def offered_slugs(exclude):
    return [
        e.partner.slug
        for e in directory_matches(referral_type="food", region="london", exclude=exclude)
    ]


def test_a_training_copy_is_never_offered_even_with_a_directory_entry(partner_b, partner_c):
    assert "kappa" in offered_slugs(partner_b)
    # kappa marked as someone's training copy: its entry still exists, yet it is not offered.
    Partner.objects.filter(pk=partner_c.pk).update(training_of=partner_b)
    assert DirectoryEntry.objects.filter(partner=partner_c, accepting=True).exists()
    assert "kappa" not in offered_slugs(partner_b)


def test_a_training_copy_cannot_send_a_referral(in_partner_b, partner_c, handler, data_team):
    case, local = ready_case_with_food(handler)
    Partner.objects.filter(pk=in_partner_b.pk).update(training_of=partner_c)
    with pytest.raises(ValidationError) as exc:
        local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    assert "training copy" in exc.value.message_dict["receiver"][0]
    assert not Referral.objects.exists()
