import strawberry
from strawberry.types import Info

from cms import selectors
from graphql_api.auth import user_of
from graphql_api.cms.types import ManualTopicType
from graphql_api.limits import MANUAL_SEARCH_MAX

SEARCH_LIMIT = MANUAL_SEARCH_MAX


@strawberry.type
class ManualQuery:
    @strawberry.field(description="The manual topic that explains a screen (its help key).")
    def manual_topic(self, info: Info, help_key: str) -> ManualTopicType | None:
        page = selectors.topic_for_help_key(actor=user_of(info), key=help_key.strip())
        return ManualTopicType.from_page(page, selectors.manual_home()) if page else None

    @strawberry.field(description=f"Search the manual: at most {SEARCH_LIMIT} topics, best first.")
    def manual_search(self, info: Info, query: str) -> list[ManualTopicType]:
        pages = selectors.topics_search(actor=user_of(info), query=query[:200])[:SEARCH_LIMIT]
        home = selectors.manual_home()
        return [ManualTopicType.from_page(page, home) for page in pages]
