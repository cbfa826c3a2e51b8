"""Webhooks for integrators: a partner registers endpoints; each referral event is
delivered to them signed (HMAC-SHA256), retried by Celery with back-off and logged.
Deliveries are queued after the referral's transaction commits, so a failing endpoint
never blocks or undoes a referral. Bodies carry ids and statuses only, no personal data."""

import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from referrals import policy
from referrals.models import WebhookDelivery, WebhookEndpoint, fhir_status

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Casebridge-Signature"
TIMESTAMP_HEADER = "X-Casebridge-Timestamp"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """Signed over "<timestamp>.<body>" so a captured delivery cannot be replayed later."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


def _public_address(host: str) -> bool:
    """True when every address the host resolves to is on the public internet. Endpoints
    on loopback or private networks are refused (unless settings allow them, for
    development and tests): a champion must not make the platform call its own insides."""
    if getattr(settings, "CASEBRIDGE_WEBHOOKS_ALLOW_PRIVATE", False):
        return True
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_global for info in infos)


def webhook_register(*, actor, url: str) -> WebhookEndpoint:
    """Returns the endpoint; its secret is shown once, to the champion registering it."""
    policy.check_manage_webhooks(actor)
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValidationError({"url": "Enter the endpoint's full address, like https://…"})
    if not _public_address(parts.hostname):
        raise ValidationError(
            {"url": "The endpoint must be a public internet address, not a local or private one."}
        )
    return WebhookEndpoint.objects.create(
        url=url.strip(), secret=secrets.token_urlsafe(32), created_by=actor
    )


def webhook_deactivate(*, actor, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    policy.check_manage_webhooks(actor)
    endpoint.is_active = False
    endpoint.save(update_fields=["is_active"])
    return endpoint


def deliveries_enqueue(*, event: str, referral) -> list[int]:
    """One delivery per active endpoint of the current schema, sent on commit."""
    body = {
        "event": event,
        "referral": str(referral.public_id),
        "direction": referral.direction,
        "referral_type": referral.referral_type,
        "status": referral.status,
        "fhir_status": fhir_status(referral.status),
        "partner": referral.other_partner_name,
        "at": timezone.now().isoformat(),
    }
    ids = [
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, body=body).pk
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
    ]
    if ids:
        schema = connection.schema_name

        def send():
            from referrals.tasks import webhook_deliver

            # The task runs in the schema the delivery rows were written in.
            with schema_context(schema):
                for pk in ids:
                    try:
                        webhook_deliver.delay(pk)
                    except Exception:  # a broker hiccup must not fail the referral
                        logger.exception("webhook delivery %s not queued", pk)

        transaction.on_commit(send)
    return ids


def delivery_attempt(delivery_id: int) -> bool:
    """POST one delivery; records the attempt. True when done: the endpoint answered
    2xx, or the address is refused for good (nothing to retry)."""
    import urllib.error
    import urllib.request

    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if delivery.delivered_at:
        return True
    body = json.dumps(delivery.body, separators=(",", ":")).encode()
    timestamp = str(int(timezone.now().timestamp()))
    parts = urlsplit(delivery.endpoint.url)
    if parts.scheme not in ("http", "https"):
        raise ValueError("webhook endpoints are http(s) only")
    if not _public_address(parts.hostname or ""):
        # Checked again at delivery: the name may since point somewhere private.
        delivery.attempts += 1
        delivery.last_error = "refused: the address is not a public one"
        delivery.failed_at = timezone.now()
        delivery.save(update_fields=["attempts", "last_error", "failed_at"])
        return True  # nothing to retry
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: signature(delivery.endpoint.secret, timestamp, body),
            "User-Agent": "Casebridge-Webhooks/1",
        },
    )
    status, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - registered URL
            status = response.status
    except urllib.error.HTTPError as exc:
        status, error = exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = str(getattr(exc, "reason", exc))[:300]
    delivery.attempts += 1
    delivery.last_status = status
    delivery.last_error = error
    ok = status is not None and 200 <= status < 300
    if ok:
        delivery.delivered_at = timezone.now()
    delivery.save(update_fields=["attempts", "last_status", "last_error", "delivered_at"])
    return ok


def delivery_give_up(delivery_id: int) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id).update(failed_at=timezone.now())
