"""API tokens: hashed, shown once, expiry, revoke, last used, deactivation revokes,
read scope cannot write, and another partner's token is just an invalid token."""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import timezone

from casework.models import Contact
from tenants.accounts.models import ApiToken, AuditEntry, User
from tenants.accounts.services import user_deactivate
from tenants.accounts.services.tokens import api_token_create, api_token_revoke
from tests.clients import signed_in
from tests.graphql_api.helpers import gql, make_token
from tests.partners import domain_of

ME = "{ me { username } }"
CREATE_CONTACT = """
mutation { contactCreate(input: {kind: "adult", firstName: "Ada", lastName: "Read"}) {
  contact { id } errors { field message code } } }
"""


def token_row(secret: str) -> ApiToken:
    return ApiToken.objects.get(prefix=secret.split("_")[1])


def test_a_token_is_stored_only_as_its_hash_and_works(client_a, token_a):
    row = token_row(token_a)
    assert row.secret_hash == hashlib.sha256(token_a.encode()).hexdigest()
    stored = " ".join(str(v) for v in ApiToken.objects.filter(pk=row.pk).values().get().values())
    assert token_a not in stored and token_a.split("_", 2)[2] not in stored
    assert row.last_used_at is None
    status, data = gql(client_a, ME, token=token_a)
    assert status == 200 and data["data"]["me"]["username"] == "integrator"
    assert token_row(token_a).last_used_at is not None
    assert AuditEntry.objects.filter(
        action="api_token.create", target_username="integrator"
    ).exists()


def _bad(client, token):
    response = client.post(
        "/graphql/",
        data='{"query": "{ me { username } }"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    return response.status_code, response.content, response.get("WWW-Authenticate")


def test_partner_a_token_at_partner_b_is_exactly_an_invalid_token(
    partner_a, partner_b, token_a, client_b
):
    made_up = "cbt_" + token_a.split("_")[1] + "_" + "x" * 43
    answers = {
        "a's token at b": _bad(client_b, token_a),
        "made up": _bad(client_b, made_up),
        "garbage": _bad(client_b, "nonsense"),
    }
    assert answers["a's token at b"][0] == 401
    assert len(set(answers.values())) == 1, answers


@pytest.mark.parametrize(
    "how", ["revoked", "expired", "deactivated", "no longer an API role", "wrong secret"]
)
def test_dead_tokens_get_the_invalid_answer(in_partner_a, client_a, how):
    secret = make_token()
    row = token_row(secret)
    invalid = _bad(client_a, "cbt_nothing_here")
    assert gql(client_a, ME, token=secret)[0] == 200
    champion = User.objects.get(username="champion")
    if how == "revoked":
        api_token_revoke(actor=champion, token_public_id=row.public_id)
    elif how == "expired":
        ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif how == "deactivated":
        user_deactivate(actor=champion, partner=in_partner_a, user_public_id=row.user.public_id)
        assert token_row(secret).revoked_at is not None
    elif how == "no longer an API role":
        from tenants.accounts.models import Role

        user = row.user
        user.role = Role.objects.get(key="practitioner")
        user.save()
        user.groups.set([user.role.group])
    else:
        secret = secret[:-4] + ("aaaa" if not secret.endswith("aaaa") else "bbbb")
    assert _bad(client_a, secret) == invalid


def test_read_scope_cannot_run_mutations(client_a, read_token_a):
    before = Contact.objects.count()
    status, data = gql(client_a, CREATE_CONTACT, token=read_token_a)
    assert status == 200
    assert data["data"] is None
    assert data["errors"][0]["extensions"]["code"] == "READ_ONLY"
    assert Contact.objects.count() == before
    # ...but it reads.
    assert gql(client_a, ME, token=read_token_a)[1]["data"]["me"]["username"] == "integrator"


def test_write_scope_runs_the_same_mutation(client_a, token_a):
    status, data = gql(client_a, CREATE_CONTACT, token=token_a)
    assert data["data"]["contactCreate"]["errors"] == []
    assert Contact.objects.filter(first_name="Ada", last_name="Read").exists()


def test_tokens_only_for_api_accounts_within_the_champions_rights(in_partner_a):
    champion = User.objects.get(username="champion")
    practitioner = User.objects.get(username="practitioner")
    dsl = User.objects.get(username="dsl")
    from django.core.exceptions import PermissionDenied

    for user in (practitioner, dsl):
        with pytest.raises(PermissionDenied):
            api_token_create(
                actor=champion,
                user_public_id=user.public_id,
                name="x",
                scope="read",
                expires_at=timezone.now() + timedelta(days=1),
            )
    with pytest.raises(PermissionDenied):
        api_token_create(
            actor=User.objects.get(username="manager"),
            user_public_id=User.objects.get(username="integrator").public_id,
            name="x",
            scope="read",
            expires_at=timezone.now() + timedelta(days=1),
        )
    assert ApiToken.objects.count() == 0


def test_rate_limit_per_token_with_a_clear_error(client_a, token_a, settings):
    settings.GRAPHQL_RATE_LIMIT_PER_MINUTE = 3
    statuses = []
    for _ in range(8):
        response = client_a.post(
            "/graphql/",
            data='{"query": "{ me { username } }"}',
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token_a}",
        )
        statuses.append(response.status_code)
        if response.status_code == 429:
            body = response.json()
            assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
            assert "at most 3 a minute" in body["errors"][0]["message"]
            assert int(response["Retry-After"]) > 0
    assert statuses[:3] == [200, 200, 200]
    assert 429 in statuses
    # Another token of the same partner has its own allowance.
    other = make_token(scope="read")
    assert gql(client_a, ME, token=other)[0] == 200


