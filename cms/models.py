"""The in-app user manual: one manual home per partner schema, chapters under it and
topic pages under those. Each partner's pages, images and documents live in its own
schema (Wagtail is a tenant app); new partners start with the template's manual.

Pages are shown in the portal at /manual/… (cms.urls names its page route
`wagtail_serve`, so Wagtail's own page URLs, "View live" and rich-text links point
there). Who may read a page is decided in cms.selectors, never here.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, ManualBodyBlock
from cms.forms import ManualPageForm

# /manual/search/, /manual/help/… and /manual/images/… are the portal's own (cms.urls).
RESERVED_SLUGS = frozenset({"search", "help", "images"})
FOR_ROLES_HELP = (
    "Who the page is for. Leave every box empty for everyone; otherwise only people "
    "with a ticked role see it in the portal, its search and its Help links."
)
HELP_KEYS_HELP = (
    "The portal screens this topic explains, separated by commas (for example "
    "“engagement, engagements”). The Help link on those screens opens this topic."
)


def role_targets_field():
    # "kind:role-key" pairs (see cms.selectors.role_refs_of): the template holds every
    # kind's roles, and a key such as "champion" exists in each kind.
    return ArrayField(
        models.CharField(max_length=90),
        blank=True,
        default=list,
        verbose_name="for roles",
        help_text=FOR_ROLES_HELP,
    )


class ManualHomePage(Page):
    intro = RichTextField(blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ManualChapterPage"]
    max_count = 1
    template = "cms/manual_home_page.html"

    class Meta:
        verbose_name = "manual home"

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context["contents"] = selectors.manual_contents(actor=request.user)
        return context


class ManualChapterPage(Page):
    summary = models.TextField(blank=True, max_length=500)
    for_roles = role_targets_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("for_roles"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    base_form_class = ManualPageForm

    parent_page_types = ["cms.ManualHomePage"]
    subpage_types = ["cms.ManualTopicPage"]
    template = "cms/manual_chapter_page.html"

    class Meta:
        verbose_name = "manual chapter"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” is used by the manual's own pages: choose another."}
            )

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context["topics"] = selectors.topics_visible_to(actor=request.user).child_of(self)
        return context


class ManualTopicPage(Page):
    summary = models.TextField(max_length=500, help_text="One or two sentences: what this is.")
    body = StreamField(ManualBodyBlock(), blank=True)
    for_roles = role_targets_field()
    help_keys = ArrayField(
        models.SlugField(max_length=60),
        blank=True,
        default=list,
        verbose_name="help keys",
        help_text=HELP_KEYS_HELP,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("for_roles"), FieldPanel("help_keys")],
            heading="Who it is for and which screens it explains",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.AutocompleteField("summary"),
    ]
    base_form_class = ManualPageForm

    parent_page_types = ["cms.ManualChapterPage"]
    subpage_types: list[str] = []
    template = "cms/manual_topic_page.html"

    class Meta:
        verbose_name = "manual topic"
        indexes = [GinIndex(fields=["help_keys"], name="manual_topic_help_keys")]

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        visible = list(selectors.topics_visible_to(actor=request.user).order_by("path"))
        chapter = self.get_parent().specific
        context["chapter"] = chapter
        context["chapter_topics"] = [topic for topic in visible if topic.is_child_of(chapter)]
        context["visible_topic_ids"] = {topic.pk for topic in visible}
        return context
