"""The forms the role sweep of tests/test_portal_form_fuzz.py leaves out (its NOT_FUZZED):
the console's, signing out, the user's own password and two-factor device, and the
training copy's. Same examples, same checks (no 5xx, no internal error, a refusal writes
nothing); the user is signed in again before every post, since some of these forms end
the session when they succeed. Creating a training copy (clones a whole partner, posted
with no input at all) is left to tests/tenants/test_training.py."""

import pytest
from django.db import connection
from django.test import Client

from tenants.accounts import capabilities as cap
from tests.casework.screens import user_with
from tests.conftest import domain_of
from tests.test_portal_form_fuzz import Poster, _fuzz, forms_on

pytestmark = pytest.mark.security


class SignedInPoster(Poster):
    def __init__(self, client: Client, path: str, form: dict, user):
        super().__init__(client, path, form)
        self.user = user

    def post(self, values: dict[str, str]) -> None:
        self.client.force_login(self.user)
        super().post(values)


def _fuzz_forms_of(client: Client, user, path: str, extra: list[dict] = ()) -> set[str]:
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    fuzzed = set()
    for form in forms_on(response.content.decode()) + list(extra):
        if form["fixed"].get("action") == "create":
            continue  # the training copy's creation: see the docstring
        poster = SignedInPoster(client, path, form, user)
        _fuzz(poster)
        fuzzed.add(poster.url)
    return fuzzed


# The training screen shows the access and reset forms only once a copy exists; a script
# can post them any time.
TRAINING_FORMS = [
    {
        "action": "",
        "fields": {"colleagues": [""], "delivery": ["invitation", "password"]},
        "fixed": {"action": "access"},
    },
    {"action": "", "fields": {"confirm": ["on"]}, "fixed": {"action": "reset"}},
]


def test_own_account_sign_out_and_training_forms_take_anything(partner_a):
    connection.set_tenant(partner_a)
    try:
        champion = user_with("champion", privileges={cap.MANAGE_USERS, cap.CHANGE_OWN_PASSWORD})
        client = Client(HTTP_HOST=domain_of(partner_a))
        fuzzed = set()
        for path in ("/account/password/", "/account/two-factor/"):
            fuzzed |= _fuzz_forms_of(client, champion, path)
        fuzzed |= _fuzz_forms_of(client, champion, "/training/", TRAINING_FORMS)
        assert {"/account/password/", "/account/two-factor/", "/sign-out/", "/training/"} <= {
            url.split("?")[0] for url in fuzzed
        }
    finally:
        connection.set_schema_to_public()


def test_console_forms_take_anything(platform, partner_b):
    from tenants.accounts.models import User

    manager = User.objects.get(username="platform-manager")
    client = Client(HTTP_HOST=domain_of(platform))
    fuzzed = set()
    for path in (
        "/",
        "/partners/new/",
        f"/partners/{partner_b.slug}/users/new/",
        "/account/password/",
        "/account/two-factor/",
    ):
        fuzzed |= _fuzz_forms_of(client, manager, path)
    assert {
        "/partners/new/",
        f"/partners/{partner_b.slug}/users/new/",
        "/account/password/",
        "/sign-out/",
    } <= fuzzed
