"""Engagements over HTTP: open (children only), record deliveries and consultations,
close (then no new work), share and reassign, the paged list and its query count."""

from datetime import date

import pytest
from django.utils.html import escape

from casework.models import Consultation, Engagement, ServiceDelivery
from casework.services.contacts import contact_create
from casework.services.engagements import CLOSED_MESSAGE, engagement_close
from tests.casework.screens import body, new_child, new_engagement, today_text, user_with
from tests.clients import signed_in


@pytest.fixture
def sam(owner):
    return new_child(owner)


@pytest.fixture
def engagement(owner, sam, programme, service):
    return new_engagement(owner, sam, programme)


def test_open_an_engagement_for_a_child(owner_client, sam, programme):
    page = body(owner_client.get(f"/contacts/{sam.public_id}/engagements/new/"))
    assert f'<option value="{programme.public_id}"' in page
    response = owner_client.post(
        f"/contacts/{sam.public_id}/engagements/new/",
        {
            "programme": str(programme.public_id),
            "referral_source": "Health visitor",
            "referral_date": today_text(3),
            "start_date": today_text(),
            "stage": "in_progress",
        },
    )
    engagement = Engagement.objects.get(contact=sam)
    assert response.status_code == 302
    assert response["Location"] == f"/engagements/{engagement.public_id}/"
    page = body(owner_client.get(response["Location"]))
    assert programme.name in page and "Health visitor" in page and "Record a delivery" in page
    assert sam.display_name in body(owner_client.get("/engagements/"))


def test_an_adult_gets_the_services_message(owner_client, owner, sam, programme):
    adult = contact_create(
        actor=owner, kind="adult", first_name="Jane", last_name="Bunny", household=sam.household
    )
    response = owner_client.post(
        f"/contacts/{adult.public_id}/engagements/new/",
        {"programme": str(programme.public_id), "start_date": today_text(), "stage": "applied"},
    )
    assert response.status_code == 200
    assert "Engagements are for children" in body(response)
    assert not Engagement.objects.filter(contact=adult).exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"start_date": "32/1/2024"}, "start_date", "Enter a real date"),
        ({"start_date": ""}, "start_date", "Enter the start date."),
        ({"programme": "nonsense"}, "programme", "Choose a programme."),
        ({"referral_date": "1/1/2999"}, "referral_date", "cannot be after the start date"),
    ],
)
def test_open_form_errors_name_the_field(owner_client, sam, programme, changes, field, message):
    data = {"programme": str(programme.public_id), "start_date": today_text(), "stage": "applied"}
    response = owner_client.post(f"/contacts/{sam.public_id}/engagements/new/", data | changes)
    assert response.status_code == 200
    assert message in body(response) and f'href="#id_{field}"' in body(response)
    assert not Engagement.objects.filter(contact=sam).exists()


def test_record_a_delivery_with_the_service_lookup(owner_client, engagement, service):
    url = f"/engagements/{engagement.public_id}/deliveries/new/"
    assert escape(service.name) in body(owner_client.get(f"{url}?code=RF"))
    assert f'<option value="{service.public_id}"' not in body(owner_client.get(f"{url}?code=ZZ"))
    response = owner_client.post(
        url,
        {
            "service": str(service.public_id),
            "date": today_text(1),
            "attendance": "attended",
            "duration_minutes": "45",
            "summary": "Played with sand",
        },
    )
    assert response.status_code == 302
    delivery = ServiceDelivery.objects.get(engagement=engagement)
    assert delivery.duration_minutes == 45
    assert "Played with sand" in body(owner_client.get(f"/engagements/{engagement.public_id}/"))


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"date": "not a date"}, "date", "Enter a real date"),
        ({"date": "1/1/2999"}, "date", "future date"),
        ({"service": ""}, "service", "Choose a service."),
        ({"duration_minutes": "-5"}, "duration_minutes", "greater than or equal to 0"),
        ({"attendance": "maybe"}, "attendance_0", "Select a valid choice"),
    ],
)
def test_delivery_errors_name_the_field(owner_client, engagement, service, changes, field, message):
    data = {"service": str(service.public_id), "date": today_text(), "attendance": "attended"}
    response = owner_client.post(
        f"/engagements/{engagement.public_id}/deliveries/new/", data | changes
    )
    assert response.status_code == 200
    assert message in body(response) and f'href="#id_{field}"' in body(response)
    assert not ServiceDelivery.objects.exists()


