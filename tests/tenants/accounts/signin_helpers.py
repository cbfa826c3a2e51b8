"""Helpers shared by the sign-in security tests."""

import binascii
import re
import time

from django.test import Client
from django_otp.oath import TOTP
from django_tenants.utils import schema_context

from tenants.accounts.models import AuditEntry
from tests.partners import PASSWORD

GENERIC = "Enter a correct username and password. Both are case-sensitive."
LOCKED = "Too many failed sign-in attempts"
WRONG = "wrong-password-1"


def sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post("/sign-in/", {"username": username, "password": password})


def fail_times(client: Client, username: str, times: int):
    return [sign_in(client, username, WRONG) for _ in range(times)]


def error_summary(response) -> str:
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', response.content.decode(), re.S)
    assert match, response.content.decode()[:800]
    return match.group(0)


def session_of(client: Client, partner):
    with schema_context(partner.schema_name):
        return dict(client.session.items())


def edit_session(client: Client, partner, **values) -> None:
    """Change the session the client's cookie names, in the partner's schema."""
    with schema_context(partner.schema_name):
        session = client.session
        session.update(values)
        session.save()


def audit(partner, **filters) -> list[AuditEntry]:
    with schema_context(partner.schema_name):
        return list(AuditEntry.objects.filter(**filters).order_by("id"))


def code_for(key_hex: str, *, offset: int = 0) -> str:
    totp = TOTP(binascii.unhexlify(key_hex))
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def wrong_code_for(key_hex: str) -> str:
    near = {code_for(key_hex, offset=step * 30) for step in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in near)
