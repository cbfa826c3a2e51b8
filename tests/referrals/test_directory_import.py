"""External services: a made-up council's Open Referral UK feed (oruk_feeds/) imported
from files in the console and on beat's schedule (a served copy, no outside network),
re-imported by the feed's ids, malformed feeds refused whole; linking a service to the
partner its organisation became; call handlers signposting to one."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from referrals.services.directory_import import directory_feed_import
from referrals.signposting.models import ServiceSignpost
from referrals.tasks import directory_feeds_import
from tenants.accounts.models import AuditEntry, User
from tenants.models import DirectoryEntry
from tests.clients import signed_in
from tests.partners import PASSWORD
from tests.referrals.helpers import anonymous_caller, ready_case_with_food
from tests.referrals.oruk_validators import validator

FEEDS = Path(__file__).resolve().parent / "oruk_feeds"
PAGES = ("ashvale_services_page1.json", "ashvale_services_page2.json")
COUNCIL = "Ashvale Borough Council"


def pages() -> list[tuple[str, bytes]]:
    return [(name, (FEEDS / name).read_bytes()) for name in PAGES]


def external() -> dict[str, DirectoryEntry]:
    return {e.name: e for e in DirectoryEntry.objects.filter(partner__isnull=True)}


def sign_in(client, username):
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def manager(platform):
    connection.set_schema_to_public()
    return User.objects.get(username="platform-manager")


def test_the_shipped_feed_is_in_the_profiles_shape():
    check = validator("compiled_service.json")  # raises JsonSchemaException on a bad one
    services = [service for _name, text in pages() for service in json.loads(text)["contents"]]
    checked = [check(service) for service in services]
    assert len(checked) == 3 and checked == services  # every service, each valid as it is


def test_a_saved_feed_is_imported_then_updated_by_its_ids(manager, platform_client):
    result = directory_feed_import(actor=manager, feed=COUNCIL, pages=pages())
    assert (result.added, result.updated, result.unchanged) == (3, 0, 0)
    larder = external()["Ashvale Community Larder"]
    place = larder.locations.get()
    assert (larder.organisation_name, larder.email, larder.phone) == (
        COUNCIL,
        "larder@ashvale.example.gov.uk",
        "0161 496 0999",
    )
    assert (larder.service_types, larder.districts, larder.regions) == (
        ["food-pantry"],
        ["M4"],
        ["north_west"],
    )
    assert (place.name, place.postcode, place.region) == (
        "Ashvale Community Centre",
        "M4 6BB",
        "north_west",
    )
    advice = external()["Ashvale Debt Advice Drop-in"]
    assert (advice.status, advice.phone) == ("temporarily closed", "0161 496 0888")
    # Another organisation's services are not republished as Casebridge's.
    assert "Ashvale" not in platform_client.get("/oruk/services").content.decode()

    first, second = pages()
    changed = json.loads(first[1])
    changed["contents"][0]["name"] = "Ashvale Larder"
    changed["contents"][0]["service_at_locations"] = []
    result = directory_feed_import(
        actor=manager, feed=COUNCIL, pages=[(first[0], json.dumps(changed)), second]
    )
    assert (result.added, result.updated, result.unchanged) == (0, 1, 2)
    assert DirectoryEntry.objects.filter(feed=COUNCIL).count() == 3
    renamed = external()["Ashvale Larder"]
    assert renamed.pk == larder.pk and not renamed.locations.exists() and not renamed.districts
    assert AuditEntry.objects.filter(action="directory.feed_imported").count() == 2


@pytest.mark.parametrize(
    "bad, named",
    [
        (b"{not json", "page1.json: not JSON"),
        (b'{"contents": {"id": "x"}}', "“contents” is not a list of services"),
        (b'{"hello": 1}', "neither a page of services"),
        (b'[{"id": "s9", "status": "active"}]', "item 1 (id “s9”): the service has no “name”"),
        (b'[{"name": "No id", "status": "active"}]', "the service has no “id”"),
        (b'[{"id": "s9", "name": "X", "status": "open"}]', "“status” is “open”, not one of"),
        (b'[{"id": "s9", "name": "X", "email": "nobody"}]', "“email” is not an email address"),
        (
            b'[{"id": "s9", "name": "X", "service_at_locations": [{"location": '
            b'{"addresses": [{"postal_code": "NOWHERE"}]}}]}]',
            "place 1: “NOWHERE” is not a UK postcode",
        ),
    ],
)
def test_a_malformed_feed_is_refused_whole_naming_the_fault(manager, bad, named):
    """A good page with a bad one: nothing of either is written."""
    with pytest.raises(ValidationError) as refused:
        directory_feed_import(actor=manager, feed=COUNCIL, pages=[*pages(), ("page1.json", bad)])
    assert any(named in m for m in refused.value.messages), refused.value.messages
    assert not DirectoryEntry.objects.filter(feed=COUNCIL).exists()


def test_a_feed_with_no_services_is_refused(manager):
    with pytest.raises(ValidationError) as refused:
        directory_feed_import(actor=manager, feed=COUNCIL, pages=[("p.json", b'{"contents": []}')])
    assert refused.value.messages == ["The feed holds no services."]
    with pytest.raises(ValidationError) as refused:
        directory_feed_import(actor=manager, feed=" ", pages=pages())
    assert "Enter the feed's name" in refused.value.messages[0]


def test_only_platform_managers_import_and_link(
    platform_client, client_b, partner_c, manager, partner_b
):
    staff = User.objects.get(username="platform-staff")
    with pytest.raises(PermissionDenied):
        directory_feed_import(actor=staff, feed=COUNCIL, pages=pages())
    sign_in(client_b, "supervisor")  # partner portals have no such screen
    assert client_b.get("/external-services/").status_code == 404
    connection.set_schema_to_public()
    sign_in(platform_client, "platform-staff")
    page = platform_client.get("/external-services/").content.decode()
    assert "Import a feed" not in page
    upload = SimpleUploadedFile("p1.json", pages()[0][1], content_type="application/json")
    response = platform_client.post("/external-services/", {"feed": COUNCIL, "file": upload})
    assert response.status_code == 403 and not external()

    platform_client.logout()
    sign_in(platform_client, "platform-manager")
    upload = SimpleUploadedFile("p1.json", b'[{"id": "1"}]', content_type="application/json")
    page = platform_client.post("/external-services/", {"feed": COUNCIL, "file": upload})
    assert "p1.json, item 1 (id “1”): the service has no “name”" in page.content.decode()
    upload = SimpleUploadedFile("p1.json", pages()[0][1], content_type="application/json")
    response = platform_client.post("/external-services/", {"feed": COUNCIL, "file": upload})
    assert response.status_code == 302
    page = platform_client.get(response.url).content.decode()
    assert "Imported Ashvale Borough Council: 2 added, 0 updated, 0 unchanged." in page
    assert "Ashvale Community Larder" in page and "larder@ashvale.example.gov.uk" in page

    larder = external()["Ashvale Community Larder"]
    link = f"/external-services/{larder.public_id}/link/"
    assert partner_b.name in platform_client.get(link).content.decode()
    response = platform_client.post(link, {"partner": partner_c.slug})
    assert response.status_code == 302
    larder.refresh_from_db()
    assert larder.partner == partner_c and not larder.is_external
    assert platform_client.get(link).status_code == 404  # linked: no longer external
    result = directory_feed_import(actor=manager, feed=COUNCIL, pages=pages())
    assert (result.added, result.linked) == (1, 1)
    platform_client.logout()
    sign_in(platform_client, "platform-staff")
    other = external()["Ashvale Young Carers"]
    assert platform_client.get(f"/external-services/{other.public_id}/link/").status_code == 403


class _Council(BaseHTTPRequestHandler):
    """A council's feed served page by page (?page=N), as its /services answers."""

    def do_GET(self):  # noqa: N802 - the standard library's name
        number = int(parse_qs(urlsplit(self.path).query).get("page", ["1"])[0])
        body = (FEEDS / PAGES[number - 1]).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_beat_imports_the_feeds_in_settings(settings, manager):
    """The scheduled path: a file:// copy, and a served feed followed page by page."""
    settings.ORUK_FEEDS = {"Ashvale (file)": (FEEDS / PAGES[1]).as_uri()}
    assert directory_feeds_import() == ["Ashvale (file): 1 added, 0 updated, 0 unchanged."]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Council)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/oruk/services"
        settings.ORUK_FEEDS = {COUNCIL: url, "Broken": "file:///no/such/feed.json"}
        lines = directory_feeds_import()
    finally:
        server.shutdown()
        server.server_close()
    assert lines[0] == f"{COUNCIL}: 3 added, 0 updated, 0 unchanged."
    assert lines[1].startswith("Broken: refused: file:///no/such/feed.json could not be read")
    assert DirectoryEntry.objects.filter(feed=COUNCIL).count() == 3


