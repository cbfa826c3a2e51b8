import pytest
from django.db import connection

from tenants.models import Partner


@pytest.fixture(scope="session")
def borough_ensured(django_db_setup, django_db_blocker) -> int:
    """The borough council the customers tests use (made once per session, committed;
    each test's own rows are rolled back as usual)."""
    from tenants.accounts.roles import roles_for_kind
    from tenants.accounts.services import demo_user_ensure
    from tests.conftest import PASSWORD, TestPartner, partner_ensure

    with django_db_blocker.unblock():
        partner = partner_ensure(TestPartner("gamma-borough", "Gamma Borough", "borough"))
        connection.set_tenant(partner)
        try:
            for role in roles_for_kind(partner.kind):
                demo_user_ensure(
                    username=role.key,
                    full_name=f"{role.name} at gamma",
                    role=role,
                    password=PASSWORD,
                )
        finally:
            connection.set_schema_to_public()
        return partner.pk


@pytest.fixture
def borough(db, borough_ensured) -> Partner:
    return Partner.objects.get(pk=borough_ensured)
