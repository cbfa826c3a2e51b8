"""The manual's writes: seeding the default manual (into the template schema, from which
every partner is cloned), keeping Wagtail's permissions and approval workflow in step
with the roles, and publishing what was scheduled.

Who may do what is read from the roles' capabilities, declared once in
tenants.accounts.capabilities:
- EDIT_MANUAL: add and change manual pages, images and documents, never publish; a
  change waits in the approval workflow;
- APPROVE_MANUAL: the same, and approve (publish) changes;
- WAGTAIL_ACCESS_ADMIN: enter Wagtail at /cms/ at all (Wagtail checks it itself).
The template holds every kind's roles; cloning a partner deletes the other kinds' roles
and their groups, and with them (by cascade) their page and collection permissions and
their place in the approval task, so nothing dangles.
"""

import logging
import uuid
from contextlib import contextmanager

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.default_manual import Chapter, Topic, default_manual
from cms.models import ManualChapterPage, ManualHomePage, ManualTopicPage
from tenants.accounts import capabilities as cap
from tenants.accounts.models import Role

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "Manual approval"
TASK_NAME = "Manager approval"
# Groups Wagtail's own migrations create; nobody belongs to them here (roles are groups).
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")

EDIT_PAGES = ("wagtailcore.add_page", "wagtailcore.change_page", "wagtailcore.lock_page")
APPROVE_PAGES = (*EDIT_PAGES, "wagtailcore.publish_page", "wagtailcore.unlock_page")
EDIT_MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
APPROVE_MEDIA = (*EDIT_MEDIA, "wagtailimages.delete_image", "wagtaildocs.delete_document")


@contextmanager
def _quietly(*names: str):
    """Seeding publishes dozens of pages: Wagtail and django-tasks would log each one."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _refuse_public() -> None:
    if connection.schema_name == get_public_schema_name():
        raise ImproperlyConfigured("The manual lives in partner schemas, never in public.")


def _permission(name: str) -> Permission:
    app, codename = name.split(".", 1)
    return Permission.objects.get(content_type__app_label=app, codename=codename)


# --- pages ------------------------------------------------------------------------------


def _home_ensure() -> ManualHomePage:
    home = ManualHomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=ManualHomePage(
                title="User manual",
                slug="manual",
                intro="<p>How to use Casebridge, written by and for the people who use it. "
                "Choose a chapter, or search for what you need.</p>",
            )
        )
        home.save_revision().publish()
    # The default site's root is the manual home, so Wagtail's own URLs for pages
    # ("View live", rich-text links) are the portal's /manual/… addresses.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            site_name="Casebridge manual",
            root_page=home,
            is_default_site=True,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Casebridge manual"
        site.save()
    # Wagtail's "Welcome to your new Wagtail site!" page, if still there and untouched.
    Page.objects.filter(
        depth=2,
        slug="home",
        numchild=0,
        content_type__app_label="wagtailcore",
        content_type__model="page",
    ).exclude(pk=home.pk).delete()
    return home


def _new_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    return page


def _chapter_ensure(home: ManualHomePage, spec: Chapter) -> ManualChapterPage:
    chapter = ManualChapterPage.objects.child_of(home).filter(slug=spec.slug).first()
    if chapter is None:
        chapter = _new_child(
            home,
            ManualChapterPage(
                title=spec.title,
                slug=spec.slug,
                summary=spec.summary,
                for_roles=list(spec.for_roles),
            ),
        )
        chapter.save_revision().publish()
    return chapter


def _resolve_related(body: list[dict], topic_ids: dict[str, int]) -> list[dict]:
    """ "chapter/topic" names in related blocks become page ids (unknown names dropped)."""
    resolved = []
    for block in body:
        if block["type"] == "related":
            items = [
                {"type": "item", "value": topic_ids[name], "id": str(uuid.uuid4())}
                for name in block["value"]
                if name in topic_ids
            ]
            if not items:
                continue
            block = {**block, "value": items}
        resolved.append(block)
    return resolved


@transaction.atomic
def manual_seed() -> ManualHomePage:
    """The default manual in the current schema, with its permissions and approval
    workflow (idempotent). Pages missing from the manual are added; pages already there
    are left as they are. Run on the template schema by template_ensure."""
    _refuse_public()
    with _quietly("wagtail", "django_tasks"):
        return _seed()


def _seed() -> ManualHomePage:
    home = _home_ensure()
    new_topics: list[tuple[ManualTopicPage, Topic]] = []
    for chapter_spec in default_manual():
        chapter = _chapter_ensure(home, chapter_spec)
        for spec in chapter_spec.topics:
            if ManualTopicPage.objects.child_of(chapter).filter(slug=spec.slug).exists():
                continue
            topic = ManualTopicPage(
                title=spec.title,
                slug=spec.slug,
                summary=spec.summary,
                for_roles=list(spec.for_roles),
                help_keys=list(spec.help_keys),
            )
            new_topics.append((_new_child(chapter, topic), spec))
    # Bodies last, once every topic a "related" block names exists.
    topic_ids = {
        f"{topic.get_parent().slug}/{topic.slug}": topic.pk
        for topic in ManualTopicPage.objects.descendant_of(home)
    }
    for topic, spec in new_topics:
        topic.body = _resolve_related(spec.body, topic_ids)
        topic.save_revision().publish()
    manual_permissions_sync()
    if new_topics:
        logger.info(
            "manual: %d default topics added in %s", len(new_topics), connection.schema_name
        )
    return home


# --- permissions and the approval workflow ----------------------------------------------


def _manual_rights() -> tuple[list[Group], list[Group]]:
    """(editing groups, approving groups) of this schema's roles, by their capabilities."""
    editors, approvers = [], []
    for role in Role.objects.select_related("group"):
        rights = role.permission_names()
        if cap.APPROVE_MANUAL in rights:
            approvers.append(role.group)
        elif cap.EDIT_MANUAL in rights:
            editors.append(role.group)
    return editors, approvers


