import pytest
from django.db import connection

from tenants.accounts import capabilities as cap
from tenants.models import Partner
from tests.casework.screens import user_with


class World:
    pass


@pytest.fixture(scope="session")
def borough_ensured(django_db_setup, django_db_blocker) -> int:
    """A borough council, made once per session (cloning one per test is slow); each
    test's own rows are rolled back as usual."""
    from tests.conftest import TestPartner, _partner_ensure

    with django_db_blocker.unblock():
        return _partner_ensure(TestPartner("gamma-borough", "Gamma Borough", "borough")).pk


@pytest.fixture
def borough(db, borough_ensured):
    partner = Partner.objects.get(pk=borough_ensured)
    connection.set_tenant(partner)
    yield partner
    connection.set_schema_to_public()


@pytest.fixture
def people(borough):
    w = World()
    w.borough = borough
    w.officer = user_with("housing-officer")
    w.colleague = user_with("housing-officer")
    w.champion = user_with("champion", privileges={cap.MANAGE_USERS})
    w.editor = user_with("editor")
    return w
