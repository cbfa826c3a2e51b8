"""The edit and removal screens: "Change" links beside each section, a refusal that names
the field and changes nothing, and the History tab reading old → new with the reason
and who made the change, in words (no codes)."""

from datetime import date, timedelta
from html import escape

from casework.models import Contact, GroupSession, Programme, ServiceDelivery
from casework.services.contacts import contact_create
from casework.services.engagements import delivery_create, engagement_share
from casework.services.group_sessions import BulkRow, deliveries_bulk_create
from tests.casework.screens import body, new_child, new_engagement, user_with
from tests.clients import signed_in


def dmy(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def test_a_childs_date_of_birth_is_corrected_with_a_reason(in_partner_a, owner, owner_client):
    child = new_child(owner)
    page = body(owner_client.get(f"/contacts/{child.public_id}/"))
    assert f'href="/contacts/{child.public_id}/change/#id_date_of_birth"' in page
    assert 'Change<span class="govuk-visually-hidden"> date of birth</span>' in page
    url = f"/contacts/{child.public_id}/change/"
    form = body(owner_client.get(url))
    assert f'value="{dmy(child.date_of_birth)}"' in form
    born = date.today() - timedelta(days=800)
    data = {
        "first_name": "Sam",
        "last_name": "Bunny",
        "date_of_birth": dmy(born),
        "consent": "given",
    }
    refused = owner_client.post(url, data)
    assert refused.status_code == 200
    page = body(refused)
    assert "There is a problem" in page and 'href="#id_reason"' in page
    assert "Say why you are making this change" in page
    assert Contact.objects.get(pk=child.pk).date_of_birth == child.date_of_birth
    done = owner_client.post(url, {**data, "reason": "Birth certificate seen"})
    assert done.status_code == 302
    assert Contact.objects.get(pk=child.pk).date_of_birth == born
    history = body(owner_client.get(f"/contacts/{child.public_id}/history/"))
    old, new = child.date_of_birth, born
    assert f"Date of birth:</span> {old:%-d %b %Y} → {new:%-d %b %Y}" in history
    assert "Reason: Birth certificate seen" in history
    assert owner.get_full_name() in history


def test_an_engagement_offers_changes_to_its_owner_not_to_a_colleague_it_is_shared_with(
    in_partner_a, owner, owner_client, programme, service
):
    child = new_child(owner)
    engagement = new_engagement(owner, child, programme)
    delivery = delivery_create(actor=owner, engagement=engagement, service=service, on=date.today())
    shared = user_with("practitioner")
    engagement_share(actor=owner, engagement=engagement, with_user=shared)
    page = body(owner_client.get(f"/engagements/{engagement.public_id}/"))
    assert f"/engagements/{engagement.public_id}/change/#id_referral_source" in page
    assert f"/deliveries/{delivery.public_id}/remove/" in page
    # The log of opening and sharing reads in words, not codes or usernames.
    assert "Engagement opened" in page and f"Shared with {shared.get_full_name()}" in page
    assert "engagement.open" not in page and "engagement.share" not in page
    theirs = body(signed_in(in_partner_a, shared).get(f"/engagements/{engagement.public_id}/"))
    assert "/change/" not in theirs and "/remove/" not in theirs


def test_a_wrong_session_is_removed_and_history_says_why(
    in_partner_a, owner, owner_client, programme, service
):
    child = new_child(owner)
    engagement = new_engagement(owner, child, programme)
    delivery = delivery_create(
        actor=owner, engagement=engagement, service=service, on=date.today(), summary="Wrong"
    )
    url = f"/deliveries/{delivery.public_id}/remove/"
    refused = owner_client.post(url, {"reason": ""})
    assert refused.status_code == 200 and "Say why it is being removed" in body(refused)
    assert ServiceDelivery.objects.get(pk=delivery.pk).removed_at is None
    assert owner_client.post(url, {"reason": "Entered in error"}).status_code == 302
    page = body(owner_client.get(f"/engagements/{engagement.public_id}/"))
    assert "Wrong" not in page
    history = body(owner_client.get(f"/engagements/{engagement.public_id}/history/"))
    assert f"Service delivery removed: {escape(service.name)}" in history
    assert "Reason: Entered in error" in history
    assert "Removed at" not in history and "Removal reason" not in history
    # Removed is gone: its screens are not found.
    assert owner_client.get(f"/deliveries/{delivery.public_id}/change/").status_code == 404


def test_an_old_session_is_changed_with_a_reason(
    in_partner_a, owner, owner_client, programme, service
):
    child = new_child(owner)
    engagement = new_engagement(owner, child, programme)
    old = date.today() - timedelta(days=10)
    delivery = delivery_create(actor=owner, engagement=engagement, service=service, on=old)
    url = f"/deliveries/{delivery.public_id}/change/"
    data = {"service": str(service.public_id), "date": dmy(old), "attendance": "absent"}
    refused = owner_client.post(url, data)
    assert refused.status_code == 200 and "more than 7 days old" in body(refused)
    assert owner_client.post(url, {**data, "reason": "Register checked"}).status_code == 302
    history = body(owner_client.get(f"/engagements/{engagement.public_id}/history/"))
    assert "Attendance:</span> Attended → Absent" in history
    assert "Reason: Register checked" in history


def test_a_group_sessions_rows_are_changed_from_its_page(
    in_partner_a, owner, owner_client, programme, service
):
    child = new_child(owner)
    engagement = new_engagement(owner, child, programme)
    [row] = deliveries_bulk_create(
        actor=owner,
        rows=[BulkRow(engagement=engagement, service=service, on=date.today())],
        anonymous_attendees=2,
        group_service=service,
        on=date.today(),
    )
    session = row.group_session
    page = body(owner_client.get(f"/engagements/{engagement.public_id}/"))
    assert f"/group-sessions/{session.public_id}/" in page
    page = body(owner_client.get(f"/group-sessions/{session.public_id}/"))
    assert child.display_name in page and f"/deliveries/{row.public_id}/change/" in page
    form = body(owner_client.get(f"/deliveries/{row.public_id}/change/"))
    assert "Its service and date are the group session's" in form and 'id="id_date"' not in form
    kept = {"service": str(service.public_id), "date": dmy(date.today())}
    response = owner_client.post(
        f"/group-sessions/{session.public_id}/", {**kept, "anonymous_attendees": "5"}
    )
    assert response.status_code == 302
    assert GroupSession.objects.get(pk=session.pk).anonymous_attendees == 5
    page = body(owner_client.get(f"/group-sessions/{session.public_id}/"))
    assert "Attendees not recorded by name:</span> 2 → 5" in page
    refused = owner_client.post(
        f"/group-sessions/{session.public_id}/", {**kept, "anonymous_attendees": "-1"}
    )
    assert refused.status_code == 200 and "There is a problem" in body(refused)


def test_a_member_entered_in_error_leaves_the_household(in_partner_a, owner, owner_client):
    child = new_child(owner)
    wrong = contact_create(
        actor=owner, kind="adult", first_name="Wrong", last_name="Person", household=child.household
    )
    household_url = f"/households/{child.household.public_id}/"
    page = body(owner_client.get(household_url))
    remove_url = f"{household_url}members/{wrong.public_id}/remove/"
    assert remove_url in page
    assert owner_client.post(remove_url, {"reason": "Recorded twice"}).status_code == 302
    page = body(owner_client.get(household_url))
    assert "Wrong Person" not in page.split("Members")[1] and "Bunny Household" in page
    history = body(owner_client.get(f"{household_url}history/"))
    assert "Contact removed: Wrong Person" in history and "Recorded twice" in history
    assert owner_client.get(f"/contacts/{wrong.public_id}/").status_code == 404


def test_managers_end_a_programme_and_a_bad_service_name_is_refused(
    in_partner_a, programme, service
):
    manager = user_with("manager")
    client = signed_in(in_partner_a, manager)
    assert f"/programmes/{programme.public_id}/change/" in body(client.get("/programmes/"))
    response = client.post(
        f"/programmes/{programme.public_id}/change/",
        {"name": "Riverside Families", "code_prefix": "RF"},
    )
    assert response.status_code == 302
    assert not Programme.objects.get(pk=programme.pk).is_active
    assert "Ended" in body(client.get("/programmes/"))
    refused = client.post(f"/services/{service.public_id}/change/", {"name": ""})
    assert refused.status_code == 200 and "There is a problem" in body(refused)


def test_a_group_sessions_page_costs_the_same_for_3_rows_as_for_15(
    in_partner_a, owner, owner_client, programme, service, django_assert_max_num_queries
):
    def session_with(count):
        engagements = [
            new_engagement(owner, new_child(owner, first=f"Kid{count}x{i}"), programme)
            for i in range(count)
        ]
        rows = deliveries_bulk_create(
            actor=owner,
            rows=[BulkRow(engagement=e, service=service, on=date.today()) for e in engagements],
            group_service=service,
            on=date.today(),
        )
        return f"/group-sessions/{rows[0].group_session.public_id}/"

    small, large = session_with(3), session_with(15)
    with django_assert_max_num_queries(60) as few:
        owner_client.get(small)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = body(owner_client.get(large))
    assert page.count("/change/") == 15
