"""In a real browser, borough to provider: the officer adds a resident and refers them,
the provider's adviser books, records attendance and the start of training, and the
officer sees both steps on the resident's record. The server sees only committed data:
everything happens in partners kept for browser tests (browser-bo, browser-pr)."""

import uuid

import pytest
from django.utils import timezone

from tenants.models import Partner
from tests.browser_helpers import signed_in_page

pytestmark = pytest.mark.browser


@pytest.fixture
def tag(db):
    return uuid.uuid4().hex[:8]


def test_officer_refers_provider_books_and_records_officer_sees_it(tag, browser, portal_server):
    borough = Partner.objects.get(slug="browser-bo")
    provider = Partner.objects.get(slug="browser-pr")
    borough_base = f"http://{borough.slug}.{portal_server}"
    provider_base = f"http://{provider.slug}.{portal_server}"
    surname = f"Tester{tag}"
    today = timezone.localdate()
    today_text = f"{today.day}/{today.month}/{today.year}"

    # The officer: find before create, then refer to the provider the directory offers.
    officer = signed_in_page(browser, borough_base, "housing-officer")
    officer.get_by_test_id("main-menu").get_by_role("link", name="Customers").click()
    officer.get_by_role("link", name="Add a customer").click()
    officer.get_by_label("First name").fill("Alex")
    officer.get_by_label("Last name").fill(surname)
    officer.get_by_label("Postcode").fill("m1 1ae")
    officer.locator('button[name="action"][value="find"]').click()
    officer.get_by_test_id("create-new").click()
    officer.get_by_text(f"Alex {surname} has been added.").wait_for()
    customer_url = officer.url
    officer.get_by_role("link", name="Refer to a provider").click()
    officer.get_by_label("Provider", exact=True).select_option(label="Browser Provider")
    officer.get_by_label("What support they want").fill(f"Retail work {tag}")
    officer.get_by_role("button", name="Send the referral").click()
    officer.get_by_text(f"Alex {surname} has been referred to Browser Provider.").wait_for()

    # The adviser: the referral, a booking today, attended, training started.
    adviser = signed_in_page(browser, provider_base, "adviser")
    adviser.get_by_role("link", name="Employment referrals").click()
    adviser.get_by_role("link", name=f"Alex {surname}").click()
    adviser.get_by_text(f"Retail work {tag}").wait_for()
    adviser.get_by_label("Appointment date").fill(today_text)
    adviser.get_by_label("Appointment time").fill("09:30")
    adviser.get_by_label("Adviser", exact=True).select_option(index=1)
    adviser.get_by_label("Place", exact=True).fill("Job hub")
    adviser.get_by_role("button", name="Book appointment").click()
    adviser.get_by_text("The appointment has been booked.").wait_for()
    adviser.get_by_role("link", name="Record what happened").click()
    adviser.get_by_label("Attended", exact=True).check()
    adviser.get_by_role("button", name="Record status").click()
    adviser.get_by_text("What happened at the appointment has been recorded.").wait_for()
    adviser.get_by_label("Step", exact=True).select_option(label="Training started")
    adviser.get_by_label("Course (for training)").fill(f"Customer service {tag}")
    adviser.get_by_role("button", name="Record step").click()
    adviser.get_by_text("The step has been recorded.").wait_for()

    # The officer sees both steps on the resident's record.
    officer.goto(customer_url)
    steps = officer.get_by_test_id("journey-steps").inner_text()
    assert f"First appointment attended ({today:%d/%m/%Y})" in steps
    assert f"Training started: Customer service {tag} ({today:%d/%m/%Y})" in steps
    assert "Appointment booked" in officer.get_by_test_id("journey-events").inner_text()
    for page in (officer, adviser):
        page.context.close()
