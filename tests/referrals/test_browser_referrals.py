"""In a real browser, across two partners: a call handler records a caller who needs
food, the data team sends it to the local provider, the provider accepts it (creating
the person there), records the outcome and closes it, and the support line sees it.
The server runs in its own threads and sees only committed data: everything happens in
partners kept for browser tests (browser-sl, browser-pr), so no other test sees it."""

import uuid

import pytest
from django_tenants.utils import schema_context

from referrals.models import Referral
from tenants.models import Partner
from tests.browser_helpers import signed_in_page

pytestmark = pytest.mark.browser


@pytest.fixture
def tag(db):
    return uuid.uuid4().hex[:8]


def test_a_food_referral_goes_round_between_two_partners(tag, browser, portal_server):
    line = Partner.objects.get(slug="browser-sl")
    provider = Partner.objects.get(slug="browser-pr")
    line_base = f"http://{line.slug}.{portal_server}"
    provider_base = f"http://{provider.slug}.{portal_server}"
    surname = f"Tester{tag}"

    # The call handler: consent, the caller, a case, a food referral, ready for review.
    handler = signed_in_page(browser, line_base, "call-handler")
    handler.get_by_test_id("main-menu").get_by_role("link", name="Callers").click()
    handler.get_by_role("link", name="Add a caller").click()
    assert handler.get_by_test_id("consent-statement").is_visible()
    handler.get_by_label("Given", exact=True).check()
    handler.get_by_label("First name").fill("Robin")
    handler.get_by_label("Last name").fill(surname)
    handler.get_by_label("Postcode", exact=True).fill("m1 1ae")
    handler.get_by_role("button", name="Save caller").click()
    assert handler.get_by_test_id("region").inner_text() == "North West"
    handler.get_by_role("link", name="New case").click()
    handler.get_by_label("Case title").fill(f"Food {tag}")
    handler.get_by_role("button", name="Open case").click()
    handler.get_by_text("opened").wait_for()
    case_url = handler.url
    handler.get_by_label("Add to the summary notes").fill("Needs food for the week.")
    handler.get_by_role("button", name="Add note").click()
    handler.get_by_text("The note has been added.").wait_for()
    handler.get_by_role("link", name="Add a local referral").click()
    handler.get_by_label("Local response type").select_option(label="Food")
    handler.get_by_role("button", name="Choose").click()
    handler.get_by_label("How many people in the household").fill("2")
    handler.get_by_label("Dietary needs").fill("Diabetic")
    handler.get_by_role("button", name="Add local referral").click()
    handler.get_by_role("button", name="Ready for review").click()
    handler.get_by_text("in the data team's queue").wait_for()

    # The data team: the queue, the case, the directory's offer, send.
    data = signed_in_page(browser, line_base, "data-team")
    data.get_by_role("link", name="Review", exact=True).click()
    data.get_by_role("link", name=f"Food {tag}").click()
    assert "M1, North West" in data.get_by_test_id("area").inner_text()
    data.get_by_label("Send to").select_option(label="Browser Provider (answers within 48 hours)")
    data.get_by_role("button", name="Send referral").click()
    data.get_by_text("The referral has been sent to Browser Provider.").wait_for()

    with schema_context(provider.schema_name):
        public_id = Referral.objects.get(payload__person__last_name=surname).public_id

    # The provider: the inbox, accept as a new contact, work it, complete it with its outcome.
    adviser = signed_in_page(browser, provider_base, "adviser")
    adviser.get_by_test_id("main-menu").get_by_role("link", name="Referrals received").click()
    adviser.locator(f'a[href="/referrals/inbox/{public_id}/"]').click()
    payload = adviser.get_by_test_id("payload").inner_text()
    assert surname in payload and "Diabetic" in payload
    adviser.get_by_label("None of these: create a new contact").check()
    adviser.get_by_role("button", name="Accept referral").click()
    adviser.get_by_text(f"Accepted and linked to Robin {surname}.").wait_for()
    adviser.get_by_role("button", name="Start work").click()
    adviser.get_by_label("Support given, the need was met").check()
    adviser.get_by_label("Summary of the outcome").fill(f"Shopping delivered {tag}")
    adviser.get_by_role("button", name="Complete referral").click()
    adviser.get_by_text("The referral is completed.").wait_for()

    # The support line sees every step, on the case and on the referral.
    handler.goto(case_url)
    local = handler.get_by_test_id("local-referrals").inner_text()
    assert (
        "Browser Provider" in local
        and "Completed" in local
        and f"Shopping delivered {tag}" in local
    )
    data.goto(f"{line_base}/referrals/sent/{public_id}/")
    events = data.get_by_test_id("referral-events").inner_text()
    for step in ("Sent", "Accepted", "Started", "Completed"):
        assert step in events
    assert f"Shopping delivered {tag}" in data.get_by_test_id("outcome").inner_text()
    for page in (handler, data, adviser):
        page.context.close()
