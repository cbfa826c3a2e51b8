"""Who looked (issue 19): every page of a client record writes one read row (at most one
query more), the API one row per request and type with the ids; the "Who has seen this"
tab only for managers, safeguarding leads and the data protection role; what one account
looked at; emergency access asked with a reason, told to the DSLs and the owner, lasting
24 hours, reviewed, and refused when the partner turns it off; every new screen refusing
another partner."""

import json
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import ProgrammingError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework import policy as casework_policy
from casework import selectors as casework_selectors
from casework.access import services
from casework.access.models import EmergencyAccess, RecordRead
from casework.access.policy import CaseworkRefused
from casework.worklist.models import Notification
from tests.casework.screens import body, new_child, new_engagement, user_with
from tests.clients import signed_in
from tests.graphql_api.helpers import make_token

# It reaches the GraphQL schema: no Playwright event loop (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("outside_playwrights_event_loop")


class World:
    pass


@pytest.fixture
def w(partner_a, partner_b, programme):
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.owner = user_with("practitioner")
    w.other = user_with("practitioner")
    w.manager = user_with("manager")
    w.dsl = user_with("dsl")
    w.dpo = user_with("data-protection")
    w.child = new_child(w.owner)
    w.engagement = new_engagement(w.owner, w.child, programme)
    connection.set_tenant(partner_b)
    w.stranger_manager = user_with("supervisor")
    w.stranger = user_with("call-handler")
    connection.set_tenant(partner_a)
    return w


def _rows(record_type, public_id):
    return list(
        RecordRead.objects.filter(record_type=record_type, record_ids__contains=[public_id])
    )


