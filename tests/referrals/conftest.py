import pytest
from django.db import connection

from tests.partners import PASSWORD
from tests.tenants.accounts.helpers import make_user


@pytest.fixture
def data_team(in_partner_b):
    return make_user(role_key="data-team", password=PASSWORD)


@pytest.fixture
def supervisor(in_partner_b):
    return make_user(role_key="supervisor", password=PASSWORD)


@pytest.fixture
def kappa_adviser(partner_c, in_partner_b):
    """An adviser at the receiving partner (made there, then back in beta)."""
    connection.set_tenant(partner_c)
    user = make_user(role_key="adviser", password=PASSWORD)
    connection.set_tenant(in_partner_b)
    return user
