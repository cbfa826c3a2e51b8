"""Data-sharing agreements through the API (issue 19): referralSend is refused with the
sending service's own message when no agreement covers the referral, and
dataSharingAgreements lists the partner's own agreements to its data protection officer
only."""

from datetime import date, timedelta

from django.db import connection
from django_tenants.utils import schema_context

from referrals.agreements.services import agreement_propose
from referrals.models import Referral
from tests.graphql_api.helpers import global_id, run
from tests.partners import PASSWORD
from tests.referrals.exchange import officer_of, platform_agreements_end
from tests.referrals.helpers import ready_case_with_food
from tests.tenants.accounts.helpers import make_user

SEND = """mutation($l: ID!, $r: String!) { referralSend(input: {localReferralId: $l,
  receiver: $r}) { referral { id } errors { field message code } } }"""
AGREEMENTS = "{ dataSharingAgreements { id withPartner proposedByUs referralTypes status inForce platformWide } }"


def test_the_api_refuses_a_send_without_an_agreement_and_lists_them(partner_b, partner_c):
    connection.set_tenant(partner_b)
    handler = make_user(role_key="call-handler", password=PASSWORD)
    data_team = make_user(role_key="data-team", password=PASSWORD)
    platform_agreements_end()
    _case, local = ready_case_with_food(handler)
    result = run(data_team, SEND, {"l": global_id("LocalReferral", local), "r": partner_c.slug})
    assert result.errors is None, result.errors
    assert result.data["referralSend"] == {
        "referral": None,
        "errors": [
            {
                "field": "receiver",
                "message": "Beta Support Line has no data-sharing agreement in force with "
                "Kappa Advice Provider for food referrals: ask your data protection officer "
                "to propose one (Agreements).",
                "code": "INVALID",
            }
        ],
    }
    assert not Referral.objects.exists()

    officer = officer_of(partner_b)
    agreement = agreement_propose(
        actor=officer,
        partner=partner_c,
        referral_types=["food"],
        person_fields=["first_name"],
        purpose="Food parcels",
        lawful_basis="consent",
        starts_on=date.today(),
        ends_on=date.today() + timedelta(days=90),
    )
    listed = run(officer, AGREEMENTS).data["dataSharingAgreements"]
    assert {
        "id": str(agreement.public_id),
        "withPartner": "Kappa Advice Provider",
        "proposedByUs": True,
        "referralTypes": ["food"],
        "status": "proposed",
        "inForce": False,
        "platformWide": False,
    } in listed
    assert run(data_team, AGREEMENTS).data["dataSharingAgreements"] == []  # not their role's
    with schema_context(partner_c.schema_name):
        theirs = run(officer_of(partner_c), AGREEMENTS, partner=partner_c).data[
            "dataSharingAgreements"
        ]
    assert [a["proposedByUs"] for a in theirs if a["id"] == str(agreement.public_id)] == [False]
