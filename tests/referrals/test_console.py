"""The platform console's postcode reference data and partner directory, and the
management command that loads the shipped file."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tenants.models import PostcodeDistrict, Region
from tenants.services.reference import region_for
from tests.partners import PASSWORD


def sign_in(client, username):
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def test_platform_managers_import_and_correct_postcodes(platform_client):
    sign_in(platform_client, "platform-manager")
    page = platform_client.get("/postcodes/?q=SW").content.decode()
    assert "SW" in page and "London" in page
    upload = SimpleUploadedFile("codes.csv", b"code,region\nZZ9,wales\n", content_type="text/csv")
    response = platform_client.post("/postcodes/", {"import": "1", "file": upload})
    assert response.status_code == 302
    assert region_for("ZZ9") == Region.WALES
    bad = SimpleUploadedFile("codes.csv", b"code,region\nZZ8,atlantis\n", content_type="text/csv")
    page = platform_client.post("/postcodes/", {"import": "1", "file": bad}).content.decode()
    assert "Line 2: “atlantis” is not one of the regions." in page
    assert not PostcodeDistrict.objects.filter(code="ZZ8").exists()
    response = platform_client.post("/postcodes/", {"set": "1", "code": "m1", "region": "wales"})
    assert response.status_code == 302 and region_for("M1") == Region.WALES


def test_platform_staff_see_but_do_not_change(platform_client):
    sign_in(platform_client, "platform-staff")
    assert platform_client.get("/postcodes/").status_code == 200
    directory = platform_client.get("/directory/").content.decode()
    assert "Kappa Advice Provider" in directory and "48 hours" in directory
    response = platform_client.post("/postcodes/", {"set": "1", "code": "M1", "region": "wales"})
    assert response.status_code == 403 and region_for("M1") == Region.NORTH_WEST


def test_partner_portals_have_no_console_screens(client_b):
    sign_in(client_b, "supervisor")
    assert client_b.get("/postcodes/").status_code == 404


def test_the_command_loads_the_shipped_file(db):
    PostcodeDistrict.objects.filter(code="LS").update(region=Region.LONDON)
    PostcodeDistrict.objects.filter(code="ZE").delete()
    call_command("postcodes_import")
    assert region_for("LS1") == Region.YORKSHIRE and region_for("ZE1") == Region.SCOTLAND


def test_platform_managers_correct_a_partners_directory_entry(platform_client):
    from tenants.accounts.models import AuditEntry
    from tenants.models import DirectoryEntry

    sign_in(platform_client, "platform-manager")
    page = platform_client.get("/directory/").content.decode()
    assert "/directory/kappa/" in page and ">Change<" in page
    form = platform_client.get("/directory/kappa/").content.decode()
    assert "Reason for the change" in form
    bad = platform_client.post(
        "/directory/kappa/",
        {
            "name": "Kappa help",
            "status": "active",
            "referral_types": ["food"],
            "districts": "NOT-A-DISTRICT",
            "capacity": "accepting",
            "response_hours": "24",
        },
    ).content.decode()
    assert "is not a postcode district" in bad
    entry = DirectoryEntry.objects.get(partner__slug="kappa")
    assert entry.response_hours == 48
    response = platform_client.post(
        "/directory/kappa/",
        {
            "name": "Kappa help",
            "status": "active",
            "referral_types": entry.referral_types,
            "regions": entry.regions,
            "districts": "M1 M2",
            "capacity": "accepting",
            "response_hours": "24",
            "reason": "They asked us by email",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.response_hours, entry.districts) == (24, ["M1", "M2"])
    audit = AuditEntry.objects.get(action="directory.entry_changed")
    assert audit.actor_is_platform and audit.before["response_hours"] == 48
    assert audit.after["response_hours"] == 24 and "They asked us by email" in audit.detail
    assert platform_client.get("/directory/no-such-partner/").status_code == 404


def test_platform_staff_may_not_change_directory_entries(platform_client):
    sign_in(platform_client, "platform-staff")
    assert ">Change<" not in platform_client.get("/directory/").content.decode()
    assert platform_client.get("/directory/kappa/").status_code == 403
    response = platform_client.post("/directory/kappa/", {"response_hours": "1"})
    assert response.status_code == 403
