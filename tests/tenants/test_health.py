import json

import pytest
from django.test import Client


@pytest.mark.parametrize("host", ["localhost", "alpha.localhost", "127.0.0.1", "web"])
def test_healthz_reports_database_and_broker(db, host):
    response = Client(HTTP_HOST=host).get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"


def test_healthz_is_503_when_the_broker_is_down_and_leaks_no_secrets(db, settings):
    settings.CELERY_BROKER_URL = "redis://:s3cret-password@127.0.0.1:1/0"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}
    response = Client(HTTP_HOST="localhost").get("/healthz")
    assert response.status_code == 503
    body = response.content.decode()
    assert json.loads(body)["broker"].startswith("unavailable")
    assert "s3cret" not in body and "127.0.0.1" not in body
