"""History screens: who, when and what changed in people's words, newest first, a page
at a time, with a bounded number of queries however long the history grows."""

from datetime import date, timedelta

from casework.services.contacts import contact_create
from casework.services.engagements import delivery_create, engagement_close
from casework.services.households import household_address_update
from tests.casework.screens import body, new_child, new_engagement, user_with
from tests.clients import signed_in


def test_engagement_history_screen_names_who_and_what(
    in_partner_a, owner, owner_client, programme, service
):
    child = new_child(owner)
    engagement = new_engagement(owner, child, programme, stage="applied")
    delivery_create(
        actor=owner, engagement=engagement, service=service, on=date.today(), attendance="excused"
    )
    manager = user_with("manager")
    engagement_close(actor=manager, engagement=engagement, closed_on=date.today())
    response = owner_client.get(f"/engagements/{engagement.public_id}/history/")
    assert response.status_code == 200
    page = body(response)
    assert page.index("Engagement changed") < page.index("Service delivery added")
    assert page.index("Service delivery added") < page.index("Engagement added")
    assert "Applied → Closed" in page and "Excused" in page
    assert manager.get_full_name() in page and owner.get_full_name() in page
    # The record links to its history.
    detail = body(owner_client.get(f"/engagements/{engagement.public_id}/"))
    assert f"/engagements/{engagement.public_id}/history/" in detail


def test_contact_and_household_history_screens(in_partner_a, owner, owner_client):
    child = new_child(owner)
    household_address_update(
        actor=owner, household=child.household, address_line_1="9 Meadow Way", postcode="M1 1AE"
    )
    page = body(owner_client.get(f"/households/{child.household.public_id}/history/"))
    assert "1 Warren Lane → 9 Meadow Way" in page and "SW1A 1AA → M1 1AE" in page
    page = body(owner_client.get(f"/contacts/{child.public_id}/history/"))
    assert "Contact added" in page and "Given" in page  # consent by its label, not "given"
    assert f"/contacts/{child.public_id}/history/" in body(
        owner_client.get(f"/contacts/{child.public_id}/")
    )


def test_history_is_paged_with_bounded_queries(
    in_partner_a, owner, owner_client, programme, service, django_assert_max_num_queries
):
    child = new_child(owner)
    engagement = new_engagement(owner, child, programme, start_date=date.today() - timedelta(60))
    url = f"/engagements/{engagement.public_id}/history/"

    def add_deliveries(count):
        for days in range(count):
            delivery_create(
                actor=owner,
                engagement=engagement,
                service=service,
                on=date.today() - timedelta(days),
                summary=f"Session {days}",
            )

    add_deliveries(3)
    # django-tenants counts a "SET search_path" per cursor: the bound is what matters.
    with django_assert_max_num_queries(60) as few:
        owner_client.get(url)
    add_deliveries(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = owner_client.get(url)
    page = body(response)
    assert "Page 1 of 2" in page and page.count("Service delivery added") == 25
    assert "Engagement added" in body(owner_client.get(url + "?page=2"))
    assert owner_client.get(url + "?page=banana").status_code == 200


def test_another_partners_history_is_not_found(in_partner_a, owner, partner_b, programme):
    child = new_child(owner)
    engagement = new_engagement(owner, child, programme)
    contact_create(actor=owner, kind="adult", first_name="Jo", last_name="Hare")
    from django.db import connection

    connection.set_tenant(partner_b)
    stranger = user_with("call-handler")
    client = signed_in(partner_b, stranger)
    for url in (
        f"/contacts/{child.public_id}/history/",
        f"/households/{child.household.public_id}/history/",
        f"/engagements/{engagement.public_id}/history/",
    ):
        response = client.get(url)
        assert response.status_code == 404 and "Bunny" not in body(response)
