"""A group session over HTTP: one service and date, N rows, blank rows ignored, all or
nothing with each bad row's problem beside that row."""

import re

import pytest

from casework.models import GroupSession, ServiceDelivery
from casework.services.engagements import engagement_close
from tests.casework.screens import body, new_child, new_engagement, today_text, user_with
from tests.clients import signed_in

URL = "/deliveries/bulk/"


def bulk_post(service, rows, /, *, anonymous="0", total=10, **session) -> dict:
    data = {
        "service": str(service.public_id),
        "date": today_text(),
        "anonymous_attendees": anonymous,
        "form-TOTAL_FORMS": str(total),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "50",
    } | session
    for index in range(total):
        data[f"form-{index}-attendance"] = "attended"
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return data


def row_html(page: str, number: int) -> str:
    match = re.search(rf'data-testid="row-{number}">(.*?)</fieldset>', page, flags=re.DOTALL)
    assert match, f"row {number} not on the page"
    return match.group(1)


@pytest.fixture
def engagements(owner, programme):
    return [
        new_engagement(owner, new_child(owner, first=f"Kid{n}", last=f"Fam{n}"), programme)
        for n in range(3)
    ]


def test_the_screen_offers_open_engagements_and_ten_rows(owner_client, owner, engagements, service):
    engagement_close(actor=owner, engagement=engagements[2], closed_on=engagements[2].start_date)
    page = body(owner_client.get(URL))
    assert page.count('data-testid="row-') == 10
    assert f'value="{engagements[0].public_id}"' in page
    assert f'value="{engagements[2].public_id}"' not in page  # closed: not offered


def test_rows_are_saved_together_and_blank_rows_ignored(owner_client, engagements, service):
    rows = [
        {"engagement": str(engagements[0].public_id), "duration_minutes": "60"},
        {},  # blank
        {"engagement": str(engagements[1].public_id), "attendance": "absent", "summary": "Ill"},
    ]
    response = owner_client.post(URL, bulk_post(service, rows, anonymous="4"), follow=True)
    assert "2 service deliveries recorded" in body(response)
    assert ServiceDelivery.objects.count() == 2
    session = GroupSession.objects.get()
    assert session.anonymous_attendees == 4 and session.deliveries.count() == 2
    assert ServiceDelivery.objects.get(engagement=engagements[1]).attendance == "absent"


def test_one_bad_row_saves_nothing_and_is_named_beside_the_row(
    owner_client, owner, engagements, service
):
    engagement_close(actor=owner, engagement=engagements[1], closed_on=engagements[1].start_date)
    rows = [
        {"engagement": str(engagements[0].public_id)},
        {"engagement": str(engagements[1].public_id)},
        {"engagement": str(engagements[2].public_id), "duration_minutes": "30"},
    ]
    response = owner_client.post(URL, bulk_post(service, rows))
    page = body(response)
    assert response.status_code == 200 and "nothing was saved" in page
    assert "This engagement is closed" in row_html(page, 2)
    assert "This engagement is closed" not in row_html(page, 1) + row_html(page, 3)
    assert 'href="#id_form-1-engagement"' in page
    assert not ServiceDelivery.objects.exists() and not GroupSession.objects.exists()
    # A row that does not parse is named beside it too, before anything is tried.
    rows[1] = {"engagement": str(engagements[1].public_id), "duration_minutes": "lots"}
    page = body(owner_client.post(URL, bulk_post(service, rows)))
    assert "Enter a whole number" in row_html(page, 2)
    assert not ServiceDelivery.objects.exists()


@pytest.mark.parametrize(
    "session, message, field",
    [
        ({"date": "99/99/2024"}, "Enter a real date", "date"),
        ({"date": "1/1/2999"}, "future date", "date"),
        ({"service": "not-a-service"}, "Choose a service.", "service"),
        ({"anonymous_attendees": "-1"}, "greater than or equal to 0", "anonymous_attendees"),
    ],
)
def test_session_errors_name_the_field(owner_client, engagements, service, session, message, field):
    rows = [{"engagement": str(engagements[0].public_id)}]
    response = owner_client.post(URL, bulk_post(service, rows, **session))
    assert message in body(response) and f'href="#id_{field}"' in body(response)
    assert not ServiceDelivery.objects.exists()


def test_nothing_filled_in_is_refused(owner_client, service):
    response = owner_client.post(URL, bulk_post(service, []))
    assert response.status_code == 200 and "Add at least one row." in body(response)


def test_an_unknown_engagement_id_is_refused_on_its_row(owner_client, engagements, service):
    rows = [{"engagement": "00000000-0000-0000-0000-000000000000"}, {"engagement": "junk"}]
    page = body(owner_client.post(URL, bulk_post(service, rows)))
    assert "Choose an open engagement you can see." in row_html(page, 1)
    assert "Choose an open engagement you can see." in row_html(page, 2)
    assert not ServiceDelivery.objects.exists()


