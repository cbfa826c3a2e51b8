"""Steps the referral browser tests share: a food referral from the browser support
line (browser-sl) to the browser provider (browser-pr), through the screens."""

from django_tenants.utils import schema_context

from referrals.models import Referral
from tests.browser_helpers import signed_in_page


def food_referral_sent(browser, *, line_base, provider, tag, viewport=None):
    """A call handler records a consenting caller who needs food and a case ready for
    review; the data team sends it to the browser provider. (The handler's and the data
    team's pages, the case's address, the referral's public id.)"""
    surname = f"Tester{tag}"
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

    data = signed_in_page(browser, line_base, "data-team", viewport=viewport)
    data.get_by_role("link", name="Review", exact=True).click()
    data.get_by_role("link", name=f"Food {tag}").click()
    assert "M1, North West" in data.get_by_test_id("area").inner_text()
    data.get_by_label("Send to").select_option(label="Browser Provider (answers within 48 hours)")
    data.get_by_role("button", name="Send referral").click()
    data.get_by_text("The referral has been sent to Browser Provider.").wait_for()

    with schema_context(provider.schema_name):
        public_id = Referral.objects.get(payload__person__last_name=surname).public_id
    return handler, data, case_url, public_id
