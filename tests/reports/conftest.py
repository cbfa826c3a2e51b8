"""Known casework in partner A for the report and export tests: two practitioners'
engagements with sessions on fixed dates, a manager who sees both, and a user of
partner B."""

from datetime import date

import pytest
from django.db import connection

from casework.models import Attendance, Programme, Service, ServiceDelivery
from casework.services.engagements import engagement_close
from tests.casework.screens import new_child, new_engagement, user_with
from tests.reports.media import media_in_tmp  # noqa: F401 (autouse fixture)


class World:
    pass


def sessions(engagement, service, recorded_by, rows):
    for day, attendance in rows:
        ServiceDelivery.objects.create(
            engagement=engagement,
            service=service,
            date=day,
            attendance=attendance,
            duration_minutes=60,
            recorded_by=recorded_by,
        )


@pytest.fixture
def world(partner_a, partner_b):
    connection.set_tenant(partner_a)
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.owner = user_with("practitioner")
    w.other = user_with("practitioner")
    w.manager = user_with("manager")
    w.editor = user_with("editor")
    programme = Programme.objects.create(name="Report Families", code_prefix="RP")
    w.stay = Service.objects.create(programme=programme, name="RP: Stay & Play")
    w.nursery = Service.objects.create(programme=programme, name="RP: Nursery")
    # The owner's child: opened in January 2025, closed in March, four sessions.
    w.child = new_child(w.owner, first="Owly", last="Ownerson", alerts="")
    w.mine = new_engagement(w.owner, w.child, programme, start_date=date(2025, 1, 10))
    sessions(
        w.mine,
        w.stay,
        w.owner,
        [
            (date(2025, 1, 15), Attendance.ATTENDED),
            (date(2025, 1, 22), Attendance.ABSENT),
            (date(2025, 2, 5), Attendance.ATTENDED),
        ],
    )
    sessions(w.mine, w.nursery, w.owner, [(date(2025, 2, 12), Attendance.EXCUSED)])
    engagement_close(actor=w.owner, engagement=w.mine, closed_on=date(2025, 3, 3))
    # The other practitioner's child: opened in February 2025, two sessions. A name that
    # starts a spreadsheet formula, to prove it is neutralised.
    w.secret = new_child(w.other, first="=HYPERLINK(1)", last="Hiddenhill", postcode="M1 1AE")
    w.theirs = new_engagement(w.other, w.secret, programme, start_date=date(2025, 2, 1))
    sessions(
        w.theirs,
        w.stay,
        w.other,
        [(date(2025, 2, 5), Attendance.ATTENDED), (date(2025, 4, 2), Attendance.ATTENDED)],
    )
    connection.set_tenant(partner_b)
    w.stranger = user_with("data-team")  # partner B, with reports and casework
    connection.set_tenant(partner_a)
    return w