def _sync_group_rows(model, *, target_field: str, target, wanted: dict[int, set[int]]) -> None:
    """Make `model`'s rows on `target` exactly `wanted` (group id → permission ids)."""
    existing = model.objects.filter(**{target_field: target})
    for row in existing:
        if row.permission_id not in wanted.get(row.group_id, set()):
            row.delete()
    have = set(existing.values_list("group_id", "permission_id"))
    for group_id, permission_ids in wanted.items():
        for permission_id in permission_ids - {p for g, p in have if g == group_id}:
            model.objects.create(
                **{target_field: target}, group_id=group_id, permission_id=permission_id
            )


def _approval_workflow_ensure(home: ManualHomePage, approvers: list[Group]) -> Workflow:
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set(approvers)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    # Wagtail's own "Moderators approval" would otherwise still cover the rest of the tree.
    for other in Workflow.objects.filter(active=True).exclude(pk=workflow.pk):
        other.deactivate()
    return workflow


@transaction.atomic
def manual_permissions_sync() -> None:
    """Give each role's group the manual rights its capabilities call for, and make the
    approving roles the approval task's reviewers (idempotent; current schema)."""
    _refuse_public()
    home = ManualHomePage.objects.first()
    if home is None:
        return
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, role__isnull=True).delete()
    editors, approvers = _manual_rights()
    page_perms = {name: _permission(name).pk for name in APPROVE_PAGES}
    media_perms = {name: _permission(name).pk for name in APPROVE_MEDIA}

    def ids(names, table):
        return {table[name] for name in names}

    wanted_pages = {g.pk: ids(EDIT_PAGES, page_perms) for g in editors}
    wanted_pages |= {g.pk: ids(APPROVE_PAGES, page_perms) for g in approvers}
    _sync_group_rows(GroupPagePermission, target_field="page", target=home, wanted=wanted_pages)
    # Rights given anywhere else in the tree (Wagtail's defaults on the root) go.
    GroupPagePermission.objects.exclude(page=home).delete()

    root_collection = Collection.get_first_root_node()
    wanted_media = {g.pk: ids(EDIT_MEDIA, media_perms) for g in editors}
    wanted_media |= {g.pk: ids(APPROVE_MEDIA, media_perms) for g in approvers}
    _sync_group_rows(
        GroupCollectionPermission,
        target_field="collection",
        target=root_collection,
        wanted=wanted_media,
    )
    _approval_workflow_ensure(home, approvers)


# --- scheduled publishing -----------------------------------------------------------------


def manual_publish_scheduled() -> bool:
    """Publish the revisions whose scheduled time has come, and unpublish expired pages,
    in the current partner's schema (Wagtail's publish_scheduled). False in public or
    the template, which have no manual to publish."""
    from django.conf import settings

    if connection.schema_name in (get_public_schema_name(), settings.TENANT_BASE_SCHEMA):
        return False
    call_command("publish_scheduled", verbosity=0)
    return True
