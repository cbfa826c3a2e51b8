"""A borough's customers under the retention rules, end to end: the rule makes a
customer whose journey ended due, the data protection officer confirms the list, the
worker anonymises them (their referral's copy at the provider redacted too), and the
interest and employment reports count exactly what they counted before."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from customers.models import Customer, Interest, NotInterestedReason
from customers.services import customer_record_interest
from privacy.retention import services
from privacy.retention.models import BatchStatus, DisposalRecord, RecordType
from reports.definitions import customers as interest_report
from reports.definitions import employment as employment_report
from tests.casework.screens import user_with
from tests.customers.journey import TODAY, received_copy

THREE_YEARS_ON = timezone.now() + timedelta(days=3 * 366)


def test_a_customer_whose_journey_ended_is_anonymised_and_the_reports_stay_the_same(
    known, django_capture_on_commit_callbacks
):
    w = known
    dpo = user_with("data-protection")
    dee = Customer.objects.get(first_name="Dee")  # their referral was withdrawn
    cal = Customer.objects.get(first_name="Cal")  # still waiting for kappa
    customer_record_interest(
        actor=w.officer,
        customer=dee,
        interest=Interest.NOT_INTERESTED,
        on=TODAY,
        reasons=[NotInterestedReason.objects.first()],
        other="Dee's mum is ill",
    )
    span = {"date_from": TODAY - timedelta(days=400), "date_to": TODAY}
    before = [
        report.build(user=w.officer, **span) for report in (interest_report, employment_report)
    ]
    assert before[0]["totals"]["not_interested"] == 1

    with time_machine.travel(THREE_YEARS_ON):
        batch = services.batch_prepare(actor=dpo)
        due = batch.items.get(RecordType.CUSTOMER, [])
        assert dee.pk in due and cal.pk not in due
        with django_capture_on_commit_callbacks(execute=True):
            services.batch_confirm(actor=dpo, batch=batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.done == len(due)
    dee.refresh_from_db()
    assert (dee.first_name, dee.last_name, dee.phone) == ("", "", "")
    assert dee.not_interested_other == "Another reason (removed)"
    assert Customer.objects.get(pk=cal.pk).first_name == "Cal"
    record = DisposalRecord.objects.get(batch=batch, record_type=RecordType.CUSTOMER)
    assert record.count == len(due) and "2 years after their journey ends" in record.rule
    assert received_copy(w.kappa, w.sent["Dee"]).payload == {"redacted": True}
    after = [
        report.build(user=w.officer, **span) for report in (interest_report, employment_report)
    ]
    assert after == before
