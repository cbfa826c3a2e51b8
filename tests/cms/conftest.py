import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def back_to_public():
    """Requests switch the connection to their partner's schema: end each test in public."""
    yield
    connection.set_schema_to_public()
