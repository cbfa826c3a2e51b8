"""Tasks given by hand about a record: who may and may not (the record must be theirs to
see, the assignee an active colleague of the same partner who can see it too), across
partners, the title that names what it is about in initials, and completing it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from casework.models import Programme
from casework.safeguarding.services.cases import new_case_task_title
from casework.worklist import services, subjects
from casework.worklist.models import Notification, Task, TaskStatus
from casework.worklist.policy import WorklistRefused
from tenants.models import Partner
from tests.casework.safeguarding.helpers import raise_concern
from tests.casework.screens import body, new_child, new_engagement, user_with
from tests.clients import signed_in


class World:
    pass


@pytest.fixture
def world(in_partner_a):
    w = World()
    w.partner = in_partner_a
    w.owner = user_with("practitioner")
    w.manager = user_with("manager")
    w.other = user_with("practitioner")  # cannot see the owner's engagement
    w.child = new_child(w.owner, first="Jamie", last="Sparrow")
    programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    w.engagement = new_engagement(w.owner, w.child, programme)
    w.case = raise_concern(w.owner, w.engagement)
    return w


def test_initials_name_a_person_without_their_name():
    assert subjects.initials("Jamie", "Sparrow") == "J. S."
    assert subjects.initials(" ", "sparrow") == "S."
    assert subjects.initials("", "") == "name not recorded"


def test_the_system_titles_a_new_safeguarding_case_task_with_initials(world):
    task = Task.objects.get(assignee=world.owner, link_url=f"/cases/{world.case.public_id}/")
    assert task.title == f"{world.case.reference}: new safeguarding case for J. S."
    assert task.title == new_case_task_title(world.case)
    assert "Jamie" not in task.title and "Sparrow" not in task.title


@pytest.mark.parametrize(
    ("about", "title"),
    [
        ("child", "{client_id} (J. S.): Ring the school"),
        ("engagement", "Riverside Families engagement for J. S.: Ring the school"),
        ("case", "{reference} (J. S.): Ring the school"),
    ],
)
def test_a_task_by_hand_is_titled_with_what_it_is_about(world, about, title):
    record = getattr(world, about)
    task = services.task_create(
        actor=world.owner,
        record=record,
        assignee=world.manager,
        title="Ring the school",
        due_on=date.today() + timedelta(days=2),
        notes="Ask about attendance.",
    )
    expected = title.format(
        client_id=world.child.client_id, reference=getattr(world.case, "reference", "")
    )
    assert task.title == expected and "Jamie" not in task.title
    assert (task.assignee, task.created_by, task.notes) == (
        world.manager,
        world.owner,
        "Ask about attendance.",
    )
    assert task.link_url == subjects.subject_of(record).url(record)
    # The colleague hears of it (by initials too).
    note = Notification.objects.get(recipient=world.manager, title__contains="Ring the school")
    assert "Jamie" not in note.title


def test_nobody_gives_a_task_about_a_record_they_cannot_see(world):
    with pytest.raises(WorklistRefused):
        services.task_create(
            actor=world.other, record=world.case, assignee=world.other, title="Snoop"
        )
    assert not Task.objects.filter(title__contains="Snoop").exists()


def test_the_assignee_must_be_able_to_see_the_record(world):
    with pytest.raises(ValidationError) as exc:
        services.task_create(
            actor=world.owner, record=world.engagement, assignee=world.other, title="Visit"
        )
    assert "cannot see this engagement" in exc.value.message_dict["assignee"][0]
    world.other.is_active = False
    world.other.save(update_fields=["is_active"])
    with pytest.raises(ValidationError) as exc:
        services.task_create(
            actor=world.owner, record=world.child, assignee=world.other, title="Visit"
        )
    assert exc.value.message_dict["assignee"] == [
        "Choose an active colleague of your organisation."
    ]


def test_bad_input_names_the_field_and_saves_nothing(world):
    before = Task.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.task_create(
            actor=world.owner,
            record=world.child,
            assignee=world.owner,
            title="  ",
            due_on=date.today() - timedelta(days=1),
        )
    assert set(exc.value.message_dict) == {"title", "due_on"}
    assert Task.objects.count() == before


def test_an_assignee_of_another_partner_is_refused(world, partner_b):
    connection.set_tenant(partner_b)
    stranger = user_with("call-handler")
    connection.set_tenant(world.partner)
    with pytest.raises(ValidationError) as exc:
        services.task_create(actor=world.owner, record=world.child, assignee=stranger, title="Call")
    assert "assignee" in exc.value.message_dict


def test_the_portal_gives_a_task_and_the_assignee_marks_it_done(world):
    owner = signed_in(world.partner, world.owner)
    case_page = f"/cases/{world.case.public_id}/"
    link = f"/tasks/new/safeguarding-case/{world.case.public_id}/"
    assert link in body(owner.get(case_page))
    form = owner.get(link)
    assert form.status_code == 200 and f"{world.case.reference} (J. S.)" in body(form)
    response = owner.post(
        link,
        {"title": "Ring the school", "assignee": str(world.manager.public_id), "notes": "x"},
    )
    assert response.status_code == 302 and response.url == case_page
    task = Task.objects.get(assignee=world.manager, title__endswith="Ring the school")
    # Only the assignee completes it.
    assert owner.post(f"/tasks/{task.public_id}/complete/").status_code == 404
    manager = signed_in(world.partner, world.manager)
    assert "Ring the school" in body(manager.get("/tasks/"))
    assert manager.post(f"/tasks/{task.public_id}/complete/").status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_the_portal_refuses_with_the_reason_beside_the_field(world):
    owner = signed_in(world.partner, world.owner)
    response = owner.post(
        f"/tasks/new/engagement/{world.engagement.public_id}/",
        {"title": "Visit", "assignee": str(world.other.public_id)},
    )
    assert response.status_code == 200
    assert "cannot see this engagement" in body(response)
    assert not Task.objects.filter(title__endswith="Visit").exists()


@pytest.mark.parametrize("kind", ["contact", "engagement", "safeguarding-case", "nonsense"])
def test_records_not_yours_to_see_are_not_found(world, partner_b, kind):
    ids = {
        "contact": world.child.public_id,
        "engagement": world.engagement.public_id,
        "safeguarding-case": world.case.public_id,
        "nonsense": world.case.public_id,
    }
    other = signed_in(world.partner, world.other)
    if kind != "contact":  # contacts are every caseworker's
        assert other.get(f"/tasks/new/{kind}/{ids[kind]}/").status_code == 404
    connection.set_tenant(partner_b)
    stranger = user_with("call-handler")
    client = signed_in(Partner.objects.get(pk=partner_b.pk), stranger)
    before = Task.objects.count()
    response = client.post(
        f"/tasks/new/{kind}/{ids[kind]}/",
        {"title": "Forged", "assignee": str(stranger.public_id)},
    )
    assert response.status_code == 404
    assert Task.objects.count() == before
