"""In a real browser, across two partners: a call handler records a caller who needs
food, the data team sends it to the local provider, the provider accepts it (creating
the person there), records the outcome and closes it, and the support line sees it.
The server runs in its own threads and sees only committed data: everything happens in
partners kept for browser tests (browser-sl, browser-pr), so no other test sees it."""

import uuid

import pytest

from tenants.models import Partner
from tests.browser_helpers import signed_in_page
from tests.referrals.browser_steps import food_referral_sent

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
    handler, data, case_url, public_id = food_referral_sent(
        browser, line_base=line_base, provider=provider, tag=tag
    )

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
