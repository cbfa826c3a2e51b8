"""An incoming referral accepted as a new contact when the person may already be known at
the receiving partner (issue 18): the screen offers the match first ("this is …", tested
in test_screens); accepted as new all the same, the likely pair is kept for review at once
and the managers told, by the one service the inbox and referralAccept(newContact) call."""

from django.db import connection
from django.urls import reverse
from django_tenants.utils import schema_context

from casework.duplicates.models import PairFound
from casework.models import Contact
from casework.services.contacts import contact_create
from casework.worklist.models import Task
from referrals.models import Referral
from referrals.services import exchange
from referrals.services.exchange import local_referral_send
from tests.casework.screens import body
from tests.clients import signed_in
from tests.partners import PASSWORD
from tests.referrals.helpers import ready_case_with_food
from tests.tenants.accounts.helpers import make_user


def _sent_to_kappa(partner_c, handler, data_team, kappa_adviser, *, known_phone):
    _case, local = ready_case_with_food(handler)  # Morgan Fairweather, 07700 900123
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    with schema_context(partner_c.schema_name):
        known = contact_create(
            actor=kappa_adviser,
            kind="adult",
            first_name="Morgan",
            last_name="Fairweather",
            phone=known_phone,
            consent="given",
        )
        manager = make_user(role_key="provider-manager", password=PASSWORD)
    return sent, known, manager


def test_accepted_as_new_a_likely_known_person_is_kept_for_review(
    partner_b, partner_c, handler, data_team, kappa_adviser
):
    sent, known, manager = _sent_to_kappa(
        partner_c, handler, data_team, kappa_adviser, known_phone="07700 900123"
    )
    adviser = signed_in(partner_c, kappa_adviser)
    url = f"/referrals/inbox/{sent.public_id}/"
    answer = adviser.post(url, {"action": "accept", "contact": "new"}, follow=True)
    assert "a manager will review them as a likely duplicate" in body(answer)
    with schema_context(partner_c.schema_name):
        new = Referral.objects.get().contact
        assert new.pk != known.pk
        pair = PairFound.objects.get()
        assert {pair.first_id, pair.second_id} == {known.pk, new.pk}
        review = reverse("duplicate_review", args=[known.public_id, new.public_id])
        assert Task.objects.filter(assignee=manager, link_url=review).count() == 1
        assert not Task.objects.filter(assignee=kappa_adviser, link_url=review).exists()
    page = body(signed_in(partner_c, manager).get(review))
    assert "Morgan Fairweather" in page and "Review a likely duplicate" in page
    connection.set_schema_to_public()


def test_a_manager_accepting_as_new_goes_to_the_pair(
    partner_b, partner_c, handler, data_team, kappa_adviser
):
    sent, known, manager = _sent_to_kappa(
        partner_c, handler, data_team, kappa_adviser, known_phone="07700 900123"
    )
    answer = signed_in(partner_c, manager).post(
        f"/referrals/inbox/{sent.public_id}/", {"action": "accept", "contact": "new"}
    )
    with schema_context(partner_c.schema_name):
        new = Referral.objects.get().contact
    assert answer.status_code == 302
    assert answer.url == reverse("duplicate_review", args=[known.public_id, new.public_id])
    connection.set_schema_to_public()


def test_someone_not_known_is_simply_accepted(
    partner_b, partner_c, handler, data_team, kappa_adviser
):
    # Same name, nothing else alike: not a likely pair (the matcher needs one more detail).
    sent, _known, manager = _sent_to_kappa(
        partner_c, handler, data_team, kappa_adviser, known_phone="07700 900555"
    )
    with schema_context(partner_c.schema_name):
        received = Referral.objects.get()
        _, contact = exchange.referral_accept_with_new_contact(actor=manager, referral=received)
        assert Contact.objects.count() == 2 and not PairFound.objects.exists()
        assert not Task.objects.filter(assignee=manager).exists()
    connection.set_schema_to_public()
