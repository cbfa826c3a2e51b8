"""Reading the manual, always as a particular person: only live pages, only under the
partner's manual home, and never a page (or a chapter's pages) targeted at other roles."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from cms.models import ManualChapterPage, ManualHomePage, ManualTopicPage


def role_ref(kind: str, key: str) -> str:
    """How a page names a role it is for: the template holds every kind's roles, and a
    key such as "champion" exists in each, so the kind is part of the name."""
    return f"{kind}:{key}"


def role_refs_of(actor) -> list[str]:
    if actor is None or not actor.is_authenticated:
        return []
    role = getattr(actor, "role", None)
    if role is None:
        return []
    return sorted(role_ref(kind, role.key) for kind in role.kinds)


def role_target_choices() -> list[tuple[str, str]]:
    """The roles of this schema, for the "for roles" tick boxes."""
    from tenants.accounts.models import Role
    from tenants.models import PartnerKind

    roles = list(Role.objects.order_by("name", "key"))
    several_kinds = len({kind for role in roles for kind in role.kinds}) > 1
    labels = dict(PartnerKind.choices)
    choices = []
    for role in roles:
        for kind in role.kinds:
            label = f"{role.name} ({labels.get(kind, kind)})" if several_kinds else role.name
            choices.append((role_ref(kind, role.key), label))
    return choices


def _for_actor(refs: list[str]) -> Q:
    return Q(for_roles=[]) | Q(for_roles__overlap=refs) if refs else Q(for_roles=[])


def manual_home() -> ManualHomePage | None:
    return ManualHomePage.objects.live().first()


def chapters_visible_to(*, actor) -> QuerySet[ManualChapterPage]:
    home = manual_home()
    if home is None:
        return ManualChapterPage.objects.none()
    return ManualChapterPage.objects.child_of(home).live().filter(_for_actor(role_refs_of(actor)))


def topics_visible_to(*, actor) -> QuerySet[ManualTopicPage]:
    """Live topics for everyone or for the actor's role, in chapters they may see."""
    chapter_paths = list(chapters_visible_to(actor=actor).values_list("path", flat=True))
    if not chapter_paths:
        return ManualTopicPage.objects.none()
    in_visible_chapter = Q()
    for path in chapter_paths:
        in_visible_chapter |= Q(path__startswith=path)
    return ManualTopicPage.objects.live().filter(
        in_visible_chapter, _for_actor(role_refs_of(actor))
    )


def manual_contents(*, actor) -> list[tuple[ManualChapterPage, list[ManualTopicPage]]]:
    """The chapters the actor may see, each with its topics the actor may see, in order."""
    chapters = list(chapters_visible_to(actor=actor))
    topics = list(topics_visible_to(actor=actor).order_by("path"))
    return [
        (chapter, [topic for topic in topics if topic.path.startswith(chapter.path)])
        for chapter in chapters
    ]


def topic_for_help_key(*, actor, key: str) -> ManualTopicPage | None:
    """The topic explaining a screen. A page written for the actor's role wins over a
    page for everyone; then the manual's own order."""
    return (
        topics_visible_to(actor=actor)
        .filter(help_keys__contains=[key])
        .annotate(
            for_everyone=Case(
                When(for_roles=[], then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("for_everyone", "path")
        .first()
    )


def topics_search(*, actor, query: str):
    """Wagtail search (the database backend, in this partner's schema) over the topics the
    actor may see, best match first."""
    query = query.strip()
    if not query:
        return []
    visible_ids = list(topics_visible_to(actor=actor).values_list("pk", flat=True))
    if not visible_ids:
        return []
    return list(ManualTopicPage.objects.live().filter(id__in=visible_ids).search(query))


def page_at_path(*, actor, path: str):
    """The chapter or topic at /manual/<path>, or the manual home for an empty path; None
    when there is no such live page or the actor may not see it."""
    home = manual_home()
    if home is None:
        return None
    if not path.strip("/"):
        return home
    url_path = home.url_path + path.strip("/") + "/"
    chapter = chapters_visible_to(actor=actor).filter(url_path=url_path).first()
    if chapter is not None:
        return chapter
    return topics_visible_to(actor=actor).filter(url_path=url_path).first()
