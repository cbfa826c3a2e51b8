"""In a real browser at 320 px, with axe on each page: a borough's champion finds the
likely duplicate customers from the menu, reviews a pair side by side, merges them
field by field, is led from the merged record to the one kept (whose history shows the
merge), and undoes it. The customers are committed in browser-bo (the server sees only
committed data)."""

import uuid
from datetime import date

import pytest

from customers.services import customer_create
from tenants.accounts.models import User
from tenants.models import Partner
from tests.browser_helpers import signed_in_page
from tests.casework.safeguarding.helpers import committed
from tests.page_checks import problems_on

pytestmark = pytest.mark.browser


def _two_records(surname: str) -> dict:
    officer = User.objects.get(username="housing-officer")
    made = {}
    for first in ("Alex", "Alix"):
        made[first] = customer_create(
            actor=officer,
            first_name=first,
            last_name=surname,
            date_of_birth=date(1988, 2, 3),
            postcode="M1 1AE",
        ).public_id
    return made


def test_champion_reviews_merges_and_undoes_at_320_px(db, browser, portal_server):
    borough = Partner.objects.get(slug="browser-bo")
    surname = f"Dupe{uuid.uuid4().hex[:8]}"
    made = committed(borough, lambda: _two_records(surname))
    base = f"http://{borough.slug}.{portal_server}"
    page = signed_in_page(browser, base, "champion", viewport={"width": 320, "height": 800})

    def checked():
        problems = problems_on(page, page.url, borough.name)
        assert not problems, problems

    page.get_by_test_id("main-menu").get_by_role("link", name="Duplicate customers").click()
    page.get_by_role("heading", name="Likely duplicate customers").wait_for()
    checked()
    page.get_by_role("button", name="Find duplicates").click()
    page.get_by_text("not listed before.").wait_for()
    checked()
    page.get_by_role("link", name=f"Review Alex {surname} and Alix {surname}").click()
    page.get_by_role("heading", name="Are these the same person?").wait_for()
    checked()
    page.get_by_test_id("merge-link").click()
    page.get_by_role("heading", name="Merge two records of one person").wait_for()
    checked()
    page.get_by_label(f"Alix {surname}", exact=True).check()  # the record kept
    page.get_by_label("Alex", exact=True).check()  # its first name, from the other
    page.get_by_label("How do you know they are the same person?").fill("Same tenancy")
    page.get_by_role("button", name="Merge the records").click()
    page.get_by_text("are now one record.").wait_for()
    assert f"/customers/{made['Alix']}/" in page.url
    checked()

    page.goto(f"{base}/customers/{made['Alex']}/")  # the merged record leads here
    page.get_by_text("this is the record kept").wait_for()
    assert f"/customers/{made['Alix']}/" in page.url
    assert "Same tenancy" in page.get_by_test_id("merges").inner_text()
    page.goto(f"{base}/customers/{made['Alix']}/history/")
    page.get_by_text("Merge of duplicate customers added").first.wait_for()
    checked()
    page.goto(f"{base}/customers/{made['Alix']}/")
    page.get_by_test_id("merges").get_by_role("link", name="Undo the merge").click()
    checked()
    page.get_by_label("Why is the merge being undone?").fill("Brothers")
    page.get_by_role("button", name="Undo the merge").click()
    page.get_by_text("has their own record again").wait_for()
    checked()
    page.goto(f"{base}/customers/{made['Alex']}/")
    assert f"/customers/{made['Alex']}/" in page.url
    page.context.close()
