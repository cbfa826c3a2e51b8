"""Data-sharing agreements' end dates (issue 19), through the daily beat task with the
clock frozen: both sides' data protection officers (and champions) are told 30 and 7 days
before, once each; the agreement covers referrals to its end date inclusive; the day
after, it is ended, logged on both sides and both told."""

from datetime import date, datetime, time, timedelta

import time_machine
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.worklist.models import Notification
from referrals.agreements.models import AgreementStatus
from referrals.agreements.reminders import ENDED_BY
from referrals.tasks import agreements_end_dates
from tenants.accounts.models import User
from tests.referrals.agreements import actions_in, offered, proposed
from tests.referrals.exchange import officer_of, platform_agreements_end


def on(day: date):
    return time_machine.travel(timezone.make_aware(datetime.combine(day, time(6, 45))), tick=False)


def told(partner, start: str) -> dict[str, int]:
    with schema_context(partner.schema_name):
        rows = Notification.objects.filter(title__startswith=start)
        return {
            username: rows.filter(recipient__username=username).count()
            for username in ("data-protection", "champion")
        }


def test_reminders_before_the_end_date_then_it_ends(partner_b, partner_c):
    entry = settings.CELERY_BEAT_SCHEDULE["agreements-end-dates"]
    assert entry["task"] == agreements_end_dates.name
    assert entry["tenant_schemas"] == ["public"]
    platform_agreements_end()
    ends = timezone.localdate() + timedelta(days=60)
    agreement = proposed(partner_b, partner_c, ends_on=ends)
    with schema_context(partner_c.schema_name):
        from referrals.agreements.services import agreement_accept

        agreement_accept(actor=officer_of(partner_c), agreement=agreement)
    with schema_context(partner_c.schema_name):
        assert User.objects.filter(username="champion").exists()
    reminder = "A data-sharing agreement for food referrals ends"

    with on(ends - timedelta(days=31)):
        assert agreements_end_dates() == {"reminded": 0, "ended": 0}
    with on(ends - timedelta(days=30)):
        first = agreements_end_dates()
        assert first["reminded"] >= 4 and first["ended"] == 0  # officer and champion, each side
        assert agreements_end_dates()["reminded"] == 0  # once
    for partner in (partner_b, partner_c):
        assert told(partner, f"{reminder} in 30 days") == {"data-protection": 1, "champion": 1}
    with on(ends - timedelta(days=20)):
        assert agreements_end_dates()["reminded"] == 0
    with on(ends - timedelta(days=7)):
        assert agreements_end_dates()["reminded"] >= 4
        assert agreements_end_dates()["reminded"] == 0
    for partner in (partner_b, partner_c):
        assert told(partner, f"{reminder} in 7 days") == {"data-protection": 1, "champion": 1}

    with on(ends):  # its last day: still in force
        assert agreements_end_dates()["ended"] == 0
        assert partner_c.pk in offered(partner_b)
    with on(ends + timedelta(days=1)):
        assert partner_c.pk not in offered(partner_b)  # stopped, before the job runs
        assert agreements_end_dates() == {"reminded": 0, "ended": 1}
        assert agreements_end_dates() == {"reminded": 0, "ended": 0}
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED and agreement.ended_by_name == ENDED_BY
    steps = ["agreement.proposed", "agreement.accepted", "agreement.ended"]
    assert actions_in(partner_b, agreement) == actions_in(partner_c, agreement) == steps
    for partner in (partner_b, partner_c):
        ended = told(partner, "A data-sharing agreement ended on its end date")
        assert ended == {"data-protection": 1, "champion": 1}
