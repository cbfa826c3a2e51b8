import json
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from casework.models import Programme, Service
from tenants.accounts.models import User
from tenants.accounts.services.tokens import api_token_create


def make_token(*, username: str = "integrator", scope: str = "write", days: int = 30) -> str:
    """A token for one of the current partner's accounts, created by its champion."""
    champion = User.objects.get(username="champion")
    user = User.objects.get(username=username)
    return api_token_create(
        actor=champion,
        user_public_id=user.public_id,
        name=f"{username} {scope}",
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    ).secret


def gql(client, query: str, variables: dict | None = None, *, token: str | None = None):
    """POST one operation; returns (status, parsed JSON)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **headers,
    )
    return response.status_code, response.json()


@pytest.fixture
def token_a(in_partner_a) -> str:
    return make_token()


@pytest.fixture
def read_token_a(in_partner_a) -> str:
    return make_token(scope="read")


@pytest.fixture
def champion_token_b(partner_b, partner_a):
    """Partner B's most powerful token: its champion's, read and write."""
    connection.set_tenant(partner_b)
    token = make_token(username="champion")
    connection.set_tenant(partner_a)
    return token


@pytest.fixture
def catalogue(in_partner_a):
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    service = Service.objects.create(programme=programme, name="RF: Stay & Play session")
    return programme, service
