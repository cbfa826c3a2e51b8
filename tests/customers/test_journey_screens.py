"""Journey screens: every new URL against the borough's officer, the provider's adviser
and manager, another provider's adviser and a family centre; the officer sees the
provider's steps on the customer's record and nothing else of the provider's."""

from datetime import time, timedelta

import pytest
from django.db import connection

from casework.worklist.models import Task
from customers.models import Appointment, AppointmentStatus, OutcomeStep, OutcomeStepCorrection
from customers.services.appointments import appointment_book
from customers.services.outcomes import outcome_step_record
from referrals.models import Referral
from tenants.models import Partner
from tests.casework.screens import body, today_text, user_with
from tests.clients import signed_in
from tests.customers.journey import TODAY, a_customer, inside, received_copy, refer
from tests.partners import PARTNER_BROWSER_PR

WHO = ("officer", "editor", "adviser", "provider_manager", "other_provider", "family_centre")
OK, NF, NO = 200, 404, 403
EXPECTED = {
    "refer": (OK, NF, NF, NF, NF, NF),
    "customer_history": (OK, NF, NF, NF, NF, NF),
    "journeys": (NO, NO, OK, OK, OK, NO),
    "journey": (NO, NO, OK, OK, NF, NO),
    "status": (NO, NO, OK, OK, NF, NO),
    # Correcting a step: the provider's advisers and managers; the borough reads it only.
    "step_correct": (NF, NF, OK, OK, NF, NF),
    # A task about the customer: whoever may see the customer.
    "task_new": (OK, NF, NF, NF, NF, NF),
    # The home page, and the lists its counts lead to.
    "home": (OK, OK, OK, OK, OK, OK),
    "open_journeys": (OK, NO, OK, OK, OK, NO),
    "waiting_for_booking": (NO, NO, OK, OK, OK, NO),
    "appointments_today": (NO, NO, OK, OK, OK, NO),
    "appointments_missing": (NO, NO, OK, OK, OK, NO),
}


@pytest.fixture
def world(people, partner_c, partner_a):
    w = people
    w.kappa = partner_c
    w.customer = a_customer(w.officer)
    w.sent = refer(w.officer, w.customer, partner_c)
    with inside(partner_c):
        w.adviser = user_with("adviser")
        w.provider_manager = user_with("provider-manager")
        w.received = received_copy(partner_c, w.sent)
        w.appointment = appointment_book(
            actor=w.adviser,
            referral=w.received,
            on=TODAY,
            at=time(11, 0),
            adviser=w.adviser,
            place="Library",
        )
        w.step = outcome_step_record(
            actor=w.adviser,
            referral=w.received,
            kind="training_started",
            on=TODAY,
            details={"course": "Forklift"},
        )
    w.other = Partner.objects.get(slug=PARTNER_BROWSER_PR.slug)
    with inside(w.other):
        w.other_provider = user_with("adviser")
    with inside(partner_a):
        w.family_centre = user_with("manager")
    return w


def partner_of(w, who):
    if who in ("officer", "editor"):
        return w.borough
    if who in ("adviser", "provider_manager"):
        return w.kappa
    return {"other_provider": w.other, "family_centre": Partner.objects.get(slug="alpha")}[who]


def url_of(w, key):
    return {
        "refer": f"/customers/{w.customer.public_id}/refer/",
        "customer_history": f"/customers/{w.customer.public_id}/history/",
        "journeys": "/employment/",
        "journey": f"/employment/{w.sent.public_id}/",
        "status": f"/employment/appointments/{w.appointment.public_id}/status/",
        "step_correct": f"/employment/steps/{w.step.public_id}/correct/",
        "task_new": f"/tasks/new/customer/{w.customer.public_id}/",
        "home": "/",
        "open_journeys": "/customers/?show=open-journeys",
        "waiting_for_booking": "/employment/?waiting=booking",
        "appointments_today": "/employment/appointments/?show=today&who=team",
        "appointments_missing": "/employment/appointments/?show=missing&who=team",
    }[key]


@pytest.mark.security
@pytest.mark.parametrize("who", WHO)
def test_access_matrix(world, who):
    client = signed_in(partner_of(world, who), getattr(world, who))
    for key, row in EXPECTED.items():
        expected = row[WHO.index(who)]
        response = client.get(url_of(world, key))
        assert response.status_code == expected, (who, key, response.status_code)
        if who not in ("adviser", "provider_manager", "officer"):
            assert "Okafor" not in body(response)
        if expected != OK:
            client.post(
                url_of(world, key),
                {
                    "status": "attended",
                    "provider": str(world.kappa.pk),
                    "kind": "error",
                    "text": "Forged",
                    "title": "Forged",
                },
            )
    if who not in ("adviser", "provider_manager"):
        # Nobody outside the provider records anything on its copy.
        client.post(
            f"/employment/{world.sent.public_id}/steps/",
            {"kind": "first_attended", "on": today_text()},
        )
        client.post(
            f"/employment/{world.sent.public_id}/book/",
            {"on": today_text(), "at": "10:00", "adviser": "1", "place": "x"},
        )
    with inside(world.kappa):
        assert Appointment.objects.count() == 1
        assert Appointment.objects.get().status == AppointmentStatus.BOOKED
        assert OutcomeStep.objects.count() == 1 and not OutcomeStepCorrection.objects.exists()
    with inside(world.borough):
        assert Referral.objects.filter(direction="sent").count() == 1
        assert not OutcomeStepCorrection.objects.exists()
        assert not Task.objects.filter(title__endswith="Forged").exists()
    connection.set_tenant(world.borough)


