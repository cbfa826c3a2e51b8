from datetime import date, timedelta

import pytest

from casework.dashboard import (
    deliveries_per_week,
    follow_ups,
    my_open_engagements,
    my_recent_sessions,
)
from casework.models import ContactKind, ServiceDelivery
from casework.services.contacts import contact_create
from casework.services.engagements import engagement_open

TODAY = date.today()


def engagement_with(
    practitioner, programme, service, attendances, *, name, start_days_ago=60, last_days_ago=1
):
    child = contact_create(
        actor=practitioner,
        kind=ContactKind.CHILD,
        first_name=name,
        last_name="Test",
        date_of_birth=TODAY - timedelta(days=1500),
    )
    engagement = engagement_open(
        actor=practitioner,
        contact=child,
        programme=programme,
        start_date=TODAY - timedelta(days=start_days_ago),
    )
    for offset, attendance in enumerate(reversed(attendances)):  # the last one is the latest
        ServiceDelivery.objects.create(
            engagement=engagement,
            service=service,
            attendance=attendance,
            date=TODAY - timedelta(days=last_days_ago + offset),
            recorded_by=practitioner,
        )
    return engagement


def by_key(user):
    return {f.key: set(e.contact.first_name for e in f.engagements) for f in follow_ups(user=user)}


def test_follow_up_lists(practitioner, other_practitioner, programme, service):
    engagement_with(practitioner, programme, service, ["attended", "absent"], name="Once")
    engagement_with(practitioner, programme, service, ["absent", "absent", "absent"], name="Thrice")
    engagement_with(
        practitioner, programme, service, ["absent", "attended", "absent", "absent"], name="Broken"
    )
    engagement_with(practitioner, programme, service, ["attended"], name="Quiet", last_days_ago=20)
    engagement_with(practitioner, programme, service, [], name="Never", start_days_ago=30)
    engagement_with(practitioner, programme, service, [], name="New", start_days_ago=3)
    engagement_with(practitioner, programme, service, ["attended"], name="Fine")
    lists = by_key(practitioner)
    assert lists["absent-last"] == {"Once", "Thrice", "Broken"}
    assert lists["absent-three"] == {"Thrice"}
    assert lists["quiet"] == {"Quiet", "Never"}
    # Someone else's engagements are not counted for another practitioner.
    assert by_key(other_practitioner) == {
        "absent-last": set(),
        "absent-three": set(),
        "quiet": set(),
    }


def test_deliveries_per_week_covers_twelve_weeks(practitioner, programme, service):
    engagement_with(
        practitioner, programme, service, ["attended", "attended"], name="A", last_days_ago=0
    )
    weeks = deliveries_per_week(user=practitioner)
    assert len(weeks) == 12
    assert weeks[-1][0] <= TODAY < weeks[-1][0] + timedelta(days=7)
    assert sum(n for _, n in weeks) == 2


def test_my_lists(practitioner, other_practitioner, programme, service):
    mine = engagement_with(practitioner, programme, service, ["attended"], name="Mine")
    engagement_with(other_practitioner, programme, service, ["attended"], name="Theirs")
    assert list(my_open_engagements(user=practitioner)) == [mine]
    assert [d.engagement for d in my_recent_sessions(user=practitioner)] == [mine]


@pytest.mark.parametrize("engagements", [3, 30])
def test_dashboard_query_count_does_not_grow_with_data(
    practitioner, programme, service, django_assert_max_num_queries, engagements
):
    for i in range(engagements):
        engagement_with(practitioner, programme, service, ["absent"], name=f"C{i}")
    with django_assert_max_num_queries(8):
        for item in follow_ups(user=practitioner):
            [e.contact.first_name for e in item.engagements]
        deliveries_per_week(user=practitioner)


def test_home_page_shows_the_figures_and_the_chart(in_partner_a, practitioner, programme, service):
    from django.test import Client

    from tests.partners import PASSWORD, domain_of

    practitioner.set_password(PASSWORD)
    practitioner.save()
    engagement_with(practitioner, programme, service, ["absent", "absent", "absent"], name="Thrice")
    client = Client(HTTP_HOST=domain_of(in_partner_a))
    client.post("/sign-in/", {"username": practitioner.username, "password": PASSWORD})
    page = client.get("/").content.decode()
    assert 'data-testid="follow-up-absent-three"' in page
    assert "Thrice Test" in page
    assert "<svg" in page and "3 in all" in page
    # A role that records no casework gets no caseload figures.
    from tests.tenants.accounts.helpers import make_user

    editor = make_user(role_key="editor", password=PASSWORD)
    other = Client(HTTP_HOST=domain_of(in_partner_a))
    other.post("/sign-in/", {"username": editor.username, "password": PASSWORD})
    assert "<svg" not in other.get("/").content.decode()
