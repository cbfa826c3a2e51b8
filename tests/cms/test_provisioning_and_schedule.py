"""A new partner starts with the default manual (cloned from the template), its rights
pruned to its own kind; seeding is idempotent; scheduled publishing runs per schema."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
)

from cms import selectors, tasks
from cms.default_manual import default_manual
from cms.models import ManualChapterPage, ManualHomePage, ManualTopicPage
from cms.services import manual_publish_scheduled, manual_seed
from tenants.accounts.models import Role
from tenants.accounts.roles import role_spec
from tenants.accounts.services import demo_user_ensure
from tenants.services import partner_create
from tests.clients import signed_in
from tests.cms.helpers import topic
from tests.partners import PASSWORD


@pytest.fixture
def new_partner(db):
    partner = partner_create(actor=None, name="Gamma Advice", slug="gamma-advice", kind="provider")
    with schema_context(partner.schema_name):
        for key in ("adviser", "editor"):
            demo_user_ensure(
                username=key, full_name=key, role=role_spec(key, "provider"), password=PASSWORD
            )
    return partner


def _topic_slugs() -> set[str]:
    return set(ManualTopicPage.objects.live().values_list("slug", flat=True))


def test_a_new_partner_starts_with_the_default_manual(new_partner):
    expected = {t.slug for chapter in default_manual() for t in chapter.topics}
    with schema_context("_template"):
        assert _topic_slugs() == expected
    with schema_context(new_partner.schema_name):
        assert _topic_slugs() == expected
        assert ManualHomePage.objects.live().count() == 1
        assert ManualChapterPage.objects.live().count() == len(default_manual())
    client = signed_in(new_partner, "adviser")
    response = client.get("/manual/help/home/")
    assert response["Location"] == "/manual/start/welcome/"
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/manual/search/?q=password").status_code == 200
    connection.set_schema_to_public()


def test_a_new_partners_manual_rights_belong_to_its_own_roles_only(new_partner):
    with schema_context(new_partner.schema_name):
        role_groups = set(Role.objects.values_list("group_id", flat=True))
        page_groups = set(GroupPagePermission.objects.values_list("group_id", flat=True))
        media_groups = set(GroupCollectionPermission.objects.values_list("group_id", flat=True))
        task = GroupApprovalTask.objects.get(name="Manager approval")
        approvers = {g.role.key for g in task.groups.all()}
        assert page_groups and page_groups <= role_groups
        assert media_groups and media_groups <= role_groups
        assert approvers == {"provider-manager", "champion"}
        assert {g.role.kinds[0] for g in task.groups.all()} == {"provider"}


def test_seeding_again_adds_nothing_and_keeps_editors_changes(in_partner_a):
    page = topic("consultations")
    page.title = "Consultations (our way)"
    page.save_revision().publish()
    page.get_parent().get_children().get(slug="deliveries").delete()
    before = ManualTopicPage.objects.count()
    manual_seed()
    assert ManualTopicPage.objects.count() == before + 1  # the missing default came back
    assert topic("consultations").title == "Consultations (our way)"


def test_the_scheduled_publishing_task_publishes_what_is_due(in_partner_a):
    page = topic("consultations")
    page.summary = "Scheduled summary text."
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # approved for later: not live yet
    page = topic("consultations")
    assert page.summary != "Scheduled summary text."
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None

    assert tasks.manual_publish_scheduled() is True  # not yet due: nothing changes
    assert topic("consultations").summary != "Scheduled summary text."

    # An hour passes (moved back in the stored revision rather than waited for).
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    assert tasks.manual_publish_scheduled() is True
    assert topic("consultations").summary == "Scheduled summary text."
    practitioner = selectors.topics_search(
        actor=Role.objects.get(key="practitioner").users.get(), query="scheduled summary"
    )
    assert [p.slug for p in practitioner] == ["consultations"]


def test_the_scheduled_publishing_task_does_nothing_in_public_or_the_template(db):
    connection.set_schema_to_public()
    assert manual_publish_scheduled() is False
    with schema_context("_template"):
        assert manual_publish_scheduled() is False


def test_the_beat_schedule_fans_the_task_out_to_every_partner(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["manual-publish-scheduled"]
    assert entry["task"] == "cms.tasks.manual_publish_scheduled"
    assert "tenant_schemas" not in entry  # all tenants (the scheduler skips public)


def test_manual_ensure_gives_an_older_partner_the_default_manual(new_partner):
    with schema_context(new_partner.schema_name):
        ManualHomePage.objects.get().delete()  # as if created before the manual existed
        assert not ManualTopicPage.objects.exists()
    call_command("manual_ensure", new_partner.slug, stdout=io.StringIO())
    with schema_context(new_partner.schema_name):
        assert _topic_slugs() == {t.slug for c in default_manual() for t in c.topics}
        assert Site.objects.get(is_default_site=True).root_page.specific_class is ManualHomePage
        assert GroupPagePermission.objects.exists()
