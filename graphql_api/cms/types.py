"""The in-app manual, read-only: the published topics the caller's role may see."""

import strawberry
from django.utils.html import strip_tags


@strawberry.type(name="ManualTopic", description="A published page of the in-app manual.")
class ManualTopicType:
    title: str
    summary: str
    help_keys: list[str]
    path: str = strawberry.field(description="Where it lives in the portal, e.g. /manual/…/")
    body_html: str
    body_text: str

    @classmethod
    def from_page(cls, page, home) -> "ManualTopicType":
        html = str(page.body)
        relative = page.url_path[len(home.url_path) :] if home else ""
        return cls(
            title=page.title,
            summary=page.summary,
            help_keys=list(page.help_keys or []),
            path=f"/manual/{relative}",
            body_html=html,
            body_text=strip_tags(html).strip(),
        )
