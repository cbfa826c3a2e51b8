"""Webhooks against a real HTTP server on a loopback port: signed deliveries, retries
logged, and a failing endpoint never blocks a referral."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_tenants.utils import schema_context

from referrals.models import Referral, ReferralStatus, WebhookDelivery
from referrals.services.exchange import local_referral_send
from referrals.services.webhooks import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature,
    webhook_register,
)
from referrals.tasks import MAX_ATTEMPTS
from tests.referrals.helpers import ready_case_with_food
from tests.tenants.accounts.helpers import make_user


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    """The test server listens on loopback, which production refuses (see the last tests)."""
    settings.CASEBRIDGE_WEBHOOKS_ALLOW_PRIVATE = True


class Receiver:
    """A loopback HTTP server recording what it receives; answers `status`."""

    def __init__(self, status=200):
        self.status = status
        self.received = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(outer.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def retries_run():
    """Eager tasks normally propagate errors (Retry included); let Celery's eager apply()
    re-run the task for each retry instead, as a worker would (without the wait)."""
    from config.celery import app

    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = propagates


@pytest.fixture
def champion_b(in_partner_b):
    return make_user(role_key="champion")


def test_deliveries_are_signed_and_logged(
    receiver, champion_b, handler, data_team, partner_c, django_capture_on_commit_callbacks
):
    endpoint = webhook_register(actor=champion_b, url=receiver.url)
    _case, local = ready_case_with_food(handler)
    with django_capture_on_commit_callbacks(execute=True):
        sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    assert headers[SIGNATURE_HEADER] == signature(endpoint.secret, headers[TIMESTAMP_HEADER], body)
    assert json.loads(body) | {"at": None} == {
        "event": "referral.sent",
        "referral": str(sent.public_id),
        "direction": "sent",
        "referral_type": "food",
        "status": "sent",
        "fhir_status": "requested",
        "partner": partner_c.name,
        "at": None,
    }
    assert b"Fairweather" not in body  # ids and statuses only
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.attempts, delivery.last_status, delivery.delivered_at is not None) == (
        1,
        200,
        True,
    )


def test_a_failing_endpoint_is_retried_then_given_up_and_never_blocks(
    retries_run, champion_b, handler, data_team, partner_c, django_capture_on_commit_callbacks
):
    failing = Receiver(status=500)
    try:
        webhook_register(actor=champion_b, url=failing.url)
        _case, local = ready_case_with_food(handler)
        with django_capture_on_commit_callbacks(execute=True):
            sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    finally:
        failing.close()
    assert len(failing.received) == MAX_ATTEMPTS
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status) == (MAX_ATTEMPTS, 500)
    assert delivery.failed_at is not None and delivery.delivered_at is None
    # The referral went through regardless, on both sides.
    assert Referral.objects.get(public_id=sent.public_id).status == ReferralStatus.SENT
    with schema_context(partner_c.schema_name):
        assert Referral.objects.filter(public_id=sent.public_id).exists()


def test_an_unreachable_endpoint_is_logged(
    retries_run, champion_b, handler, data_team, partner_c, django_capture_on_commit_callbacks
):
    closed = Receiver()
    closed.close()  # nothing listens on that port any more
    webhook_register(actor=champion_b, url=closed.url)
    _case, local = ready_case_with_food(handler)
    with django_capture_on_commit_callbacks(execute=True):
        local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == MAX_ATTEMPTS and delivery.last_status is None
    assert delivery.last_error


def test_the_receivers_endpoints_hear_about_received_referrals(
    receiver, handler, data_team, partner_c, django_capture_on_commit_callbacks
):
    with schema_context(partner_c.schema_name):
        webhook_register(actor=make_user(role_key="champion"), url=receiver.url)
    _case, local = ready_case_with_food(handler)
    with django_capture_on_commit_callbacks(execute=True):
        local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    assert [json.loads(body)["event"] for _h, body in receiver.received] == ["referral.received"]
    with schema_context(partner_c.schema_name):
        assert WebhookDelivery.objects.get().delivered_at is not None


def test_only_champions_register_and_only_web_addresses(champion_b, data_team):
    with pytest.raises(PermissionDenied):
        webhook_register(actor=data_team, url="https://example.org/hooks")
    for bad in ("file:///etc/passwd", "not a url", "ftp://example.org/"):
        with pytest.raises(ValidationError):
            webhook_register(actor=champion_b, url=bad)


def test_a_recovering_endpoint_is_delivered_on_a_retry(
    retries_run, champion_b, handler, data_team, partner_c, django_capture_on_commit_callbacks
):
    flaky = Receiver(status=503)
    original = flaky.server.RequestHandlerClass.do_POST

    def fail_once(handler_self):
        original(handler_self)
        flaky.status = 200  # the next attempt succeeds

    flaky.server.RequestHandlerClass.do_POST = fail_once
    try:
        webhook_register(actor=champion_b, url=flaky.url)
        _case, local = ready_case_with_food(handler)
        with django_capture_on_commit_callbacks(execute=True):
            local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    finally:
        flaky.close()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status, delivery.last_error) == (2, 200, "")
    assert delivery.delivered_at is not None and delivery.failed_at is None


def test_local_and_private_addresses_are_refused_outside_development(
    settings,
    champion_b,
    handler,
    data_team,
    partner_c,
    receiver,
    django_capture_on_commit_callbacks,
):
    settings.CASEBRIDGE_WEBHOOKS_ALLOW_PRIVATE = False
    for url in (
        receiver.url,
        "http://localhost:8000/hooks",
        "http://10.0.0.5/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hooks",
    ):
        with pytest.raises(ValidationError) as exc:
            webhook_register(actor=champion_b, url=url)
        assert "public internet address" in exc.value.message_dict["url"][0]
    # Registered while allowed, then refused at delivery: logged, never sent, no retries.
    settings.CASEBRIDGE_WEBHOOKS_ALLOW_PRIVATE = True
    webhook_register(actor=champion_b, url=receiver.url)
    settings.CASEBRIDGE_WEBHOOKS_ALLOW_PRIVATE = False
    _case, local = ready_case_with_food(handler)
    with django_capture_on_commit_callbacks(execute=True):
        local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert (
        delivery.attempts == 1 and delivery.failed_at and "not a public one" in delivery.last_error
    )
