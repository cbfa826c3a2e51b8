"""Issue 20's lifecycle in a real browser at 320 px, across two partners: the provider
puts a food referral on hold (a reason and a review date), takes it off hold, records it
as not completed with a reason, and reopens it; after each step the sender's page and the
receiver's page show the same status, in words and as the FHIR Task status, and read
at 320 px with no axe violation. Screenshots of both pages at each step are kept in the
test's folder (or CASEBRIDGE_SCREENSHOTS when set)."""

import os
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tenants.models import Partner
from tests.browser_helpers import signed_in_page
from tests.referrals.browser_steps import food_referral_sent

pytestmark = pytest.mark.browser

WIDTH = 320
NARROW = {"width": WIDTH, "height": 900}
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes[0].target}`);
}"""


def _reads_at_320(page) -> list[str]:
    problems = []
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > WIDTH:
        problems.append(f"{page.url} scrolls sideways ({wide} px)")
    page.add_script_tag(path=str(AXE))
    problems += [f"{page.url}: axe {v}" for v in page.evaluate(AXE_RUN)]
    return problems


def test_hold_resume_fail_reopen_with_both_partners_seeing_the_same_status(
    browser, portal_server, db, tmp_path
):
    assert AXE.exists(), "axe-core is missing from node_modules: run `npm ci`"
    shots = Path(os.environ.get("CASEBRIDGE_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    tag = uuid.uuid4().hex[:8]
    line = Partner.objects.get(slug="browser-sl")
    provider = Partner.objects.get(slug="browser-pr")
    line_base = f"http://{line.slug}.{portal_server}"
    provider_base = f"http://{provider.slug}.{portal_server}"
    handler, sender, _case_url, public_id = food_referral_sent(
        browser, line_base=line_base, provider=provider, tag=tag, viewport=NARROW
    )
    handler.context.close()
    sent_url = f"{line_base}/referrals/sent/{public_id}/"
    inbox_url = f"{provider_base}/referrals/inbox/{public_id}/"

    receiver = signed_in_page(browser, provider_base, "adviser", viewport=NARROW)
    receiver.goto(inbox_url)
    receiver.get_by_label("None of these: create a new contact").check()
    receiver.get_by_role("button", name="Accept referral").click()
    receiver.get_by_text(f"Accepted and linked to Robin Tester{tag}.").wait_for()
    receiver.get_by_role("button", name="Start work").click()
    receiver.get_by_text("In progress", exact=True).first.wait_for()

    problems = []

    def both_show(step: str, words: str, fhir: str) -> dict[str, str]:
        """Each side's page: the status in words and in FHIR's code, the same on both;
        what each page says beyond (the inset under the status)."""
        said = {}
        for side, page, url in (("sender", sender, sent_url), ("receiver", receiver, inbox_url)):
            page.goto(url)
            assert page.get_by_test_id("referral-status").inner_text() == words, (step, side)
            assert page.get_by_test_id("fhir-status").locator("code").inner_text() == fhir, (
                step,
                side,
            )
            page.screenshot(path=str(shots / f"{step}-{side}.png"), full_page=True)
            problems.extend(_reads_at_320(page))
            said[side] = page.locator("main").inner_text()
        return said

    both_show("1-in-progress", "In progress", "in-progress")

    # On hold, with a reason and the day it is looked at again.
    review_on = timezone.localdate() + timedelta(days=7)
    receiver.get_by_label("Why is it on hold?").fill(f"In hospital this week {tag}")
    receiver.get_by_label("When will you look at it again?").fill(
        f"{review_on.day}/{review_on.month}/{review_on.year}"
    )
    receiver.get_by_role("button", name="Put on hold").click()
    receiver.get_by_text("The referral is on hold.").wait_for()
    said = both_show("2-on-hold", "On hold", "on-hold")
    for side in said.values():
        assert f"On hold: In hospital this week {tag}" in side
        assert f"To be looked at again on {review_on.day} {review_on:%b %Y}" in side

    # Off hold: back to the work.
    receiver.goto(inbox_url)
    receiver.get_by_role("button", name="Take off hold").click()
    receiver.get_by_text("The referral is no longer on hold.").wait_for()
    both_show("3-resumed", "In progress", "in-progress")

    # Not completed, with the reason from the list.
    receiver.goto(inbox_url)
    receiver.get_by_label("Could not contact the person").check()
    receiver.get_by_label("More details (needed for another reason)").fill(
        f"Three calls, no answer {tag}"
    )
    receiver.get_by_role("button", name="Record as not completed").click()
    receiver.get_by_text("The referral is recorded as not completed.").wait_for()
    said = both_show("4-failed", "Could not be completed", "failed")
    for side in said.values():
        assert (
            f"Could not be completed: Could not contact the person. Three calls, no answer {tag}"
            in side
        )
    # Only the side that ended it may reopen it: the sender is not offered the step.
    sender.goto(sent_url)
    assert sender.get_by_role("button", name="Reopen referral").count() == 0

    # Reopened by the receiver, within 30 days: back in progress on both sides.
    receiver.goto(inbox_url)
    receiver.get_by_label("Why reopen it?").fill(f"The person called back {tag}")
    receiver.get_by_role("button", name="Reopen referral").click()
    receiver.get_by_text("The referral has been reopened.").wait_for()
    said = both_show("5-reopened", "In progress", "in-progress")
    for side in said.values():
        assert f"The person called back {tag}" in side  # the event, on both copies

    for page in (sender, receiver):
        page.context.close()
    assert not problems, "\n".join(problems)