# --- more rows and finding clients: both keep what was entered, neither saves ------------


def selected_in(row: str) -> str:
    match = re.search(r'<option value="([^"]*)" selected>', row)
    return match.group(1) if match else ""


def test_add_ten_more_rows_keeps_what_was_entered(owner_client, engagements, service):
    rows = [
        {"engagement": str(engagements[0].public_id), "summary": "Painted", "attendance": "absent"},
        {},
        {"engagement": str(engagements[1].public_id), "duration_minutes": "45"},
    ]
    response = owner_client.post(URL, bulk_post(service, rows, anonymous="3") | {"add_rows": "1"})
    page = body(response)
    assert response.status_code == 200 and page.count('data-testid="row-') == 20
    assert selected_in(row_html(page, 1)) == str(engagements[0].public_id)
    assert 'value="Painted"' in row_html(page, 1)
    assert '<option value="absent" selected>' in row_html(page, 1)
    assert selected_in(row_html(page, 3)) == str(engagements[1].public_id)
    assert 'value="45"' in row_html(page, 3) and 'value="3"' in page
    assert "There is a problem" not in page and not ServiceDelivery.objects.exists()
    # Then the 20 rows are recorded as usual, the 12th filled in too.
    rows += [{}] * 8 + [{"engagement": str(engagements[2].public_id)}]
    response = owner_client.post(URL, bulk_post(service, rows, total=20), follow=True)
    assert "3 service deliveries recorded" in body(response)


def test_rows_stop_at_fifty(owner_client, engagements, service):
    data = bulk_post(service, [{"engagement": str(engagements[0].public_id)}], total=50)
    page = body(owner_client.post(URL, data | {"add_rows": "1"}))
    assert page.count('data-testid="row-') == 50 and "Add 10 more rows" not in page


def test_find_clients_by_client_id_or_name_beyond_the_first_five_hundred(
    owner, owner_client, engagements, service
):
    from casework import selectors

    everyone, _ = selectors.group_session_engagements(user=owner, limit=2)
    assert engagements[2] not in everyone  # past the first page (Fam0, Fam1)
    wanted = engagements[2].contact.client_id
    found, kept = selectors.group_session_engagements(
        user=owner, query=wanted, limit=2, keep=[str(engagements[0].public_id)]
    )
    assert (found, kept) == ([engagements[2]], [engagements[0]])
    rows = [{"engagement": str(engagements[0].public_id), "summary": "Kept"}]
    page = body(
        owner_client.post(
            URL, bulk_post(service, rows) | {"find_clients": "1", "clients": wanted.lower()}
        )
    )
    assert 'data-testid="found-clients">1 open engagement offered' in page
    assert f'value="{engagements[2].public_id}"' in row_html(page, 2)
    # The row already chosen keeps its client, though the search did not find them.
    assert selected_in(row_html(page, 1)) == str(engagements[0].public_id)
    assert 'value="Kept"' in row_html(page, 1) and not ServiceDelivery.objects.exists()


def test_find_clients_offers_only_engagements_the_user_may_see(
    in_partner_a, owner, engagements, service
):
    colleague = signed_in(in_partner_a, user_with("practitioner"))
    wanted = engagements[0].contact.client_id
    data = bulk_post(service, [{"engagement": str(engagements[1].public_id)}])
    page = body(colleague.post(URL, data | {"find_clients": "1", "clients": wanted}))
    assert 'data-testid="found-clients">0 open engagements offered' in page
    assert str(engagements[0].public_id) not in page
    assert str(engagements[1].public_id) not in page  # a forged choice is not echoed back


def test_the_rows_search_as_you_type_offers_open_engagements_best_match_first(
    in_partner_a, owner, owner_client, programme
):
    """POST /people/find/ with offer=engagements (the rows' person picker): the one
    search's people, best match first, as their open engagements the user may see."""
    exact = new_engagement(owner, new_child(owner, first="Robin", last="Tern"), programme)
    new_engagement(owner, new_child(owner, first="Robin", last="Ashe"), programme)  # by name: first
    ended = new_engagement(owner, new_child(owner, first="Robin", last="Tarn"), programme)
    engagement_close(actor=owner, engagement=ended, closed_on=ended.start_date)
    theirs = user_with("practitioner")
    hidden = new_engagement(theirs, new_child(theirs, first="Robin", last="Terns"), programme)
    found = owner_client.post("/people/find/", {"q": "Robni Tern", "offer": "engagements"})
    ids = [r["id"] for r in found.json()["results"]]
    assert ids[0] == str(exact.public_id)
    assert str(ended.public_id) not in ids and str(hidden.public_id) not in ids
    assert found.json()["results"][0]["label"].startswith(f"Robin Tern ({exact.contact.client_id})")
