"""In a real browser: a manager opens the reports screen, sees the figures and charts,
follows the export link, downloads a small export at once, then asks for a large one
(built by the task, here run eagerly on commit by the server's thread), watches its
progress page and downloads it. In the partner kept for committed data."""

import csv
import io

import pytest

from tests.browser_helpers import sign_in

pytestmark = pytest.mark.browser


def test_manager_reports_and_exports(browser, portal_server, browser_partner, settings):
    base = f"http://{browser_partner.slug}.{portal_server}"
    page = browser.new_context(accept_downloads=True).new_page()
    sign_in(page, base, "manager")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Engagements and sessions").click()
    page.get_by_label("From").fill("1/1/2025")
    page.get_by_label("To").fill("31/12/2025")
    page.get_by_role("button", name="Show figures").click()
    assert "From 1 January 2025 to 31 December 2025" in page.get_by_test_id("range").inner_text()
    assert page.get_by_test_id("chart-deliveries").locator("rect").count() == 12

    page.get_by_role("link", name="Export engagements").click()
    page.get_by_label("CSV").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export").click()
    download = download_info.value
    assert download.suggested_filename.startswith("engagements-")
    text = open(download.path(), encoding="utf-8-sig").read()
    assert next(csv.reader(io.StringIO(text)))[:2] == ["Engagement ID", "Client ID"]

    settings.CASEBRIDGE_EXPORT_DIRECT_ROWS = -1  # every export is "large" now
    page.goto(f"{base}/exports/new/?dataset=deliveries")
    page.get_by_label("Excel (.xlsx)").check()
    page.get_by_role("button", name="Export").click()
    page.wait_for_url(f"{base}/exports/*/")
    assert page.get_by_test_id("export-status").inner_text() == "Ready"
    with page.expect_download() as download_info:
        page.get_by_test_id("export-download").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    page.get_by_role("link", name="My exports").click()
    assert page.get_by_test_id("exports").locator("tbody tr").count() >= 2
    page.context.close()
