"""Signed-in test clients for the portal's screens (the browser tests have
tests/browser_helpers.py)."""

from django.db import connection
from django.test import Client

from tests.partners import PASSWORD, domain_of


def signed_in(partner, user) -> Client:
    """A client signed in at the partner's portal as `user` (an account or a username),
    the connection left in that partner's schema."""
    username = getattr(user, "username", user)
    client = Client(HTTP_HOST=domain_of(partner))
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, (
        f"{username} could not sign in at {partner.slug}: {response.content.decode()[:300]}"
    )
    connection.set_tenant(partner)
    return client
