"""One rule for a support case's details (referrals.policy.case_details_shown): a call
handler who has not confirmed the caller's identity opens every page under the case,
and asks for every GraphQL field of it, and finds nothing of the case; nothing they
post changes it. The URLs and fields are read from the URL patterns and the schema, so
a page or field added later is covered too."""

import json

from django.urls import get_resolver
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType

from referrals.models import CaseEvent, CaseNote, LocalReferral, Signpost, SignpostCategory
from referrals.policy import case_details_shown
from referrals.services.cases import (
    case_note_add,
    case_support_update,
    case_verify,
    signpost_add,
)
from tests.accounts.helpers import make_user
from tests.casework.screens import body, signed_in
from tests.conftest import PASSWORD
from tests.graphql_api.conftest import global_id, run
from tests.referrals.conftest import ready_case_with_food

PREFIX = "support-cases/<uuid:public_id>/"
# What no page shows before the identity is confirmed (the verification prompt names the
# caller, so the handler can ask them; the API leaves the caller out too).
SECRETS = (
    "Stepfather drinks",  # the safeguarding reason
    "Very private note",
    "Vegetarian",  # a local referral's details
    "Citizens Advice",  # a signpost
)


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


def a_case_with_everything(handler):
    case, _local = ready_case_with_food(handler)
    case_note_add(actor=handler, case=case, text="Very private note")
    case_support_update(
        actor=handler,
        case=case,
        psychosocial_support=True,
        safeguarding_activated=True,
        safeguarding_reason="Stepfather drinks",
        feedback_consent=False,
    )
    category, _ = SignpostCategory.objects.get_or_create(name="Citizens Advice")
    signpost_add(actor=handler, case=case, category=category)
    return case


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


def _selection(field_type, depth=0) -> str:
    while isinstance(field_type, GraphQLNonNull | GraphQLList):
        field_type = field_type.of_type
    if not isinstance(field_type, GraphQLObjectType):
        return ""
    if depth > 1:
        return "{ __typename }"
    inner = []
    for name, field in field_type.fields.items():
        if any(arg.type.__class__ is GraphQLNonNull for arg in field.args.values()):
            continue
        inner.append(f"{name} {_selection(field.type, depth + 1)}".strip())
    return "{ " + " ".join(inner) + " }"


def test_an_unverified_handler_gets_nothing_of_the_case_through_the_api(partner_b, handler):
    from graphql_api.schema import schema

    case = a_case_with_everything(handler)
    colleague = make_user(role_key="call-handler", password=PASSWORD)
    support_case = schema._schema.get_type("SupportCase")
    query = "query($id: ID!) { node(id: $id) { ... on SupportCase " + _selection(support_case)
    query += " } }"
    result = run(colleague, query, {"id": global_id("SupportCase", case)})
    assert result.errors is None, result.errors
    text = json.dumps(result.data)
    assert result.data["node"]["title"] == "Food parcel"
    assert not [s for s in (*SECRETS, "Fairweather") if s in text], text
    # The same query, once the identity is confirmed, shows them: the check can fail.
    case_verify(actor=colleague, case=case)
    text = json.dumps(run(colleague, query, {"id": global_id("SupportCase", case)}).data)
    assert "Fairweather" in text and "Very private note" in text and "Vegetarian" in text