def test_call_handlers_signpost_to_an_external_service(manager, partner_a, partner_b, handler):
    connection.set_schema_to_public()
    directory_feed_import(actor=manager, feed=COUNCIL, pages=pages())
    larder = external()["Ashvale Community Larder"]
    young_carers = external()["Ashvale Young Carers"]  # no place: offered anywhere
    connection.set_tenant(partner_b)
    case, _ = ready_case_with_food(handler, caller=anonymous_caller(handler, "M4"))
    client = signed_in(partner_b, handler)
    client.post(f"/support-cases/{case.public_id}/verify/", {"confirmed": "on"})
    page = client.get(f"/support-cases/{case.public_id}/").content.decode()
    assert "Ashvale Community Larder (Ashvale Borough Council)" in page
    assert str(young_carers.public_id) in page
    url = f"/support-cases/{case.public_id}/service-signposts/"
    refused = client.post(url, {"service": str(case.public_id)}).content.decode()
    assert "Choose a service from the list." in refused
    response = client.post(url, {"service": str(larder.public_id)})
    assert response.status_code == 302
    signpost = ServiceSignpost.objects.get(case=case)
    assert (signpost.service_name, signpost.phone) == ("Ashvale Community Larder", "0161 496 0999")
    page = client.get(f"/support-cases/{case.public_id}/").content.decode()
    assert "0161 496 0999, larder@ashvale.example.gov.uk" in page
    # Another partner's staff cannot reach the case (nor signpost on it), but find the
    # external services to give a person themselves.
    other = signed_in(partner_a, "practitioner")
    assert other.post(url, {"service": str(larder.public_id)}).status_code == 404
    found = other.get("/directory/other-services/?q=larder").content.decode()
    assert "Ashvale Community Larder" in found and "Phone: 0161 496 0999" in found
    assert "Ashvale Young Carers" not in found
    connection.set_tenant(partner_b)
    assert ServiceSignpost.objects.filter(case=case).count() == 1