def test_the_officer_refers_from_the_customer_record(people, partner_c):
    customer = a_customer(people.officer)
    client = signed_in(people.borough, people.officer)
    page = body(client.get(f"/customers/{customer.public_id}/"))
    assert "Not referred to a provider yet" in page
    form = body(client.get(f"/customers/{customer.public_id}/refer/"))
    assert partner_c.name in form
    response = client.post(
        f"/customers/{customer.public_id}/refer/",
        {
            "provider": str(partner_c.pk),
            "support_wanted": "Wants a CV",
            "agreed_on": today_text(),
            "how": "booked",
            "appointment_date": today_text(-3),
            "appointment_time": "14:30",
            "adviser": "Ash Adviser",
            "place": "Job hub",
        },
    )
    assert response.status_code == 302
    sent = Referral.objects.get(direction="sent")
    with inside(partner_c):
        appointment = Appointment.objects.get(referral__public_id=sent.public_id)
        assert appointment.on == TODAY + timedelta(days=3) and appointment.at == time(14, 30)
    page = body(client.get(f"/customers/{customer.public_id}/"))
    assert "Appointment booked" in page and "Ash Adviser, Job hub" in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"provider": ""}, "Choose a provider the directory offers for this area."),
        ({"how": "booked"}, "Enter the appointment date."),
        ({"how": "booked", "appointment_time": "25:99"}, "like 14:30"),
        ({"agreed_on": "31/2/2020"}, "Enter a real date"),
        ({"support_wanted": ""}, "Say what support the resident wants."),
        (
            {"how": "booked", "appointment_date": today_text(1), "appointment_time": "9:00"},
            "The appointment date cannot be in the past.",
        ),
    ],
)
def test_the_refer_form_names_bad_fields(people, partner_c, data, message):
    customer = a_customer(people.officer)
    client = signed_in(people.borough, people.officer)
    good = {
        "provider": str(partner_c.pk),
        "support_wanted": "Wants a CV",
        "agreed_on": today_text(),
        "how": "request",
        "adviser": "Ash",
        "place": "Hub",
    }
    response = client.post(f"/customers/{customer.public_id}/refer/", good | data)
    assert response.status_code == 200
    assert message in body(response)
    assert not Referral.objects.exists()


def test_the_adviser_works_the_referral_and_the_officer_sees_it(world):
    client = signed_in(world.kappa, world.adviser)
    page = body(client.get("/employment/"))
    assert "Jordan Okafor" in page and world.borough.name in page
    response = client.post(
        f"/employment/appointments/{world.appointment.public_id}/status/", {"status": "attended"}
    )
    assert response.status_code == 302
    response = client.post(
        f"/employment/{world.received.public_id}/steps/",
        {"kind": "training_started", "on": today_text(), "course": "Food hygiene"},
    )
    assert response.status_code == 302
    # A bad step names its field and records nothing.
    bad = client.post(
        f"/employment/{world.received.public_id}/steps/",
        {"kind": "employment", "on": today_text(), "hours": "many"},
    )
    assert "Enter the hours a week as a whole number from 1 to 80." in body(bad)
    assert "Choose the type of employment." in body(bad)
    page = body(client.get(f"/employment/{world.received.public_id}/"))
    assert "Training started: Food hygiene" in page and "Attended" in page
    # Status on an attended appointment: refused, named.
    again = client.post(
        f"/employment/appointments/{world.appointment.public_id}/status/",
        {"status": "did_not_attend"},
    )
    assert "This appointment is attended: its status cannot be changed." in body(again)
    # The officer's view of the customer: both steps, nothing else of the provider's.
    officer = signed_in(world.borough, world.officer)
    page = body(officer.get(f"/customers/{world.customer.public_id}/"))
    assert f"First appointment attended ({TODAY:%d/%m/%Y})" in page
    assert f"Training started: Food hygiene ({TODAY:%d/%m/%Y})" in page
    assert "Record status" not in page and "/employment/" not in page
    assert officer.get(f"/employment/{world.received.public_id}/").status_code == 403


def test_the_adviser_books_on_the_page(world):
    client = signed_in(world.kappa, world.adviser)
    response = client.post(
        f"/employment/{world.received.public_id}/book/",
        {"on": today_text(-1), "at": "15:00", "adviser": str(world.adviser.pk), "place": "Hub"},
    )
    assert response.status_code == 302
    refused = client.post(
        f"/employment/{world.received.public_id}/book/",
        {"on": today_text(1), "at": "", "adviser": "", "place": ""},
    )
    text = body(refused)
    assert "The appointment date cannot be in the past." in text
    assert "Enter the appointment time." in text and "Choose the adviser." in text
    with inside(world.kappa):
        assert Appointment.objects.count() == 2


def test_the_exchange_screens_show_a_customer_referral(world):
    officer = signed_in(world.borough, world.officer)
    assert officer.get("/referrals/sent/").status_code == 200
    page = body(officer.get(f"/referrals/sent/{world.sent.public_id}/"))
    assert "Appointment booked" in page and "Wants work in retail" in page
    adviser = signed_in(world.kappa, world.adviser)
    page = body(adviser.get(f"/referrals/inbox/{world.sent.public_id}/"))
    assert "Jordan" in page and "Wants work in retail" in page
    connection.set_tenant(world.borough)


def test_the_customer_record_reads_the_journey_in_the_same_queries_however_long(
    world, django_assert_max_num_queries
):
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    client = signed_in(world.borough, world.officer)
    url = f"/customers/{world.customer.public_id}/"
    client.get(url)  # warm caches (permissions, partner)
    with CaptureQueriesContext(db) as one:
        client.get(url)
    for _ in range(3):
        refer(world.officer, world.customer, world.kappa)
    with django_assert_max_num_queries(len(one)):
        page = body(client.get(url))
    assert page.count('data-testid="journey"') == 4
