"""Every report and export URL against every kind of user. A whole screen a role lacks
is 403; someone else's export, or another partner's, is 404."""

import pytest
from django.db import connection

from reports.services.exports import export_create
from tests.clients import signed_in

pytestmark = pytest.mark.security

WHO = ("owner", "other", "manager", "editor", "stranger")
OK, NF, NO = 200, 404, 403
EXPECTED = {
    "reports": (NO, NO, OK, NO, OK),
    "report": (NO, NO, OK, NO, OK),
    "report_unknown": (NO, NO, NF, NO, NF),
    "exports": (OK, OK, OK, OK, OK),
    "export_new": (OK, OK, OK, NO, OK),
    "export": (NF, NF, OK, NF, NF),
    "download": (NF, NF, OK, NF, NF),
}


@pytest.fixture
def manager_export(world):
    return export_create(actor=world.manager, dataset_key="engagements", fmt="csv")


def url_of(export, key) -> str:
    return {
        "reports": "/reports/",
        "report": "/reports/casework/",
        "report_unknown": "/reports/nothing-here/",
        "exports": "/exports/",
        "export_new": "/exports/new/",
        "export": f"/exports/{export.public_id}/",
        "download": f"/exports/{export.public_id}/download/",
    }[key]


@pytest.mark.parametrize("key", list(EXPECTED))
@pytest.mark.parametrize("who", WHO)
def test_access_matrix(world, manager_export, who, key):
    expected = EXPECTED[key][WHO.index(who)]
    partner = world.partner_b if who == "stranger" else world.partner_a
    client = signed_in(partner, getattr(world, who))
    response = client.get(url_of(manager_export, key))
    assert response.status_code == expected, (who, key, response.status_code)
    if expected == OK and key != "download":
        page = response.content.decode()
        if who != "manager":
            assert str(manager_export.public_id) not in page
        if who == "stranger":
            assert world.child.client_id not in page and "Report Families" not in page
    connection.set_tenant(world.partner_a)


def test_a_refused_export_post_creates_nothing(world):
    from reports.models import Export

    client = signed_in(world.partner_a, world.editor)
    response = client.post("/exports/new/", {"dataset": "engagements", "format": "csv"})
    assert response.status_code == 403
    assert not Export.objects.exists()
