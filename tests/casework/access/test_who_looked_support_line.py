"""Who looked at the support line (issue 19's "done when"): a call handler opening a
caller's case writes its row; the supervisor and the data protection officer see who
looked, the latter from the handler's reads; the handler does not; another partner's
manager finds nothing."""

from django.db import connection
from django.urls import reverse

from casework.access.models import RecordRead
from referrals.services.cases import case_verify
from tests.casework.screens import body
from tests.clients import signed_in
from tests.partners import PASSWORD
from tests.referrals.helpers import ready_case_with_food
from tests.tenants.accounts.helpers import make_user


def test_who_looked_at_a_callers_case(partner_a, partner_b):
    connection.set_tenant(partner_b)
    handler, supervisor, dpo = (
        make_user(role_key=key, password=PASSWORD)
        for key in ("call-handler", "supervisor", "data-protection")
    )
    case, _ = ready_case_with_food(handler)
    case_verify(actor=handler, case=case)
    page = signed_in(partner_b, handler).get(reverse("support_case", args=[case.public_id]))
    assert page.status_code == 200
    row = RecordRead.objects.get(record_type="support_case", record_ids=[case.public_id])
    assert row.reader == handler and row.via == "portal"

    who = reverse("case_who_looked", args=[case.public_id])
    seen = signed_in(partner_b, supervisor)
    assert 'data-testid="who-looked-link"' in body(
        seen.get(reverse("support_case", args=[case.public_id]))
    )
    text = body(seen.get(who))
    assert handler.get_full_name() in text and 'data-testid="read"' in text
    reads = body(signed_in(partner_b, dpo).get(reverse("account_reads", args=[handler.public_id])))
    assert f'href="{who}"' in reads
    assert signed_in(partner_b, dpo).get(who).status_code == 200
    # The officer also gets there from the caller: their subject access page lists the
    # "Who has seen this" page of each case they rang about.
    about = reverse("contact_subject_access", args=[case.caller.public_id])
    assert f'href="{who}"' in body(signed_in(partner_b, dpo).get(about))
    assert signed_in(partner_b, handler).get(who).status_code == 403  # not their right

    connection.set_tenant(partner_a)
    manager = make_user(role_key="manager", password=PASSWORD)
    assert signed_in(partner_a, manager).get(who).status_code == 404
