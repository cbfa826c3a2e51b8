"""Signing in over HTTP, reading what the portal shows, and editing a topic in Wagtail's
own editor the way a browser would post it."""

import re
from html import unescape

from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from cms.models import ManualTopicPage


def main_text(response) -> str:
    """The visible text of the page's <main>, whitespace collapsed."""
    html = response.content.decode()
    main = html.split('id="main-content"', 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", main))).strip()


def help_href(response) -> str:
    match = re.search(r'<a href="([^"]*)" data-testid="help-link"', response.content.decode())
    assert match, "no Help link in the header"
    return match.group(1)


def topic(slug: str) -> ManualTopicPage:
    """A topic of the current schema's manual, as stored (its live content)."""
    return ManualTopicPage.objects.get(slug=slug)


def editor_post(client: Client, page: ManualTopicPage, *, paragraph: str, action: str):
    """Post Wagtail's edit form for `page` with a new body (a heading and a paragraph),
    keeping every other field as the form shows it. `action` is the button pressed:
    "submit" (submit for approval), "publish", or "" (save draft)."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = querydict_from_html(form.content.decode(), form_id="page-edit-form").dict()
    data["for_roles"] = page.for_roles
    data.update(
        nested_form_data(
            {
                "body": streamfield(
                    [
                        ("heading", "What to do"),
                        ("paragraph", rich_text(f"<p>{paragraph}</p>")),
                    ]
                )
            }
        )
    )
    if action:
        data[f"action-{action}"] = "on"
    return client.post(url, data)
