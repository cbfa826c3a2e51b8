"""Reading events: always through what the user may see, filtered in SQL, with what a
list shows in a fixed number of queries."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from casework import policy as casework_policy
from casework.events import policy
from casework.events.models import CalendarFeed, Event, EventContact
from casework.selectors import engagements_visible_to
from tenants.accounts.models import User

# The most events one answer of the API holds (graphql_api.limits counts them), and the
# longest range of days it reads at once.
EVENTS_PAGE_MAX = 50
MY_EVENTS_MAX = 100
MY_EVENTS_DAYS_MAX = 31


def _with_people(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("service").prefetch_related(
        Prefetch(
            "attendees",
            queryset=EventContact.objects.select_related(
                "contact", "engagement__programme"
            ).order_by("id"),
        ),
        Prefetch("staff", queryset=User.objects.order_by("full_name", "username")),
    )


def events_visible_to(*, user) -> QuerySet[Event]:
    """Every event the user may see (policy.can_see_event is the same rule for one)."""
    if not (user.is_authenticated and user.is_active):
        return Event.objects.none()
    mine = Q(staff=user)
    if not policy.can_record_events(user):
        return Event.objects.filter(pk__in=Event.objects.filter(mine).values("pk"))
    if casework_policy.can_see_all_engagements(user):
        return Event.objects.all()
    hidden = EventContact.objects.filter(event=OuterRef("pk"), engagement__isnull=False).exclude(
        engagement__in=engagements_visible_to(user=user).values("pk")
    )
    staffed = Event.objects.filter(staff=user).values("pk")
    return Event.objects.filter(Q(pk__in=staffed) | ~Exists(hidden))


def _on(events, *, contact=None, engagement=None):
    if engagement is not None:
        rows = EventContact.objects.filter(engagement=engagement)
    else:
        rows = EventContact.objects.filter(contact=contact)
    return events.filter(pk__in=rows.values("event_id"))


def events_on(*, user, contact=None, engagement=None) -> QuerySet[Event]:
    """A contact's or an engagement's events the user may see, newest first."""
    return _with_people(
        _on(events_visible_to(user=user), contact=contact, engagement=engagement)
    ).order_by("-starts_at", "-id")


def events_count(*, user, contact=None, engagement=None) -> int:
    """What the Events tab counts (one query)."""
    return _on(events_visible_to(user=user), contact=contact, engagement=engagement).count()


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events_between(*, user, first: date, last: date, staff=None) -> QuerySet[Event]:
    """Events the user may see from `first` to `last` (days, inclusive), soonest first;
    only `staff`'s when given (a user: my calendar, or a colleague's for a manager)."""
    events = events_visible_to(user=user).filter(
        starts_at__gte=_day_start(first), starts_at__lt=_day_start(last + timedelta(days=1))
    )
    if staff is not None:
        events = events.filter(pk__in=Event.objects.filter(staff=staff).values("pk"))
    return _with_people(events).order_by("starts_at", "id")


def events_today(*, user, day: date) -> QuerySet[Event]:
    """The home page's “today's events”: the user's own, not cancelled."""
    return events_between(user=user, first=day, last=day, staff=user).filter(
        cancelled_at__isnull=True
    )


def event_get(*, user, public_id) -> Event | None:
    try:
        return _with_people(events_visible_to(user=user)).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def series_of(*, user, event: Event) -> QuerySet[Event]:
    """The other occurrences of the event's weekly series the user may see."""
    if event.series is None:
        return Event.objects.none()
    return events_visible_to(user=user).filter(series=event.series).order_by("starts_at")


def colleagues_with_calendars(*, user) -> QuerySet[User]:
    """Whose calendars a manager may look at: the partner's active caseworkers."""
    if not policy.can_see_partner_calendar(user):
        return User.objects.none()
    return User.objects.filter(is_active=True).order_by("full_name", "username")


def staff_offered(*, user) -> QuerySet[User]:
    """Colleagues who may be put on an event."""
    if not policy.can_record_events(user):
        return User.objects.none()
    return User.objects.filter(is_active=True).order_by("full_name", "username")


def calendar_feed_of(*, user) -> CalendarFeed | None:
    """The user's live calendar address, if they have one."""
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_events(*, token: str, today: date) -> tuple[User, list[Event]] | None:
    """(user, their events from 30 days ago to a year ahead) for a live token, else None.
    What the user may see: their own events (staff), as the calendar shows them."""
    if not token or len(token) > 64:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    events = events_between(
        user=feed.user,
        first=today - timedelta(days=30),
        last=today + timedelta(days=366),
        staff=feed.user,
    )
    return feed.user, list(events)
