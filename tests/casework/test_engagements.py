from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from casework.models import Consultation, ContactKind, GroupSession, ServiceDelivery, Stage
from casework.services.contacts import contact_create
from casework.services.engagements import (
    consultation_create,
    delivery_create,
    engagement_close,
    engagement_open,
    programme_create,
    service_create,
)
from casework.services.group_sessions import BulkDeliveriesInvalid, BulkRow, deliveries_bulk_create

TODAY = date.today()


@pytest.fixture
def engagement(practitioner, child, programme):
    return engagement_open(
        actor=practitioner,
        contact=child,
        programme=programme,
        start_date=TODAY - timedelta(days=30),
    )


def test_engagements_are_for_children(practitioner, programme):
    parent = contact_create(
        actor=practitioner, kind=ContactKind.ADULT, first_name="Pat", last_name="Bunny"
    )
    with pytest.raises(ValidationError) as caught:
        engagement_open(actor=practitioner, contact=parent, programme=programme, start_date=TODAY)
    assert caught.value.message_dict["contact"] == [
        "Engagements are for children: open it on the child's record, not the adult's."
    ]


def test_the_owner_is_the_creator_and_closing_needs_a_date(practitioner, engagement):
    assert engagement.owner == practitioner and engagement.stage == Stage.IN_PROGRESS
    with pytest.raises(ValidationError, match="Enter the date the engagement closed"):
        engagement_close(actor=practitioner, engagement=engagement, closed_on=None)
    with pytest.raises(ValidationError, match="before the start date"):
        engagement_close(
            actor=practitioner, engagement=engagement, closed_on=TODAY - timedelta(days=60)
        )
    closed = engagement_close(actor=practitioner, engagement=engagement, closed_on=TODAY)
    assert closed.stage == Stage.CLOSED and closed.closed_on == TODAY


def test_a_closed_engagement_takes_no_new_work(practitioner, engagement, service):
    engagement_close(actor=practitioner, engagement=engagement, closed_on=TODAY)
    with pytest.raises(ValidationError, match="This engagement is closed"):
        delivery_create(actor=practitioner, engagement=engagement, service=service, on=TODAY)
    with pytest.raises(ValidationError, match="This engagement is closed"):
        consultation_create(
            actor=practitioner,
            engagement=engagement,
            on=TODAY,
            method="phone",
            held_with="Mum",
            notes="n",
        )
    assert not ServiceDelivery.objects.exists() and not Consultation.objects.exists()
    # New work after closing is a new engagement, even with no gap.
    again = engagement_open(
        actor=practitioner,
        contact=engagement.contact,
        programme=engagement.programme,
        start_date=TODAY,
    )
    assert (
        delivery_create(actor=practitioner, engagement=again, service=service, on=TODAY).engagement
        == again
    )


def test_delivery_rules(practitioner, engagement, service):
    delivery = delivery_create(
        actor=practitioner,
        engagement=engagement,
        service=service,
        on=TODAY,
        attendance="absent",
        duration_minutes=45,
        summary="Unwell",
    )
    assert delivery.attendance == "absent" and delivery.recorded_by == practitioner
    with pytest.raises(ValidationError) as caught:
        delivery_create(
            actor=practitioner,
            engagement=engagement,
            service=service,
            on=TODAY + timedelta(days=1),
            attendance="asleep",
            duration_minutes=-5,
        )
    assert set(caught.value.message_dict) == {"date", "attendance", "duration_minutes"}


def test_bulk_deliveries_are_all_or_nothing_with_each_bad_row_named(
    practitioner, engagement, service, programme
):
    closed = engagement_open(
        actor=practitioner,
        contact=engagement.contact,
        programme=programme,
        start_date=TODAY - timedelta(days=5),
    )
    engagement_close(actor=practitioner, engagement=closed, closed_on=TODAY)
    rows = [
        BulkRow(engagement=engagement, service=service, on=TODAY),
        BulkRow(engagement=closed, service=service, on=TODAY),
        BulkRow(engagement=engagement, service=None, on=TODAY - timedelta(days=1)),
    ]
    with pytest.raises(BulkDeliveriesInvalid) as caught:
        deliveries_bulk_create(actor=practitioner, rows=rows)
    assert set(caught.value.row_errors) == {1, 2}
    assert "closed" in caught.value.row_errors[1]["engagement"]
    assert caught.value.row_errors[2]["service"] == "Choose a service."
    assert not ServiceDelivery.objects.exists() and not GroupSession.objects.exists()
    saved = deliveries_bulk_create(actor=practitioner, rows=[rows[0]], anonymous_attendees=4)
    assert len(saved) == 1
    assert GroupSession.objects.get().anonymous_attendees == 4


def test_consultation_needs_method_people_and_notes(practitioner, engagement):
    with pytest.raises(ValidationError) as caught:
        consultation_create(
            actor=practitioner,
            engagement=engagement,
            on=TODAY,
            method="telepathy",
            held_with=" ",
            notes="",
        )
    assert set(caught.value.message_dict) == {"method", "held_with", "notes"}
    consultation = consultation_create(
        actor=practitioner,
        engagement=engagement,
        on=TODAY,
        method="meeting",
        held_with="Mum; health visitor",
        notes="Agreed a plan",
    )
    assert consultation.engagement == engagement


def test_only_managers_keep_the_catalogue(practitioner, manager):
    from casework.policy import CaseworkRefused

    with pytest.raises(CaseworkRefused):
        programme_create(actor=practitioner, name="X", code_prefix="X")
    programme = programme_create(actor=manager, name="Northside Centre", code_prefix="NS")
    assert service_create(actor=manager, programme=programme, name="Nursery").name == "NS: Nursery"
    with pytest.raises(ValidationError, match="already exists"):
        service_create(actor=manager, programme=programme, name="NS: Nursery")
