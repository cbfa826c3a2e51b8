import re

from django import template
from django.utils.safestring import mark_safe

from cms.blocks import VIDEO_EXTENSIONS

register = template.Library()

# Rich text comes out as bare <p>, <ul>, <ol> and <a>: give them the design system's classes.
GOVUK_CLASSES = {
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
}
BARE_TAG = re.compile(r"<(p|ul|ol|a)(?=[\s>])(?![^>]*\bclass=)")


@register.filter
def govuk_rich(value) -> str:
    """Rendered rich text (links expanded) with GOV.UK typography classes."""
    html = str(value)
    return mark_safe(  # noqa: S308 (rich text Wagtail already rendered and sanitised)
        BARE_TAG.sub(lambda m: f'<{m.group(1)} class="{GOVUK_CLASSES[m.group(1)]}"', html)
    )


@register.filter
def is_video(document) -> bool:
    return bool(document) and document.file_extension.lower() in VIDEO_EXTENSIONS


@register.simple_tag
def visible_only(pages, visible_ids):
    """The chosen pages the reader may see (live, and in their set of visible topics)."""
    visible_ids = visible_ids or set()
    return [page for page in pages if page is not None and page.pk in visible_ids]
