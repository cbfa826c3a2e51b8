import pytest

from tenants.models import Partner


@pytest.fixture
def borough(db, borough_ensured) -> Partner:
    return Partner.objects.get(pk=borough_ensured)
