"""Passwords are hashed with Argon2id at OWASP's parameters (19 MiB, 2 iterations, one
lane); a hash made by an older hasher is replaced at the next sign-in. The test settings
keep their fast hasher for every other test; these override it with the real list."""

import importlib

from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher, make_password
from django.test import Client, override_settings
from django_tenants.utils import schema_context

from tenants.accounts.models import User
from tests.partners import domain_of
from tests.tenants.accounts.helpers import make_user
from tests.tenants.accounts.signin_helpers import sign_in

REAL_HASHERS = importlib.import_module("config.settings.base").PASSWORD_HASHERS
SECRET = "a-long-enough-passphrase-2026"
OWASP = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


def test_the_first_hasher_is_argon2id_with_owasp_parameters():
    with override_settings(PASSWORD_HASHERS=REAL_HASHERS):
        encoded = make_password(SECRET)
        assert encoded.startswith(OWASP)
        assert identify_hasher(encoded).verify(SECRET, encoded)
        assert not identify_hasher(encoded).must_update(encoded)


def test_an_older_hash_is_upgraded_to_argon2id_at_the_next_sign_in(partner_a):
    with override_settings(PASSWORD_HASHERS=REAL_HASHERS):
        with schema_context(partner_a.schema_name):
            user = make_user(role_key="practitioner")
            # As stored before this change: PBKDF2 at Django's iteration count.
            user.password = make_password(SECRET, hasher="pbkdf2_sha256")
            user.save(update_fields=["password"])
        client = Client(HTTP_HOST=domain_of(partner_a))
        wrong = sign_in(client, user.username, "not-the-passphrase-at-all")
        assert wrong.status_code == 200
        with schema_context(partner_a.schema_name):
            # A failed attempt changes nothing.
            assert User.objects.get(pk=user.pk).password.startswith("pbkdf2_sha256$")
        assert sign_in(client, user.username, SECRET).status_code == 302
        with schema_context(partner_a.schema_name):
            upgraded = User.objects.get(pk=user.pk)
            assert upgraded.password.startswith(OWASP)
            assert upgraded.check_password(SECRET)


def test_a_hash_with_weaker_argon2_parameters_is_upgraded_too(partner_a):
    # Django's own Argon2 defaults differ (100 MiB, 8 lanes): a hash made with other
    # parameters is rehashed with ours at the next sign-in.
    with override_settings(PASSWORD_HASHERS=REAL_HASHERS):
        with schema_context(partner_a.schema_name):
            user = make_user(role_key="practitioner")
            django_default = Argon2PasswordHasher()
            user.password = django_default.encode(SECRET, django_default.salt())
            assert not user.password.startswith(OWASP)
            user.save(update_fields=["password"])
        client = Client(HTTP_HOST=domain_of(partner_a))
        assert sign_in(client, user.username, SECRET).status_code == 302
        with schema_context(partner_a.schema_name):
            assert User.objects.get(pk=user.pk).password.startswith(OWASP)
