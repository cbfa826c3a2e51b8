"""Issue 17's walk through the whole client record, in a real browser at 320 px: a
practitioner books a home visit for today from the child's record, finds it on the home
page, records that the child came (a service delivery follows), writes a note, uploads a
file and completes an assessment; the record's tabs count each. (Who may see each part is
proven over HTTP in each part's own tests.)"""

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.browser_helpers import programme_with_service, sign_in

pytestmark = pytest.mark.browser


def test_a_practitioner_keeps_the_whole_record(browser, portal_server, browser_partner, tmp_path):
    tag = uuid.uuid4().hex[:8]
    base = f"http://{browser_partner.slug}.{portal_server}"
    programme_name, prefix = f"Record {tag}", f"R{tag[:4].upper()}"
    programme_with_service(browser, base, programme_name, prefix, "Home visit")

    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    sign_in(page, base, "practitioner")
    born = date.today() - timedelta(days=3 * 365)
    page.goto(f"{base}/contacts/new/?create=1")
    page.get_by_label("Child", exact=True).check()
    page.locator("#id_first_name").fill("Wren")
    page.locator("#id_last_name").fill(f"Whole{tag}")
    page.locator("#id_date_of_birth").fill(f"{born.day}/{born.month}/{born.year}")
    page.get_by_role("button", name="Create contact").click()
    page.get_by_text("has been added").wait_for()
    contact_url = page.url
    page.get_by_role("link", name="Open an engagement").click()
    page.get_by_label("Programme").select_option(label=programme_name)
    page.get_by_role("button", name="Open engagement").click()
    page.get_by_text("has been opened").wait_for()
    engagement_url = page.url

    # A home visit today, booked from the child's record, in the engagement.
    page.goto(contact_url)
    page.get_by_role("link", name="Book a visit").click()
    page.get_by_label("Visit", exact=True).check()
    # Earlier today (attendance is recorded once it has started), after midnight.
    now = timezone.localtime()
    start = max(now - timedelta(minutes=30), now.replace(hour=0, minute=0))
    page.get_by_label("Time it starts").fill(f"{start:%H:%M}")
    page.get_by_label("Time it ends").fill(f"{start + timedelta(minutes=15):%H:%M}")
    page.get_by_label("Place").fill(f"Home {tag}")
    page.get_by_label("In the engagement (optional)").select_option(index=1)
    page.get_by_label("Service given (optional)").select_option(label=f"{prefix}: Home visit")
    page.get_by_role("button", name="Book it").click()
    page.get_by_text("The event has been booked.").wait_for()

    # Today's events on the home page lead to the visit; attendance becomes a delivery.
    page.goto(f"{base}/")
    page.get_by_test_id("events-today").locator("li").filter(has_text=f"Whole{tag}").get_by_role(
        "link"
    ).first.click()
    page.get_by_label("Attended", exact=True).first.check()
    page.get_by_role("button", name="Record attendance").click()
    page.get_by_text("Attendance has been recorded.").wait_for()
    page.goto(engagement_url)
    assert "Home visit" in page.get_by_test_id("deliveries").inner_text()

    # A note in the engagement.
    page.get_by_test_id("notes-tab").click()
    page.get_by_role("link", name="Add a note").click()
    page.get_by_label("Visit", exact=True).check()
    page.get_by_label("Summary").fill(f"Visit note {tag}")
    page.get_by_role("button", name="Add the note").click()
    page.get_by_text("The note has been added.").wait_for()

    # A file (its type read from its bytes).
    letter = tmp_path / "letter.txt"
    letter.write_text("Nursery place confirmed from Monday.\n")
    page.goto(engagement_url)
    page.get_by_test_id("files-tab").click()
    page.get_by_role("link", name="Upload a file").click()
    page.get_by_label("The file").set_input_files(str(letter))
    page.get_by_label("Letter or email", exact=True).check()
    page.get_by_role("button", name="Upload the file").click()
    page.get_by_text("The file has been uploaded.").wait_for()

    # An assessment, completed with its scores.
    page.goto(engagement_url)
    page.get_by_test_id("assessments-tab").click()
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_label("Date of the assessment").fill(
        f"{date.today().day}/{date.today().month}/{date.today().year}"
    )
    page.get_by_label("Who lives at home").fill("Wren and mum")
    for domain in ("Housing", "Health", "Education", "Safety"):
        page.get_by_role("group", name=domain, exact=True).get_by_label("7", exact=True).check()
    page.get_by_role("group", name="Any safeguarding worries").get_by_label("No").check()
    page.get_by_role("button", name="Complete the assessment").click()
    page.get_by_text("The assessment is completed.").wait_for()

    page.goto(engagement_url)
    tabs = {
        key: page.get_by_test_id(f"{key}-tab").inner_text()
        for key in ("notes", "files", "assessments", "events")
    }
    assert tabs == {
        "notes": "Notes (1)",
        "files": "Files (1)",
        "assessments": "Assessments (1)",
        "events": "Events (1)",
    }
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.context.close()
