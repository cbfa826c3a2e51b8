"""The data protection officer's read-only view of a person (issue 19): the officer does
not record casework, so the contact and support-case pages and their forms stay closed,
yet "What we hold" shows every record about the person (the bundle's sections), the holds
on them and the "Who has seen this" pages; opening it is logged as a read of each record.
Both ways: the officer reads, and cannot write; whoever is not the officer gets 404."""

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from casework.access.models import RecordRead, RecordType
from referrals.models import SupportCase
from referrals.services.cases import case_note_add
from tests.casework.screens import user_with
from tests.clients import signed_in
from tests.referrals.helpers import consented_caller, ready_case_with_food


@pytest.fixture
def handler(partner_b):
    connection.set_tenant(partner_b)
    yield user_with("call-handler")
    connection.set_schema_to_public()


def test_the_officer_reads_what_is_held_and_cannot_write(handler, partner_a, partner_b):
    caller = consented_caller(handler, first_name="Robin", last_name="Ashdown")
    case, _local = ready_case_with_food(handler, caller=caller)
    case_note_add(actor=handler, case=case, text="Rang about a food parcel")
    dpo = user_with("data-protection")
    officer = signed_in(partner_b, dpo)
    url = f"/contacts/{caller.public_id}/held/"

    page = officer.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "What we hold about this person" in text
    for shown in (caller.client_id, "Food parcel", "Rang about a food parcel", "Support cases"):
        assert shown in text
    assert f"/support-cases/{case.public_id}/who-looked/" in text
    assert "No legal hold" in text
    logged = {
        r.record_type: r.record_ids for r in RecordRead.objects.filter(reader=dpo).order_by("pk")
    }
    assert logged[RecordType.CONTACT] == [caller.public_id]
    assert logged[RecordType.SUPPORT_CASE] == [case.public_id]
    main = text.split("<main", 1)[-1].split("</main>", 1)[0]
    assert 'method="post"' not in main  # read only: nothing to submit
    # The finder links each person found to it.
    found = officer.post(
        "/subject-access/", {"private_search": "1", "q": "Ashdown"}, follow=True
    ).content.decode()
    assert url in found

    # From the case's "Who has seen this" the way back is to what is held, not to the case
    # page the officer cannot open; the call handler goes back to the case.
    who = f"/support-cases/{case.public_id}/who-looked/"
    assert f'href="{url}" class="govuk-back-link"' in officer.get(who).content.decode()
    supervisor = signed_in(partner_b, user_with("supervisor"))
    back_to_case = f'href="/support-cases/{case.public_id}/" class="govuk-back-link"'
    assert back_to_case in supervisor.get(who).content.decode()

    # Cannot write: the record pages and their forms stay closed to the officer.
    assert officer.get(f"/calls/{caller.public_id}/change/").status_code in (403, 404)
    notes = officer.post(f"/support-cases/{case.public_id}/notes/", {"text": "Officer's note"})
    assert notes.status_code in (403, 404)
    assert SupportCase.objects.get(pk=case.pk).notes.count() == 1

    # Whoever is not the officer, here or at another partner, is not shown it.
    assert signed_in(partner_b, handler).get(url).status_code == 404
    with schema_context(partner_a.schema_name):
        elsewhere = signed_in(partner_a, user_with("data-protection"))
    assert elsewhere.get(url).status_code == 404


def test_a_customers_record_too(handler, partner_a, partner_b):
    from customers.models import Customer

    customer = Customer.objects.create(first_name="Cara", last_name="Jones", created_by=handler)
    dpo = user_with("data-protection")
    url = f"/customers/{customer.public_id}/held/"
    page = signed_in(partner_b, dpo).get(url)
    assert page.status_code == 200 and "Customer record" in page.content.decode()
    who = signed_in(partner_b, dpo).get(f"/customers/{customer.public_id}/who-looked/")
    assert f'href="{url}" class="govuk-back-link"' in who.content.decode()
    read = RecordRead.objects.get(reader=dpo)
    assert (read.record_type, read.record_ids) == (RecordType.CUSTOMER, [customer.public_id])
    assert signed_in(partner_b, handler).get(url).status_code == 404
    with schema_context(partner_a.schema_name):
        elsewhere = signed_in(partner_a, user_with("data-protection"))
    assert elsewhere.get(url).status_code == 404
