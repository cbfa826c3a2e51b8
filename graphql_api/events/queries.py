from datetime import date, timedelta

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework.events import selectors
from casework.events.selectors import EVENTS_PAGE_MAX, MY_EVENTS_DAYS_MAX, MY_EVENTS_MAX
from graphql_api.auth import user_of
from graphql_api.errors import INVALID, ApiError
from graphql_api.events.types import EventType, as_events
from graphql_api.notes.queries import record_of


@strawberry.type
class EventsQuery:
    @strawberry.field(
        description="A contact's or an engagement's events you may see, newest first: give "
        f"one id. `first` up to {EVENTS_PAGE_MAX}, `offset` to page. Null when the record is "
        "not one you may see."
    )
    def events(
        self,
        info: Info,
        contact_id: relay.GlobalID | None = None,
        engagement_id: relay.GlobalID | None = None,
        first: int = 20,
        offset: int = 0,
    ) -> list[EventType] | None:
        if not (0 <= first <= EVENTS_PAGE_MAX) or offset < 0:
            raise ApiError(f"first must be 0 to {EVENTS_PAGE_MAX}, offset 0 or more.", INVALID)
        on = record_of(info, contact_id, engagement_id)
        if on is None:
            return None
        found = selectors.events_on(user=user_of(info), **on)
        return as_events(found[offset : offset + first])

    @strawberry.field(
        description=f"Your events from dateFrom to dateTo (at most {MY_EVENTS_DAYS_MAX} days, "
        f"the first {MY_EVENTS_MAX}), soonest first."
    )
    def my_events(self, info: Info, date_from: date, date_to: date) -> list[EventType]:
        if date_to < date_from or date_to - date_from > timedelta(days=MY_EVENTS_DAYS_MAX):
            raise ApiError(
                f"dateTo must be on or after dateFrom, at most {MY_EVENTS_DAYS_MAX} days later.",
                INVALID,
            )
        user = user_of(info)
        found = selectors.events_between(user=user, first=date_from, last=date_to, staff=user)
        return as_events(found[:MY_EVENTS_MAX])
