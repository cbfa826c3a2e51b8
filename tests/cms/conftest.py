import pytest
from django.db import connection


@pytest.fixture
def in_partner_b(partner_b):
    """Run the test inside partner B's schema."""
    connection.set_tenant(partner_b)
    yield partner_b
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def back_to_public():
    """Requests switch the connection to their partner's schema: end each test in public."""
    yield
    connection.set_schema_to_public()
