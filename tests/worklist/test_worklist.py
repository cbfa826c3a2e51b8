"""Tasks and notifications: services, selectors, the email task and the screens."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.worklist import selectors, services
from casework.worklist.models import Notification, TaskStatus
from casework.worklist.policy import WorklistRefused
from casework.worklist.tasks import notification_email
from tests.casework.screens import body, user_with
from tests.clients import signed_in


@pytest.fixture
def alice(in_partner_a):
    return user_with("practitioner")


@pytest.fixture
def bob(in_partner_a):
    return user_with("practitioner")


def with_email(user, address):
    user.email = address
    user.save(update_fields=["email"])
    return user


# --- tasks ----------------------------------------------------------------------------


@time_machine.travel("2026-03-10 12:00 +00:00", tick=False)
def test_open_tasks_are_grouped_by_when_they_are_due(alice, bob):
    today = date(2026, 3, 10)
    for title, due in [
        ("late", today - timedelta(days=2)),
        ("now", today),
        ("soon", today + timedelta(days=1)),
        ("someday", today + timedelta(days=9)),
        ("whenever", None),
    ]:
        services.task_assign(actor=bob, assignee=alice, title=title, due_on=due)
    services.task_assign(actor=alice, assignee=bob, title="not alice's", due_on=today)
    grouped = selectors.tasks_open_for(user=alice)
    assert [t.title for t in grouped.overdue] == ["late"]
    assert [t.title for t in grouped.today] == ["now"]
    assert [t.title for t in grouped.tomorrow] == ["soon"]
    assert [t.title for t in grouped.later] == ["someday", "whenever"]


def test_only_the_assignee_completes_a_task_and_only_once(alice, bob):
    task = services.task_assign(actor=bob, assignee=alice, title="Call the school")
    with pytest.raises(WorklistRefused):
        services.task_complete(actor=bob, task=task)
    done = services.task_complete(actor=alice, task=task)
    assert done.status == TaskStatus.DONE and done.completed_at is not None
    with pytest.raises(ValidationError, match="already been completed"):
        services.task_complete(actor=alice, task=task)
    assert selectors.tasks_open_for(user=alice).count == 0


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/", "/\\evil"])
def test_a_task_links_only_inside_the_portal(alice, link):
    with pytest.raises(ValidationError):
        services.task_assign(actor=None, assignee=alice, title="x", link_url=link)


def test_a_task_needs_a_title(alice):
    with pytest.raises(ValidationError, match="Enter what needs to be done"):
        services.task_assign(actor=None, assignee=alice, title="  ")


# --- notifications --------------------------------------------------------------------


def test_a_dedupe_key_sends_once_per_person(alice, bob, django_capture_on_commit_callbacks):
    with_email(alice, "alice@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.notification_send(recipient=alice, title="Due", dedupe_key="case:1:due")
        again = services.notification_send(recipient=alice, title="Due", dedupe_key="case:1:due")
        other = services.notification_send(recipient=bob, title="Due", dedupe_key="case:1:due")
    assert first is not None and again is None and other is not None
    assert Notification.objects.filter(recipient=alice).count() == 1
    # Alice has an address, Bob has none: one email, sent after commit.
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    first.refresh_from_db()
    assert first.emailed_at is not None


def test_the_email_task_is_safe_to_run_twice(alice, django_capture_on_commit_callbacks):
    with_email(alice, "alice@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        note = services.notification_send(recipient=alice, title="Hello", link_url="/tasks/")
    assert len(callbacks) == 1 and mail.outbox == []  # nothing before commit
    assert notification_email(note.pk) is True
    assert notification_email(note.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Hello"
    assert "alpha.localhost" in mail.outbox[0].body and "/tasks/" in mail.outbox[0].body


def test_a_notification_without_email_sends_none(alice, django_capture_on_commit_callbacks):
    with_email(alice, "alice@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_send(recipient=alice, title="Quiet", email=False)
    assert mail.outbox == []


def test_an_inactive_person_gets_nothing(alice):
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert services.notification_send(recipient=alice, title="x") is None


def test_mark_read_and_mark_all_read(alice, bob):
    one = services.notification_send(recipient=alice, title="one", email=False)
    services.notification_send(recipient=alice, title="two", email=False)
    services.notification_send(recipient=bob, title="bob's", email=False)
    assert selectors.unread_count(user=alice) == 2
    with pytest.raises(WorklistRefused):
        services.notification_mark_read(actor=bob, notification=one)
    services.notification_mark_read(actor=alice, notification=one)
    assert selectors.unread_count(user=alice) == 1
    assert services.notifications_mark_all_read(actor=alice) == 1
    assert selectors.unread_count(user=alice) == 0
    assert selectors.unread_count(user=bob) == 1


# --- screens --------------------------------------------------------------------------


def test_the_bell_shows_my_unread_count_on_every_page(
    in_partner_a, alice, bob, django_assert_max_num_queries
):
    for title in ("a", "b", "c"):
        services.notification_send(recipient=alice, title=title, email=False)
    services.notification_send(recipient=bob, title="bob's", email=False)
    client = signed_in(in_partner_a, alice)
    for url in ("/", "/contacts/", "/tasks/"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'data-testid="bell-count">3<' in body(response), url
    # The bell adds one query to a page (a count), however many notifications there are.
    with CaptureQueriesContext(connection) as before:
        client.get("/contacts/")
    bell = [q for q in before.captured_queries if "worklist_notification" in q["sql"]]
    assert len(bell) == 1 and "COUNT(" in bell[0]["sql"]
    for n in range(20):
        services.notification_send(recipient=alice, title=f"more {n}", email=False)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/contacts/")


def test_the_notification_list_is_mine_and_marks_read(in_partner_a, alice, bob):
    mine = services.notification_send(
        recipient=alice, title="Your case", link_url="/tasks/", email=False
    )
    theirs = services.notification_send(recipient=bob, title="Bob's secret", email=False)
    client = signed_in(in_partner_a, alice)
    page = body(client.get("/notifications/"))
    assert "Your case" in page and "Bob's secret" not in page
    # Someone else's notification is not found, and stays unread.
    assert client.post(f"/notifications/{theirs.public_id}/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post(f"/notifications/{mine.public_id}/read/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/tasks/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.get(f"/notifications/{mine.public_id}/read/").status_code == 405
    services.notification_send(recipient=alice, title="more", email=False)
    client.post("/notifications/read-all/")
    assert selectors.unread_count(user=alice) == 0
    assert 'data-testid="bell-count"' not in body(client.get("/"))


def test_my_tasks_screen_and_completing(in_partner_a, alice, bob):
    today = date.today()
    overdue = services.task_assign(
        actor=None, assignee=alice, title="Overdue thing", due_on=today - timedelta(days=1)
    )
    services.task_assign(actor=None, assignee=alice, title="Today thing", due_on=today)
    services.task_assign(
        actor=None, assignee=alice, title="Tomorrow thing", due_on=today + timedelta(days=1)
    )
    theirs = services.task_assign(actor=None, assignee=bob, title="Bob's task")
    client = signed_in(in_partner_a, alice)
    home = body(client.get("/"))
    assert "My open tasks" in home
    for title in ("Overdue thing", "Today thing", "Tomorrow thing"):
        assert title in home
    assert "Bob's task" not in body(client.get("/tasks/"))
    assert client.post(f"/tasks/{theirs.public_id}/complete/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == TaskStatus.OPEN
    response = client.post(
        f"/tasks/{overdue.public_id}/complete/", {"next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/tasks/"
    overdue.refresh_from_db()
    assert overdue.status == TaskStatus.DONE
    assert "Overdue thing" in body(client.get("/tasks/?show=done"))
    # Completing twice: a clear message, nothing changes.
    response = client.post(f"/tasks/{overdue.public_id}/complete/", follow=True)
    assert "already been completed" in body(response)


def test_another_partners_user_cannot_reach_my_tasks_or_notifications(partner_a, partner_b, alice):
    task = services.task_assign(actor=None, assignee=alice, title="Secret task")
    note = services.notification_send(recipient=alice, title="Secret note", email=False)
    connection.set_tenant(partner_b)
    stranger = user_with("call-handler")
    client = signed_in(partner_b, stranger)
    assert client.post(f"/tasks/{task.public_id}/complete/").status_code == 404
    assert client.post(f"/notifications/{note.public_id}/read/").status_code == 404
    assert "Secret" not in body(client.get("/notifications/"))
    assert "Secret" not in body(client.get("/tasks/"))
    connection.set_tenant(partner_a)
    task.refresh_from_db()
    note.refresh_from_db()
    assert task.status == TaskStatus.OPEN and note.read_at is None


@pytest.mark.parametrize("url", ["/notifications/", "/tasks/"])
def test_signed_out_is_sent_to_sign_in(client_a, url):
    response = client_a.get(url)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