def _statements(client, url) -> tuple[int, int]:
    """(every statement, those not django-tenants' "SET search_path", which it sends
    before each statement) of one page."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = [q["sql"] for q in queries]
    return len(sql), sum(not q.startswith("SET search_path") for q in sql)


def test_each_page_writes_one_row_and_costs_at_most_one_query(w, django_assert_max_num_queries):
    client = signed_in(w.partner_a, w.manager)
    pages = {
        "contact": reverse("contact_detail", args=[w.child.public_id]),
        "engagement": reverse("engagement_detail", args=[w.engagement.public_id]),
        "household": reverse("household_detail", args=[w.child.household.public_id]),
    }
    for url in pages.values():
        client.get(url)  # warm: sessions, rights, the template cache
    # The same pages without the read log, then with it: one query more at most.
    with mock.patch("casework.access.services.RecordRead.objects.create"):
        before = {key: _statements(client, pages[key]) for key in ("contact", "engagement")}
    for key in ("contact", "engagement"):
        # One INSERT more, and the SET search_path django-tenants puts before it.
        with django_assert_max_num_queries(before[key][0] + 2):
            assert client.get(pages[key]).status_code == 200
        assert _statements(client, pages[key])[1] == before[key][1] + 1

    for record_type, public_id in (
        ("contact", w.child.public_id),
        ("engagement", w.engagement.public_id),
        ("household", w.child.household.public_id),
    ):
        rows = _rows(record_type, public_id)
        assert rows and all(r.reader == w.manager and r.via == "portal" for r in rows)
        assert not any(r.emergency for r in rows)
    # Append-only in the database itself.
    row = RecordRead.objects.first()
    with pytest.raises(ProgrammingError, match="append-only"), transaction.atomic():
        RecordRead.objects.filter(pk=row.pk).update(reader=w.owner)
    with pytest.raises(ProgrammingError, match="append-only"), transaction.atomic():
        RecordRead.objects.filter(pk=row.pk).delete()


def test_api_reads_are_one_row_per_request_and_type_with_the_token_name(w):
    second = new_child(w.owner, first="Ruby", household=w.child.household)
    token = make_token()
    client = signed_in(w.partner_a, w.manager)
    before = RecordRead.objects.count()
    response = client.post(
        "/graphql/",
        data=json.dumps(
            {"query": "{ contacts(first: 50) { edges { node { firstName household { name } } } } }"}
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200 and "errors" not in response.json()
    rows = list(RecordRead.objects.order_by("id")[before:])
    by_type = {r.record_type: r for r in rows}
    assert sorted(by_type) == ["contact", "household"] and len(rows) == 2
    contacts = by_type["contact"]
    assert {w.child.public_id, second.public_id} <= set(contacts.record_ids)
    assert contacts.via == "api" and contacts.token_name == "integrator write"
    assert contacts.where == "API (integrator write)"
    assert by_type["household"].record_ids == [w.child.household.public_id]


def test_the_tab_is_for_managers_dsls_and_data_protection_only(w):
    services.read_log(actor=w.owner, record_type="contact", public_ids=[w.child.public_id])
    tab = reverse("contact_who_looked", args=[w.child.public_id])
    engagement_tab = reverse("engagement_who_looked", args=[w.engagement.public_id])
    for user in (w.manager, w.dsl, w.dpo):
        client = signed_in(w.partner_a, user)
        page = client.get(tab)
        assert page.status_code == 200, user
        assert w.owner.get_full_name() in body(page) and 'data-testid="read"' in body(page)
        assert client.get(engagement_tab).status_code == 200
    assert 'data-testid="who-looked-tab"' in body(
        signed_in(w.partner_a, w.manager).get(reverse("contact_detail", args=[w.child.public_id]))
    )
    owner = signed_in(w.partner_a, w.owner)
    assert owner.get(tab).status_code == 403
    assert owner.get(engagement_tab).status_code == 403
    contact_page = owner.get(reverse("contact_detail", args=[w.child.public_id]))
    assert 'data-testid="who-looked-tab"' not in body(contact_page)


def test_what_an_account_looked_at_between_two_days(w):
    services.read_log(actor=w.owner, record_type="contact", public_ids=[w.child.public_id])
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        services.read_log(
            actor=w.owner, record_type="engagement", public_ids=[w.engagement.public_id]
        )
    url = reverse("account_reads", args=[w.owner.public_id])
    page = signed_in(w.partner_a, w.dpo).get(url)
    assert page.status_code == 200
    assert body(page).count('data-testid="read"') == 1 and "Contact" in body(page)
    # An older period: the engagement read 40 days ago, not today's.
    old = timezone.localdate() - timedelta(days=41)
    text = body(
        signed_in(w.partner_a, w.manager).get(
            url, {"start": f"{old:%d/%m/%Y}", "end": f"{old + timedelta(days=2):%d/%m/%Y}"}
        )
    )
    assert text.count('data-testid="read"') == 1 and "Engagement" in text
    wrong = signed_in(w.partner_a, w.manager).get(
        url, {"start": f"{old:%d/%m/%Y}", "end": f"{old - timedelta(days=2):%d/%m/%Y}"}
    )
    assert "“To” must be the same as or after “From”." in body(wrong)
    assert signed_in(w.partner_a, w.other).get(url).status_code == 403
    user_page = signed_in(w.partner_a, "champion").get(
        reverse("user_detail", args=[w.owner.public_id])
    )
    assert 'data-testid="account-reads"' in body(user_page)


def test_break_the_glass(w, django_capture_on_commit_callbacks):
    url = reverse("engagement_detail", args=[w.engagement.public_id])
    client = signed_in(w.partner_a, w.other)
    offered = client.get(url)
    assert offered.status_code == 403 and "Ask for emergency access" in body(offered)
    ask = reverse("emergency_access_ask", args=[w.engagement.public_id])
    empty = client.post(ask, {"reason": "  "})
    assert empty.status_code == 400
    assert "Say why you need to see this engagement now." in body(empty)
    assert not EmergencyAccess.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(ask, {"reason": "Police at the door asking about Sam"})
    assert done.status_code == 302 and done["Location"] == url
    grant = EmergencyAccess.objects.get()
    assert grant.user == w.other and grant.expires_at - grant.granted_at == timedelta(hours=24)
    told = set(
        Notification.objects.filter(title__startswith="Emergency access").values_list(
            "recipient__username", flat=True
        )
    )
    assert {w.owner.username, w.dsl.username} <= told and w.other.username not in told

    # Now visible, in Python and in SQL alike, and each read is marked on the record's log.
    assert client.get(url).status_code == 200
    other = type(w.other).objects.get(pk=w.other.pk)
    assert casework_policy.can_see_engagement(other, w.engagement)
    assert casework_selectors.engagements_visible_to(user=other).filter(pk=w.engagement.pk)
    read = _rows("engagement", w.engagement.public_id)[0]
    assert read.reader == w.other and read.emergency
    tab = body(
        signed_in(w.partner_a, w.dsl).get(
            reverse("engagement_who_looked", args=[w.engagement.public_id])
        )
    )
    assert "Police at the door asking about Sam" in tab and "Emergency access" in tab

    # The DSL reviews it (once).
    review = signed_in(w.partner_a, w.dsl)
    assert "Police at the door" in body(review.get(reverse("emergency_access_review")))
    review.post(reverse("emergency_access_reviewed", args=[grant.public_id]))
    grant.refresh_from_db()
    assert grant.reviewed_by == w.dsl and grant.reviewed_at is not None
    with pytest.raises(ValidationError):
        services.emergency_access_review(actor=w.dsl, grant=grant)
    with pytest.raises(CaseworkRefused):
        services.emergency_access_review(actor=w.other, grant=grant)
    assert (
        signed_in(w.partner_a, w.other).get(reverse("emergency_access_review")).status_code == 403
    )

    # 24 hours later it has ended, in both places.
    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1)):
        later = type(w.other).objects.get(pk=w.other.pk)
        assert not casework_policy.can_see_engagement(later, w.engagement)
        assert not casework_selectors.engagements_visible_to(user=later).filter(pk=w.engagement.pk)


def test_api_reads_under_emergency_access_are_flagged_in_the_same_statement(w, programme):
    # w.other owns one engagement and holds emergency access to w.engagement: one
    # request reads both; the granted one is on a row flagged emergency, the own one not.
    own = new_engagement(w.other, new_child(w.other, first="Ada"), programme)
    services.emergency_access_ask(actor=w.other, engagement=w.engagement, reason="Police here")
    client = signed_in(w.partner_a, w.other)
    query = json.dumps({"query": "{ engagements(first: 50) { edges { node { id } } } }"})

    def read_both() -> list:
        before = RecordRead.objects.count()
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/graphql/", data=query, content_type="application/json")
        assert response.status_code == 200 and "errors" not in response.json()
        inserts = [q for q in queries if q["sql"].startswith("INSERT INTO")]
        assert len(inserts) == 1  # one statement for the whole request, as before
        return list(RecordRead.objects.order_by("id")[before:])

    rows = read_both()
    assert all(r.record_type == "engagement" and r.via == "api" for r in rows)
    by_flag = {r.emergency: r.record_ids for r in rows}
    assert by_flag == {True: [w.engagement.public_id], False: [own.public_id]}

    # Once the grant has ended the engagement is no longer read at all, nor flagged.
    EmergencyAccess.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    rows = read_both()
    assert [(r.emergency, r.record_ids) for r in rows] == [(False, [own.public_id])]


def test_emergency_access_off_when_the_partner_says_so(w):
    services.access_settings_update(actor=w.manager, emergency_access_allowed=False)
    client = signed_in(w.partner_a, w.other)
    url = reverse("engagement_detail", args=[w.engagement.public_id])
    assert client.get(url).status_code == 404
    ask = reverse("emergency_access_ask", args=[w.engagement.public_id])
    assert client.post(ask, {"reason": "Urgent"}).status_code == 404
    with pytest.raises(CaseworkRefused, match="turned emergency access off"):
        services.emergency_access_ask(actor=w.other, engagement=w.engagement, reason="Urgent")
    with pytest.raises(CaseworkRefused):
        services.access_settings_update(actor=w.other, emergency_access_allowed=True)
    assert not EmergencyAccess.objects.exists()


def test_the_menu_leads_to_the_review_list_and_it_to_the_setting(w):
    """Not only from notifications: the DSL and the data protection officer find the
    review list in the menu; whoever may change the setting finds it linked there, with
    its state, and comes back to the list."""
    review = reverse("emergency_access_review")
    settings_url = reverse("access_settings")
    for user in (w.dsl, w.dpo):
        page = body(signed_in(w.partner_a, user).get(reverse("home")))
        menu = page.split('data-testid="main-menu"', 1)[1].split("</ul>", 1)[0]
        assert f'href="{review}"' in menu, user.username
    assert 'href="' + review not in body(signed_in(w.partner_a, w.other).get(reverse("home")))
    dpo = signed_in(w.partner_a, w.dpo)
    page = body(dpo.get(review))
    assert f'href="{settings_url}"' in page and "on — staff may ask for it" in page
    assert f'href="{review}"' in body(dpo.get(settings_url))  # its way back
    services.access_settings_update(actor=w.dpo, emergency_access_allowed=False)
    assert "off — no one can ask for it" in body(dpo.get(review))
    # A practitioner has neither: no menu item (above), and the list refuses them.
    assert signed_in(w.partner_a, w.other).get(review).status_code == 403


def test_every_new_screen_refuses_another_partner(w):
    grant = services.emergency_access_ask(
        actor=w.other, engagement=w.engagement, reason="Out of hours call"
    )
    ids = {
        "contact_who_looked": w.child.public_id,
        "engagement_who_looked": w.engagement.public_id,
        "emergency_access_ask": w.engagement.public_id,
        "account_reads": w.owner.public_id,
        "emergency_access_reviewed": grant.public_id,
    }
    for user in (w.stranger_manager, w.stranger):
        client = signed_in(w.partner_b, user)
        for name, public_id in ids.items():
            for method in (client.get, client.post):
                answer = method(reverse(name, args=[public_id])).status_code
                assert answer in (403, 404), (user.username, name, answer)
        assert (
            client.get(reverse("engagement_detail", args=[w.engagement.public_id])).status_code
            == 404
        )
    # The supervisor may open these screens at home: the 404s above are the other partner's.
    assert (
        signed_in(w.partner_b, w.stranger_manager)
        .get(reverse("account_reads", args=[w.stranger_manager.public_id]))
        .status_code
        == 200
    )


def test_a_safeguarding_case_page_writes_its_row_through_the_hook(w):
    """Safeguarding reports its reads through casework.reads (it cannot import who
    looked): the row is the same as every other page's."""
    from casework.safeguarding.services.cases import case_open

    case = case_open(
        actor=w.owner,
        engagement=w.engagement,
        threshold="low",
        description="Unexplained bruising",
        raised_with="Parent",
        actions_agreed="Monitor weekly",
        opened_on=timezone.localdate(),
    )
    page = signed_in(w.partner_a, w.dsl).get(reverse("safeguarding_case", args=[case.public_id]))
    assert page.status_code == 200
    rows = _rows("safeguarding_case", case.public_id)
    assert [(r.reader, r.via) for r in rows] == [(w.dsl, "portal")]