def test_consultation_then_close_then_no_new_work(owner_client, owner, engagement, service):
    base = f"/engagements/{engagement.public_id}"
    response = owner_client.post(
        f"{base}/consultations/new/",
        {"date": today_text(), "method": "phone", "held_with": "Mum", "notes": "Talked"},
    )
    assert response.status_code == 302 and Consultation.objects.count() == 1
    missing = owner_client.post(f"{base}/consultations/new/", {"date": today_text()})
    assert "Enter the notes." in body(missing) and 'href="#id_held_with"' in body(missing)
    response = owner_client.post(f"{base}/close/", {"closed_on": "1/1/1990", "stage": "closed"})
    assert "cannot be before the start date" in body(response)
    response = owner_client.post(f"{base}/close/", {"closed_on": today_text(), "stage": "closed"})
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.stage == "closed" and engagement.closed_on == date.today()
    page = body(owner_client.get(base + "/"))
    assert "Record a delivery" not in page and "takes no new work" in page
    response = owner_client.post(
        f"{base}/deliveries/new/",
        {"service": str(service.public_id), "date": today_text(), "attendance": "attended"},
    )
    assert response.status_code == 200 and CLOSED_MESSAGE in body(response)
    assert not ServiceDelivery.objects.exists()
    again = owner_client.post(f"{base}/close/", {"closed_on": today_text(), "stage": "closed"})
    assert CLOSED_MESSAGE in body(again)
    closed_list = body(owner_client.get("/engagements/?status=closed"))
    assert engagement.contact.display_name in closed_list
    assert engagement.contact.display_name not in body(owner_client.get("/engagements/"))


def test_owner_shares_and_stops_sharing_manager_reassigns(in_partner_a, owner_client, engagement):
    colleague = user_with("practitioner")
    manager = user_with("manager")
    url = f"/engagements/{engagement.public_id}/share/"
    page = body(owner_client.get(url))
    assert colleague.get_full_name() in page and 'value="reassign"' not in page
    owner_client.post(url, {"action": "share", "colleague": str(colleague.public_id)})
    colleague_client = signed_in(in_partner_a, colleague)
    assert colleague_client.get(f"/engagements/{engagement.public_id}/").status_code == 200
    owner_client.post(url, {"action": "stop_sharing", "colleague": str(colleague.public_id)})
    # No longer shared: not shown; emergency access may be asked for (casework.access).
    unshared = colleague_client.get(f"/engagements/{engagement.public_id}/")
    assert unshared.status_code == 403 and "Ask for emergency access" in unshared.content.decode()
    forged = owner_client.post(url, {"action": "reassign", "colleague": str(colleague.public_id)})
    assert forged.status_code == 200 and 'href="#id_action_0"' in body(forged)
    manager_client = signed_in(in_partner_a, manager)
    response = manager_client.post(
        url, {"action": "reassign", "colleague": str(colleague.public_id)}
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.owner_id == colleague.pk
    actions = list(engagement.events.values_list("action", flat=True))
    assert {"engagement.share", "engagement.unshare", "engagement.reassign"} <= set(actions)


def test_engagement_list_pages_25_at_a_time(owner_client, owner, programme):
    for n in range(30):
        new_engagement(owner, new_child(owner, first=f"Kid{n}", last=f"Fam{n}"), programme)
    first = body(owner_client.get("/engagements/"))
    assert "30 engagements" in first and "Page 1 of 2" in first and 'rel="next"' in first
    assert first.count('href="/engagements/') - first.count('href="/engagements/?') >= 25
    assert "Page 2 of 2" in body(owner_client.get("/engagements/?status=open&page=2"))


@pytest.mark.parametrize("count", [5, 50])
def test_engagement_list_queries_stay_bounded(
    owner_client, owner, programme, count, django_assert_max_num_queries
):
    for n in range(count):
        child = new_child(owner, first=f"Kid{n}", last=f"Fam{n}")
        engagement = new_engagement(owner, child, programme)
        if n % 2:
            engagement_close(actor=owner, engagement=engagement, closed_on=date.today())
    for status in ("open", "closed", "all"):
        with django_assert_max_num_queries(30):
            assert owner_client.get(f"/engagements/?status={status}").status_code == 200
