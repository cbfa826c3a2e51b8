"""The editorial workflow, through Wagtail's own editor over HTTP: an editor's change waits
for a manager's approval; the portal shows only live, published content."""

import pytest
from django.db import connection
from django.urls import reverse
from django_tenants.utils import schema_context
from wagtail.models import GroupApprovalTask, TaskState, WorkflowState

from cms.models import ManualTopicPage
from tenants.accounts.models import Role
from tenants.accounts.roles import role_spec
from tenants.accounts.services import demo_user_ensure
from tenants.models import PartnerKind
from tenants.services import partner_create
from tests.clients import signed_in
from tests.cms.helpers import editor_post, main_text, topic
from tests.partners import PASSWORD

FC = PartnerKind.FAMILY_CENTRE.value

NEW_TEXT = "Ring the duty safeguarding lead on extension 4400 before the end of the session."


def _safeguarding_help(client):
    response = client.get("/manual/help/safeguarding-case/")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    return main_text(page)


def _approve(client, page):
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


@pytest.fixture
def other_family_centre(db):
    partner = partner_create(actor=None, name="Delta Family Centre", slug="delta", kind=FC)
    with schema_context(partner.schema_name):
        demo_user_ensure(
            username="practitioner",
            full_name="Delta Practitioner",
            role=role_spec("practitioner", FC),
            password=PASSWORD,
        )
    return partner


def test_an_editors_change_is_published_only_when_a_manager_approves(
    in_partner_a, partner_b, other_family_centre
):
    """The issue's "done when": an editor at a family centre changes the safeguarding
    topic, a manager approves it, a practitioner clicking Help on the safeguarding
    screen sees the new text, while another partner still sees its own."""
    editor = signed_in(in_partner_a, "editor")
    practitioner = signed_in(in_partner_a, "practitioner")
    manager = signed_in(in_partner_a, "manager")
    before = _safeguarding_help(practitioner)
    assert "Recording a concern" in before

    page = topic("safeguarding-concerns")
    response = editor_post(editor, page, paragraph=NEW_TEXT, action="submit")
    assert response.status_code == 302, response.content.decode()[:2000]
    connection.set_tenant(in_partner_a)
    # Waiting for approval: a revision and a workflow in progress, nothing published.
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == "in_progress"
    assert state.workflow.name == "Manual approval"
    assert topic("safeguarding-concerns").has_unpublished_changes
    assert NEW_TEXT not in _safeguarding_help(practitioner)
    assert "Recording a concern" in _safeguarding_help(practitioner)
    connection.set_tenant(in_partner_a)

    # The editor cannot approve their own change.
    assert _approve(editor, page).status_code in (302, 403)
    connection.set_tenant(in_partner_a)
    assert WorkflowState.objects.get(pk=state.pk).status == "in_progress"
    assert NEW_TEXT not in _safeguarding_help(practitioner)
    connection.set_tenant(in_partner_a)

    response = _approve(manager, page)
    assert response.status_code == 302
    connection.set_tenant(in_partner_a)
    assert WorkflowState.objects.get(pk=state.pk).status == "approved"
    shown = _safeguarding_help(practitioner)
    assert NEW_TEXT in shown
    assert "Recording a concern" not in shown

    # Other partners still see their own: another family centre's practitioner gets the
    # original text from the same Help link, and partner B's copy is untouched.
    other = signed_in(other_family_centre, "practitioner")
    text = _safeguarding_help(other)
    assert NEW_TEXT not in text and "Recording a concern" in text
    with schema_context(partner_b.schema_name):
        theirs = topic("safeguarding-concerns")
        assert NEW_TEXT not in str(theirs.body.raw_data)
        assert not theirs.has_unpublished_changes


def test_an_editor_cannot_publish_directly(in_partner_a):
    editor = signed_in(in_partner_a, "editor")
    page = topic("consultations")
    response = editor_post(editor, page, paragraph="Published without approval.", action="publish")
    connection.set_tenant(in_partner_a)
    # Wagtail keeps it as a draft: the editor holds no publish permission.
    assert response.status_code == 302
    live = topic("consultations")
    assert live.has_unpublished_changes
    assert "Published without approval." in str(live.get_latest_revision_as_object().body)
    assert "Published without approval." not in str(live.body.raw_data)
    assert not WorkflowState.objects.filter(object_id=str(page.pk), status="approved").exists()
    practitioner = signed_in(in_partner_a, "practitioner")
    text = main_text(practitioner.get("/manual/family-centres/consultations/"))
    assert "Published without approval." not in text


def test_a_saved_draft_is_not_shown_and_can_be_compared_and_previewed(in_partner_a):
    editor = signed_in(in_partner_a, "editor")
    page = topic("deliveries")
    response = editor_post(editor, page, paragraph="A draft about group sessions.", action="")
    assert response.status_code == 302
    connection.set_tenant(in_partner_a)
    page = topic("deliveries")
    revisions = list(page.revisions.order_by("created_at"))
    assert len(revisions) >= 2
    # Revisions, comparison and preview are Wagtail's own screens, open to editors.
    history = editor.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert history.status_code == 200
    compare = editor.get(
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[page.pk, revisions[0].pk, revisions[-1].pk],
        )
    )
    assert compare.status_code == 200
    assert "A draft about group sessions." in compare.content.decode()
    preview = editor.get(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]))
    assert preview.status_code == 200
    practitioner = signed_in(in_partner_a, "practitioner")
    live = main_text(practitioner.get("/manual/family-centres/deliveries/"))
    assert "A draft about group sessions." not in live
    assert "Recording one delivery" in live


def test_the_approvers_are_this_partners_managing_roles(in_partner_a, partner_b):
    task = GroupApprovalTask.objects.get(name="Manager approval")
    approvers = {group.role.key for group in task.groups.all()}
    assert approvers == {"manager", "dsl", "champion"}
    connection.set_tenant(partner_b)
    task = GroupApprovalTask.objects.get(name="Manager approval")
    assert {group.role.key for group in task.groups.all()} == {"supervisor", "champion"}
    assert all(g.role.kinds == ["support_line"] for g in task.groups.all())
    assert Role.objects.filter(key="manager").count() == 0


def test_nothing_is_left_in_progress_by_the_default_workflow(in_partner_a):
    # Wagtail's own "Moderators approval" workflow is switched off.
    assert not TaskState.objects.filter(task__name="Moderators approval").exists()
    page = ManualTopicPage.objects.get(slug="welcome")
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "Manual approval"
