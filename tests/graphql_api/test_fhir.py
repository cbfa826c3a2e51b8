"""The FHIR-shaped view of a referral (/fhir/referrals/<id>/): both sides read the same
FHIR Task status; the person only to whoever may see them; everyone else is not found,
whoever they are (another partner, a role that does not work referrals) or refused
(no token, a made-up one, a write method)."""

from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from referrals.models import Referral
from referrals.services.exchange import local_referral_send, referral_withdraw
from tests.clients import signed_in
from tests.graphql_api.helpers import make_token
from tests.partners import PASSWORD, domain_of
from tests.referrals.helpers import ready_case_with_food
from tests.tenants.accounts.helpers import make_user


def _resources(response) -> dict:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/fhir+json"
    body = response.json()
    assert (body["resourceType"], body["type"]) == ("Bundle", "collection")
    return {e["resource"]["resourceType"]: e["resource"] for e in body["entry"]}


def test_both_sides_read_the_same_fhir_status_and_nobody_else_reads_anything(
    partner_a, partner_b, partner_c
):
    connection.set_tenant(partner_b)
    handler = make_user(role_key="call-handler", password=PASSWORD)
    data_team = make_user(role_key="data-team", password=PASSWORD)
    _case, local = ready_case_with_food(handler)
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    path = f"/fhir/referrals/{sent.public_id}/"

    sender = _resources(signed_in(partner_b, data_team).get(path))
    assert sender["Task"]["status"] == "requested"
    assert sender["Task"]["businessStatus"] == {"text": "Sent, waiting for an answer"}
    assert sender["Task"]["owner"] == {"display": partner_c.name}
    assert sender["ServiceRequest"]["status"] == "active"
    assert sender["ServiceRequest"]["code"]["coding"] == [{"code": "food"}]
    assert sender["Patient"]["name"] == [{"text": "Morgan Fairweather"}]

    with schema_context(partner_c.schema_name):
        token = make_token(username="integrator", scope="read")
    kappa = Client(HTTP_HOST=domain_of(partner_c))
    receiver = _resources(kappa.get(path, HTTP_AUTHORIZATION=f"Bearer {token}"))
    assert receiver["Task"]["id"] == sender["Task"]["id"] == str(sent.public_id)
    assert receiver["Task"]["status"] == "requested"
    assert receiver["Task"]["requester"] == {"display": partner_b.name}
    assert "Patient" in receiver

    # Not found: a role that does not send referrals, another partner, its token.
    assert signed_in(partner_b, handler).get(path).status_code == 404
    connection.set_tenant(partner_a)
    stranger = make_user(role_key="manager", password=PASSWORD)
    assert signed_in(partner_a, stranger).get(path).status_code == 404
    alpha = Client(HTTP_HOST=domain_of(partner_a))
    with schema_context(partner_a.schema_name):
        alpha_token = make_token(username="integrator", scope="read")
    assert alpha.get(path, HTTP_AUTHORIZATION=f"Bearer {alpha_token}").status_code == 404
    # Kappa's token at beta's address is no token there.
    beta = Client(HTTP_HOST=domain_of(partner_b))
    assert beta.get(path, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    assert beta.get(path).status_code == 401
    assert kappa.post(path, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 405

    # Withdrawn with consent gone: cancelled on both sides, and no one is shown.
    connection.set_tenant(partner_b)
    referral_withdraw(actor=data_team, referral=sent, reason="Consent withdrawn")
    with schema_context(partner_c.schema_name):
        Referral.objects.filter(public_id=sent.public_id).update(
            payload={"redacted": True}, redacted_at=sent.sent_at
        )
    receiver = _resources(kappa.get(path, HTTP_AUTHORIZATION=f"Bearer {token}"))
    assert receiver["Task"]["status"] == "cancelled"
    assert receiver["ServiceRequest"]["status"] == "revoked"
    assert "Patient" not in receiver and receiver["Task"]["for"] == {"display": "Not shown"}
    assert "Morgan" not in str(receiver)
    assert _resources(signed_in(partner_b, data_team).get(path))["Task"]["status"] == "cancelled"