def test_sessions_keep_csrf_protection(partner_a):
    client = signed_in(partner_a, "champion")
    strict = Client(HTTP_HOST=domain_of(partner_a), enforce_csrf_checks=True)
    strict.cookies = client.cookies
    response = strict.post(
        "/graphql/", data='{"query": "{ me { username } }"}', content_type="application/json"
    )
    assert response.status_code == 403
    strict.get("/")  # sets the CSRF cookie
    response = strict.post(
        "/graphql/",
        data='{"query": "{ me { username } }"}',
        content_type="application/json",
        HTTP_X_CSRFTOKEN=strict.cookies["csrftoken"].value,
    )
    assert response.status_code == 200
    assert response.json()["data"]["me"]["username"] == "champion"


def test_no_session_and_no_token_is_refused(client_a):
    response = client_a.post(
        "/graphql/", data='{"query": "{ me { username } }"}', content_type="application/json"
    )
    assert response.status_code == 401


def test_no_graphql_on_the_platform_domain(platform_client):
    response = platform_client.post(
        "/graphql/", data='{"query": "{ me { username } }"}', content_type="application/json"
    )
    assert response.status_code == 404


# --- the champion's screens ------------------------------------------------------------


def test_champion_creates_a_token_sees_it_once_and_revokes_it(partner_a):
    client = signed_in(partner_a, "champion")
    integrator = User.objects.get(username="integrator")
    page = client.get("/api-tokens/")
    assert page.status_code == 200
    assert integrator.username in page.content.decode()
    expires = (timezone.localdate() + timedelta(days=30)).strftime("%d/%m/%Y")
    response = client.post(
        "/api-tokens/",
        {
            "user": str(integrator.public_id),
            "name": "Reports",
            "scope": "read",
            "expires_on": expires,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    row = ApiToken.objects.get(name="Reports")
    secret = html.split('data-testid="secret">', 1)[1].split("<", 1)[0]
    assert secret.startswith(f"cbt_{row.prefix}_")
    assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    listing = client.get("/api-tokens/").content.decode()
    assert "Reports" in listing and secret not in listing
    connection.set_tenant(partner_a)
    assert gql(Client(HTTP_HOST=domain_of(partner_a)), ME, token=secret)[0] == 200
    response = client.post(f"/api-tokens/{row.public_id}/revoke/")
    assert response.status_code == 302
    connection.set_tenant(partner_a)
    assert ApiToken.objects.get(pk=row.pk).revoked_at is not None
    assert gql(Client(HTTP_HOST=domain_of(partner_a)), ME, token=secret)[0] == 401


def test_token_form_names_the_field_and_saves_nothing(partner_a):
    client = signed_in(partner_a, "champion")
    response = client.post(
        "/api-tokens/",
        {
            "user": str(User.objects.get(username="practitioner").public_id),
            "name": "",
            "scope": "write",
            "expires_on": "31/02/2020",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a name that says which system uses the token." in html
    assert "Enter a real date for “expires on”" in html
    assert "Choose a service account" in html or "Select a valid choice" in html
    connection.set_tenant(partner_a)
    assert ApiToken.objects.count() == 0


def test_only_token_managers_reach_the_screens(partner_a, partner_b):
    connection.set_tenant(partner_a)
    client = signed_in(partner_a, "manager")
    assert client.get("/api-tokens/").status_code == 403
    connection.set_tenant(partner_b)
    secret = make_token()
    row_id = token_row(secret).public_id
    client = signed_in(partner_a, "champion")
    # Another partner's token: not found, as every screen of one record answers.
    assert client.post(f"/api-tokens/{row_id}/revoke/").status_code == 404
    connection.set_tenant(partner_b)
    assert token_row(secret).revoked_at is None


def test_graphiql_only_in_development(partner_a, settings):
    client = signed_in(partner_a, "champion")
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert response.status_code != 200 or b"graphiql" not in response.content.lower()
    from graphql_api.views import graphql_view

    settings.DEBUG = True
    view = graphql_view()  # built with the development setting
    request = RequestFactory().get(
        "/graphql/", HTTP_ACCEPT="text/html", HTTP_HOST=domain_of(partner_a)
    )
    request.user = User.objects.get(username="champion")
    response = view(request)
    assert response.status_code == 200 and b"graphiql" in response.content.lower()
