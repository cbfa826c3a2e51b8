"""The public schema only routes: after a full referral round trip, no table in public
holds anything about the person referred."""

from django.db import connection
from django_tenants.utils import schema_context

from referrals.services.cases import case_note_add
from referrals.services.exchange import (
    local_referral_send,
    referral_accept,
    referral_complete,
    referral_start,
)
from tests.referrals.exchange import kappa_contact, received
from tests.referrals.helpers import consented_caller, ready_case_with_food

SECRETS = [
    "Quennell",  # first name
    "Zabriskie",  # last name
    "07700 900765",
    "07700900765",
    "E1 6AN",
    "Gluten-free please",
    "Parcel left with neighbour Wednesday",
    "Caller sounded distressed",
]


def public_rows_containing(needle: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = [row[0] for row in cursor.fetchall()]
        assert "tenants_partner" in tables and "tenants_directoryentry" in tables
        for table in tables:
            cursor.execute(
                f'SELECT count(*) FROM public."{table}" t WHERE t::text ILIKE %s',  # noqa: S608
                [f"%{needle}%"],
            )
            if cursor.fetchone()[0]:
                found.append(table)
    return found


def test_no_personal_data_reaches_public_after_a_round_trip(
    handler, data_team, partner_b, partner_c, kappa_adviser
):
    caller = consented_caller(
        handler,
        first_name="Quennell",
        last_name="Zabriskie",
        phone="07700 900765",
        postcode="E1 6AN",
    )
    case, local = ready_case_with_food(handler, caller=caller, dietary_needs="Gluten-free please")
    case_note_add(actor=handler, case=case, text="Caller sounded distressed")
    sent = local_referral_send(actor=data_team, local_referral=local, receiver=partner_c)
    contact = kappa_contact(partner_c, kappa_adviser)
    with schema_context(partner_c.schema_name):
        for service, kwargs in (
            (referral_accept, {"contact": contact}),
            (referral_start, {}),
            (
                referral_complete,
                {"outcome_code": "need_met", "outcome": "Parcel left with neighbour Wednesday"},
            ),
        ):
            service(actor=kappa_adviser, referral=received(partner_c, sent), **kwargs)
        # The receiver holds the minimised copy: the scan below is not vacuous.
        assert received(partner_c, sent).payload["person"]["last_name"] == "Zabriskie"
    with schema_context(partner_b.schema_name):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM referrals_referral r WHERE r::text LIKE '%%Zabriskie%%'"
            )
            assert cursor.fetchone()[0] == 1
    with schema_context("public"):
        leaks = {needle: public_rows_containing(needle) for needle in SECRETS}
    assert leaks == {needle: [] for needle in SECRETS}


def test_the_scan_finds_what_is_there(partner_a):
    """So an empty result above means something: a name put into public is found."""
    from tenants.models import Partner

    Partner.objects.filter(pk=partner_a.pk).update(name="Zabriskie Family Centre")
    with schema_context("public"):
        assert public_rows_containing("Zabriskie") == ["tenants_partner"]
