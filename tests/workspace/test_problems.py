"""Report a problem: the partner's champions get it (a task and a notification), another
partner's champions do not; a provider's report also reaches the champions of the
borough that refers to it, without the screenshot or record ids; the champion closes
it and the reporter sees its status. Screenshots are images checked by their content,
served only to who may see the report."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from casework.worklist.models import Notification, Task
from tenants.accounts import capabilities as cap
from tests.casework.screens import user_with
from tests.clients import signed_in
from tests.customers.journey import a_customer, inside, refer
from workspace.models import ProblemReport, ProblemStatus
from workspace.services.problems import problem_close, problem_report

PAGE = "/engagements/5b1f3a52-8a4e-4c39-9d0e-0d6c7d2f4b11/"


def png(name="screen.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def champion():
    return user_with("champion", privileges={cap.MANAGE_USERS, cap.CHANGE_OWN_PASSWORD})


@pytest.fixture
def at_alpha(partner_a):
    connection.set_tenant(partner_a)
    yield partner_a
    connection.set_schema_to_public()


@pytest.mark.security
def test_the_champion_gets_it_another_partners_champion_does_not(at_alpha, partner_b):
    champ = champion()
    reporter = user_with("practitioner")
    with inside(partner_b):
        beta_champion = champion()
    report = problem_report(actor=reporter, doing="The save button does nothing", page=PAGE)
    task = Task.objects.get(assignee=champ)
    assert task.link_url == f"/problems/{report.public_id}/"
    assert Notification.objects.filter(recipient=champ, link_url=task.link_url).count() == 1
    assert not Task.objects.filter(assignee=reporter).exists()
    with inside(partner_b):
        assert not ProblemReport.objects.exists()
        assert not Task.objects.filter(assignee=beta_champion).exists()
        assert not Notification.objects.filter(recipient=beta_champion).exists()


def test_the_reporter_sees_its_status_and_the_champion_closes_it(at_alpha):
    champ = champion()
    reporter = user_with("practitioner")
    report = problem_report(
        actor=reporter, doing="The list will not page", page="/contacts/?q=Smith"
    )
    assert report.page == "/contacts/"  # a search in the address may hold a name
    mine = signed_in(at_alpha, reporter)
    detail = mine.get(f"/problems/{report.public_id}/").content.decode()
    assert 'data-testid="problem-status">Open<' in detail
    assert "Close the problem" not in detail
    assert mine.post(f"/problems/{report.public_id}/", {"note": "x"}).status_code == 404

    theirs = signed_in(at_alpha, champ)
    assert "The list will not page" in theirs.get("/problems/").content.decode()
    response = theirs.post(f"/problems/{report.public_id}/", {"note": "Fixed in the next release"})
    assert response.status_code == 302
    connection.set_tenant(at_alpha)
    report.refresh_from_db()
    assert report.status == ProblemStatus.CLOSED
    assert not Task.objects.filter(assignee=champ, status="open").exists()
    assert Notification.objects.filter(
        recipient=reporter, title="The problem you reported has been closed"
    ).exists()
    detail = mine.get(f"/problems/{report.public_id}/").content.decode()
    assert 'data-testid="problem-status">Closed<' in detail
    assert "Fixed in the next release" in detail
    home = mine.get("/").content.decode()
    assert "The list will not page" in home.split('data-testid="my-problems"', 1)[1]


def test_someone_else_does_not_see_a_report_or_its_screenshot(at_alpha):
    champ = champion()
    reporter = user_with("practitioner")
    other = user_with("practitioner")
    report = problem_report(actor=reporter, doing="Chart is blank", screenshot=png())
    assert report.screenshot.name.endswith(".png")
    url = f"/problems/{report.public_id}/screenshot/"
    for user, status in ((reporter, 200), (champ, 200), (other, 404)):
        client = signed_in(at_alpha, user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Type"] == "image/png"
            assert response["X-Content-Type-Options"] == "nosniff"
        assert client.get(f"/problems/{report.public_id}/").status_code == status
        connection.set_tenant(at_alpha)
    assert "Chart is blank" not in signed_in(at_alpha, other).get("/problems/").content.decode()


def test_a_screenshot_must_really_be_an_image(at_alpha):
    reporter = user_with("practitioner")
    fake = SimpleUploadedFile("screen.png", b"<script>alert(1)</script>", "image/png")
    with pytest.raises(ValidationError) as refused:
        problem_report(actor=reporter, doing="Broken", screenshot=fake)
    assert "must be an image" in str(refused.value.message_dict["screenshot"])
    with pytest.raises(ValidationError) as refused:
        problem_report(actor=reporter, doing="  ", page="https://elsewhere.example/")
    assert set(refused.value.message_dict) == {"doing", "page"}
    assert not ProblemReport.objects.exists()


def test_the_form_prefills_the_page_and_reports_over_http(at_alpha):
    champion()
    reporter = user_with("practitioner")
    client = signed_in(at_alpha, reporter)
    form = client.get("/problems/new/?from=/engagements/").content.decode()
    assert 'value="/engagements/"' in form
    assert (
        'href="/problems/new/?from=/engagements/"' in client.get("/engagements/").content.decode()
    )
    response = client.post(
        "/problems/new/",
        {"doing": "Could not record a session", "page": "/engagements/", "screenshot": png()},
    )
    assert response.status_code == 302
    connection.set_tenant(at_alpha)
    report = ProblemReport.objects.get(reported_by=reporter)
    assert report.screenshot and report.page == "/engagements/"
    refused = client.post(
        "/problems/new/",
        {"doing": "x", "screenshot": SimpleUploadedFile("a.png", b"not an image", "image/png")},
    )
    assert refused.status_code == 200
    assert "The screenshot must be an image" in refused.content.decode()


def test_a_providers_report_reaches_the_champion_of_the_borough_that_refers_to_it(
    partner_c, partner_a, borough
):
    connection.set_tenant(borough)
    borough_champion = champion()
    officer = user_with("housing-officer")
    refer(officer, a_customer(officer, housing_reference="GP1"), partner_c)
    with inside(partner_a):
        alpha_champion = champion()
    connection.set_tenant(partner_c)
    provider_champion = champion()
    adviser = user_with("adviser")
    report = problem_report(
        actor=adviser, doing="Booking form rejects 9am", page=PAGE, screenshot=png()
    )
    assert report.also_sent_to == "Gamma Borough"
    assert Task.objects.filter(assignee=provider_champion).count() == 1
    with inside(borough):
        copy = ProblemReport.objects.get(public_id=report.public_id)
        assert copy.reported_by is None and copy.from_partner_name == partner_c.name
        assert copy.doing == "Booking form rejects 9am"
        assert copy.page == "/engagements/…/"  # record ids mean nothing here
        assert not copy.screenshot  # it may show a client
        assert Task.objects.filter(assignee=borough_champion).count() == 1
        assert Notification.objects.filter(recipient=borough_champion).count() == 1
        problem_close(actor=borough_champion, report=copy, note="Logged with the supplier")
    with inside(partner_a):
        assert not ProblemReport.objects.exists()
        assert not Task.objects.filter(assignee=alpha_champion).exists()
    connection.set_schema_to_public()
