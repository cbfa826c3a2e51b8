"""Issue 19's "Done when", walked in a real browser at 320 px by the data protection
officer of a support line (browser-sl, kept for browser tests), with axe on each page:
who viewed a caller's case, a retention batch confirmed with a held safeguarding case
left untouched, a subject access bundle for one caller, and the agreements page.

The callers and cases are committed from a thread of their own (the server sees only
committed data); the old ones are dated back as the demo's are (privacy/retention/demo.py)."""

import uuid
from datetime import date

import pytest
from django.utils import timezone

from casework.access.models import RecordType
from casework.access.services import read_log
from casework.models import Consent
from privacy.retention.models import Disposed
from referrals.models import CaseNote, CaseStatus, SupportCase
from referrals.services.callers import caller_create
from referrals.services.cases import case_create, case_note_add
from tenants.accounts.models import User
from tenants.models import Partner
from tests.browser_helpers import sign_in
from tests.casework.safeguarding.helpers import committed
from tests.page_checks import problems_on

pytestmark = pytest.mark.browser

LONG_AGO = timezone.timedelta(days=8 * 366)


def _caller(handler, first: str, last: str):
    return caller_create(
        actor=handler,
        consent=Consent.GIVEN,
        consent_decided_on=date.today(),
        first_name=first,
        last_name=last,
        phone="07700 900456",
        postcode="M1 1AE",
    )


def _old_case(handler, caller, title: str) -> SupportCase:
    case = case_create(actor=handler, caller=caller, title=title)
    case_note_add(actor=handler, case=case, text="Signposted.")
    SupportCase.objects.filter(pk=case.pk).update(
        status=CaseStatus.REVIEWED, updated_at=timezone.now() - LONG_AGO
    )
    return case


def prepare(tag: str) -> dict:
    handler = User.objects.get(username="call-handler")
    robin = _caller(handler, "Robin", f"Viewed{tag}")
    case = case_create(actor=handler, caller=robin, title=f"Food {tag}")
    case_note_add(actor=handler, case=case, text="Needs food for the week.")
    # The handler opened the case (what the case page writes when it shows it).
    read_log(actor=handler, record_type=RecordType.SUPPORT_CASE, public_ids=[case.public_id])
    due = _old_case(handler, _caller(handler, "Pat", f"Old{tag}"), f"Council tax {tag}")
    alex = _caller(handler, "Alex", f"Held{tag}")
    held = _old_case(handler, alex, f"Energy bills {tag}")
    worried = case_create(actor=handler, caller=alex, title=f"Worried {tag}")
    SupportCase.objects.filter(pk=worried.pk).update(
        safeguarding_activated=True, safeguarding_reason="Child left alone at night"
    )
    return {"robin": robin.public_id, "due": due.pk, "held": held.pk, "alex": alex.client_id}


def checked(page, partner) -> None:
    problems = problems_on(page, page.url, partner.name)
    assert not problems, problems


def test_the_data_protection_officer_answers_from_screens(db, browser, portal_server):
    line = Partner.objects.get(slug="browser-sl")
    tag = uuid.uuid4().hex[:8]
    made = committed(line, lambda: prepare(tag))
    base = f"http://{line.slug}.{portal_server}"
    page = browser.new_context(viewport={"width": 320, "height": 800}).new_page()
    sign_in(page, base, "data-protection")

    # Who viewed the caller's case: find the caller, what we hold, who has seen it.
    page.goto(f"{base}/subject-access/")
    page.get_by_label("Name, client ID or housing reference").fill(f"Viewed{tag}")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name=f"What we hold about Robin Viewed{tag}").click()
    page.get_by_role("heading", name="What we hold about this person").wait_for()
    assert f"Food {tag}" in page.content()
    checked(page, line)
    page.get_by_role("link", name=f"Support case: Food {tag}").click()
    page.get_by_role("heading", name="Who has seen this").wait_for()
    assert "Call handler at browser-sl" in page.get_by_role("table").first.inner_text()
    checked(page, line)

    # A subject access bundle for that caller, built and ready to download.
    page.goto(f"{base}/contacts/{made['robin']}/subject-access/")
    page.get_by_role("button", name="Build the export").click()
    page.get_by_test_id("export-download").wait_for()
    assert "Ready" in page.get_by_test_id("export-status").inner_text()
    checked(page, line)

    # A retention batch: worked out, the held safeguarding caller listed, confirmed.
    page.goto(f"{base}/privacy/retention/")
    checked(page, line)
    page.get_by_role("button", name="Work out what is due now").click()
    held = page.get_by_test_id("batch-held").inner_text()
    assert made["alex"] in held and "safeguarding" in held
    checked(page, line)
    page.get_by_role("button", name="Confirm and dispose of").click()
    # The page refreshes itself while the Celery task runs, then says what it did.
    page.get_by_test_id("batch-progress").filter(has_text="disposed of").wait_for()
    checked(page, line)

    def after():
        return {
            which: (
                Disposed.objects.filter(record_type="support_case", object_id=made[which]).exists(),
                list(CaseNote.objects.filter(case_id=made[which]).values_list("text", flat=True)),
            )
            for which in ("due", "held")
        }

    outcome = committed(line, after)
    assert outcome["due"] == (True, [""])  # anonymised: its note blanked
    assert outcome["held"] == (False, ["Signposted."])  # held: untouched

    # The agreements the partner's referrals cross under.
    page.goto(f"{base}/agreements/")
    checked(page, line)
