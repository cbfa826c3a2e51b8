"""Legal holds from a record's own page (contact, caller, customer, engagement,
safeguarding case, support case) for the data protection officer, the hold list linking
back to them, release only with a reason, and the finder for people and customers on
the privacy screens. Other roles and other partners get 404."""

from datetime import date, timedelta

import time_machine
from django.db import connection
from django.utils import timezone

from casework.models import Programme, Stage
from casework.safeguarding.services.cases import case_open
from customers.models import Customer
from privacy.retention import selectors
from privacy.retention.models import LegalHold, RecordType
from referrals.models import CaseStatus, SupportCase
from referrals.services.cases import case_create
from tenants.accounts.models import AuditEntry
from tests.casework.screens import new_child, new_engagement, user_with
from tests.clients import signed_in
from tests.referrals.helpers import consented_caller
from tests.url_coverage import record_offered

SEVEN_YEARS_ON = timezone.now() + timedelta(days=7 * 366)


def _hold_page(subject, record):
    return f"/privacy/retention/holds/{subject}/{record.public_id}/"


def test_a_hold_placed_from_an_engagements_page_stops_its_disposal_until_released(
    in_partner_a, partner_b
):
    worker, dpo = user_with("practitioner"), user_with("data-protection")
    champion = user_with("champion")
    child = new_child(worker, first="Ada", last="Old", date_of_birth=date(2010, 1, 1))
    engagement = new_engagement(worker, child, Programme.objects.create(name="P", code_prefix="LH"))
    engagement.stage, engagement.closed_on = Stage.CLOSED, date.today() - timedelta(days=1)
    engagement.save()
    # The record pages offer the way in to whoever keeps retention, and to nobody else.
    for user, shown in ((champion, True), (worker, False)):
        for path in (f"/contacts/{child.public_id}/", f"/engagements/{engagement.public_id}/"):
            page = signed_in(in_partner_a, user).get(path)
            assert page.status_code == 200
            assert ('data-testid="legal-hold-link"' in page.content.decode()) is shown, path
    client = signed_in(in_partner_a, dpo)
    url = _hold_page("engagement", engagement)
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": " "})
    assert "This field is required" in empty.content.decode()
    assert not LegalHold.objects.exists()
    assert client.post(url, {"reason": "Inquiry 2026/14"}).status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.subject_type, hold.subject_id) == ("engagement", engagement.pk)
    listed = client.get("/privacy/retention/").content.decode()
    assert url in listed and "Inquiry 2026/14" in listed
    assert (
        'class="govuk-tag govuk-tag--red">On hold'
        in (
            signed_in(in_partner_a, champion).get(f"/engagements/{engagement.public_id}/")
        ).content.decode()
    )
    with time_machine.travel(SEVEN_YEARS_ON):
        items, held = selectors.due_on(today=timezone.localdate())
    assert engagement.pk not in items.get(RecordType.ENGAGEMENT, [])
    assert "Inquiry 2026/14" in held[0]["reasons"][0]
    # Released only with a reason, kept on the hold and in the audit log.
    release = f"/privacy/retention/holds/{hold.public_id}/release/"
    assert client.get(release).status_code == 200
    refused = client.post(release, {"reason": ""})
    assert refused.status_code == 200 and "This field is required" in refused.content.decode()
    assert client.post(release, {"reason": "Inquiry closed", "back": "record"})["Location"] == url
    hold.refresh_from_db()
    assert (hold.released_by, hold.release_reason) == (dpo, "Inquiry closed")
    assert AuditEntry.objects.get(action="retention.hold_release").detail.endswith("Inquiry closed")
    assert "Inquiry closed" in client.get(url).content.decode()  # the record's hold history
    with time_machine.travel(SEVEN_YEARS_ON):
        items, _held = selectors.due_on(today=timezone.localdate())
    assert engagement.pk in items[RecordType.ENGAGEMENT]
    record_offered(
        "legal_hold_record",
        {"subject": "engagement", "public_id": engagement.public_id},
        in_partner_a.schema_name,
    )
    for path in (url, "/privacy/retention/people/"):
        assert signed_in(in_partner_a, worker).get(path).status_code == 404
    connection.set_tenant(partner_b)
    elsewhere = signed_in(partner_b, user_with("data-protection"))
    assert elsewhere.get(url).status_code == 404
    connection.set_tenant(in_partner_a)


def test_holds_on_a_safeguarding_case_a_customer_and_a_support_case(in_partner_a, partner_b):
    worker, dpo = user_with("practitioner"), user_with("data-protection")
    child = new_child(worker)
    engagement = new_engagement(worker, child, Programme.objects.create(name="P", code_prefix="LS"))
    case = case_open(
        actor=worker,
        engagement=engagement,
        threshold="high",
        description="Bruise",
        raised_with="DSL",
        actions_agreed="Call",
    )
    customer = Customer.objects.create(first_name="Cara", last_name="Jones", created_by=worker)
    client = signed_in(in_partner_a, dpo)
    for subject, record, label in (
        ("safeguarding_case", case, f"Safeguarding case {case.reference}"),
        ("customer", customer, f"customer {customer.pk}"),
    ):
        url = _hold_page(subject, record)
        assert label in client.get(url).content.decode()
        assert client.post(url, {"reason": "Court order"}).status_code == 302
        assert selectors.holds_on(user=dpo, record=record).get().reason == "Court order"
    assert client.get(_hold_page("household", child)).status_code == 404  # not a subject
    assert client.get(_hold_page("customer", child)).status_code == 404  # not a customer
    connection.set_tenant(partner_b)
    handler, officer = user_with("call-handler"), user_with("data-protection")
    support = case_create(actor=handler, caller=consented_caller(handler), title="Debt advice")
    SupportCase.objects.filter(pk=support.pk).update(status=CaseStatus.REVIEWED)
    page = signed_in(partner_b, officer).post(
        _hold_page("support_case", support), {"reason": "Complaint"}
    )
    assert page.status_code == 302
    assert selectors.holds_on(user=officer, record=support).get().subject_label == (
        f"Support case of caller {support.caller.client_id}"
    )
    connection.set_tenant(in_partner_a)


def test_the_finder_finds_people_and_customers_without_putting_the_name_in_the_address(
    in_partner_a,
):
    worker, dpo = user_with("practitioner"), user_with("data-protection")
    child = new_child(worker, first="Milo", last="Quinlan")
    customer = Customer.objects.create(
        first_name="Tess", last_name="Quinlan", housing_reference="HR-7781", created_by=worker
    )
    client = signed_in(in_partner_a, dpo)
    found = client.post(
        "/privacy/retention/people/", {"private_search": "1", "q": "quinlan"}, follow=True
    )
    assert "quinlan" not in found.redirect_chain[-1][0].lower()
    page = found.content.decode()
    for person in (child, customer):
        assert f"/privacy/retention/erasure/{person.public_id}/" in page
    assert _hold_page("customer", customer) in page and _hold_page("contact", child) in page
    by_reference = client.post(
        "/privacy/retention/people/", {"private_search": "1", "q": "hr-7781"}, follow=True
    ).content.decode()
    assert f"/privacy/retention/erasure/{customer.public_id}/" in by_reference
    assert str(child.public_id) not in by_reference
    erasure = client.get(f"/privacy/retention/erasure/{customer.public_id}/")
    assert erasure.status_code == 200
    assert selectors.people_found(user=worker, query="quinlan") == []
