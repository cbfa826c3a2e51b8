"""One rule for a support case's details (referrals.policy.case_details_shown): a call
handler who has not confirmed the caller's identity opens every page under the case and
finds nothing of the case; nothing they post changes it. The URLs are read from the URL
patterns, so a page added later is covered too (the API's side:
tests/graphql_api/test_support_case_details.py)."""

import pytest
from django.urls import get_resolver

from referrals.models import CaseEvent, CaseNote, LocalReferral, Signpost, SignpostCategory
from referrals.policy import case_details_shown
from referrals.services.cases import case_verify
from tests.casework.screens import body
from tests.clients import signed_in
from tests.partners import PASSWORD
from tests.referrals.helpers import CASE_SECRETS as SECRETS
from tests.referrals.helpers import a_case_with_everything
from tests.tenants.accounts.helpers import make_user

pytestmark = pytest.mark.security

PREFIX = "support-cases/<uuid:public_id>/"


def case_urls() -> list[str]:
    """Every URL pattern under a support case, from the tenant URL conf."""
    found = []

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, route)
            elif route.startswith(PREFIX):
                found.append(route)

    walk(get_resolver("config.urls_tenant").url_patterns)
    return sorted(found)


def state(case) -> tuple:
    case.refresh_from_db()
    return (
        CaseNote.objects.count(),
        Signpost.objects.count(),
        LocalReferral.objects.count(),
        CaseEvent.objects.count(),
        case.status,
        case.safeguarding_reason,
        case.psychosocial_support,
        case.lawful_basis,
    )


def test_the_urls_under_a_case_are_found():
    routes = case_urls()
    assert PREFIX in routes and PREFIX + "support/" in routes and len(routes) >= 8


def test_an_unverified_handler_finds_nothing_of_the_case_on_any_page(partner_b, handler):
    case = a_case_with_everything(handler)
    colleague = make_user(role_key="call-handler", password=PASSWORD)
    assert not case_details_shown(user=colleague, case=case)
    client = signed_in(partner_b, colleague)
    before = state(case)
    for route in case_urls():
        url = "/" + route.replace("<uuid:public_id>", str(case.public_id))
        if route.endswith("local-referrals/new/"):
            url += "?response_type=food"
        get = client.get(url)
        assert get.status_code in (200, 403, 405), (url, get.status_code)
        page = body(get) if get.status_code == 200 else ""
        assert not [s for s in SECRETS if s in page], (url, page)
        if route.endswith("verify/"):
            continue  # confirming the identity is the way in
        posted = client.post(
            url,
            {
                "text": "Forged",
                "psychosocial_support": "no",
                "safeguarding_activated": "no",
                "feedback_consent": "yes",
                "category": str(SignpostCategory.objects.first().pk),
                "reason": "A forged lawful basis",
                "household_size": "1",
            },
        )
        page = body(posted) if posted.status_code == 200 else ""
        assert not [s for s in SECRETS if s in page], (url, "post")
        assert state(case) == before, (url, "post")


def test_the_verification_prompt_says_why_on_a_sub_page(partner_b, handler):
    case = a_case_with_everything(handler)
    colleague = make_user(role_key="call-handler", password=PASSWORD)
    page = body(signed_in(partner_b, colleague).get(f"/support-cases/{case.public_id}/support/"))
    assert 'data-testid="verify-first"' in page
    assert "Confirm the caller&#x27;s identity against the record first." in page
    case_verify(actor=colleague, case=case)
    page = body(signed_in(partner_b, colleague).get(f"/support-cases/{case.public_id}/support/"))
    assert "Stepfather drinks" in page  # once confirmed, the form shows the case's values
