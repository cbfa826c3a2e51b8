"""The lists stay at a fixed number of queries however many rows they show (each query
also costs a "SET search_path" statement under django-tenants, counted here too)."""

from django_tenants.utils import schema_context

from referrals.services.exchange import local_referral_send
from tests.clients import signed_in
from tests.referrals.helpers import anonymous_caller, consented_caller, ready_case_with_food

MAX = 40


def _fill(handler, data_team, partner_c, n, start=0):
    for i in range(start, start + n):
        caller = consented_caller(handler, first_name=f"Morgan{i}", phone=f"07700 90{i:04d}")
        _case, local = ready_case_with_food(handler, caller=caller)
        local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
        ready_case_with_food(handler, caller=anonymous_caller(handler))


def _counts(pages, assert_max):
    counts = {}
    for url, (client, schema) in pages.items():
        with schema_context(schema), assert_max(MAX) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries.captured_queries)
    return counts


def test_lists_do_not_grow_queries_with_rows(
    partner_b, partner_c, handler, data_team, kappa_adviser, django_assert_max_num_queries
):
    beta, kappa = partner_b.schema_name, partner_c.schema_name
    pages = {
        "/calls/": (signed_in(partner_b, handler), beta),
        "/review/": (signed_in(partner_b, data_team), beta),
        "/referrals/sent/": (signed_in(partner_b, data_team), beta),
        "/referrals/inbox/": (signed_in(partner_c, kappa_adviser), kappa),
    }
    with schema_context(beta):
        _fill(handler, data_team, partner_c, 1)
    few = _counts(pages, django_assert_max_num_queries)
    with schema_context(beta):
        _fill(handler, data_team, partner_c, 10, start=1)
    many = _counts(pages, django_assert_max_num_queries)
    assert many == few
