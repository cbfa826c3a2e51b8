"""Calendar screens: my calendar (day and week), the partner's calendar for managers, a
record's Events tab, booking, an event with its attendance, changing or cancelling one
occurrence. Thin: parse with a form, call one service or selector, render. A record or
event the user may not see is 404; the rules are casework.events.policy's. The .ics feed
is in views/feed.py."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casework import selectors as casework_selectors
from casework.events import policy, selectors, services
from casework.events.forms import AttendanceForm, BookingForm, CancelForm, EventForm
from casework.events.services import Attendee
from casework.notes.record import Record
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key

DAY_FIELDS = {"day": "day", "start": "start", "end": "end"}


def _record(request, kind, public_id) -> Record:
    if kind == "engagement":
        engagement = casework_selectors.engagement_get(user=request.user, public_id=public_id)
        return Record(engagement=found(engagement))
    return Record(
        contact=found(casework_selectors.contact_get(user=request.user, public_id=public_id))
    )


def _refuse_unless_writer(request) -> None:
    if not policy.can_record_events(request.user):
        raise PermissionDenied("Your role does not include recording casework.")


def _day_asked(request) -> date:
    try:
        return date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return timezone.localdate()


def _days(request):
    """(view, first day, last day, previous, next) of the calendar asked for."""
    day = _day_asked(request)
    if request.GET.get("view") == "day":
        return "day", day, day, day - timedelta(days=1), day + timedelta(days=1)
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    return "week", monday, sunday, monday - timedelta(weeks=1), monday + timedelta(weeks=1)


def _by_day(events, first, last) -> list[dict]:
    days = []
    day = first
    while day <= last:
        days.append({"day": day, "events": []})
        day += timedelta(days=1)
    for event in events:
        index = (timezone.localtime(event.starts_at).date() - first).days
        if 0 <= index < len(days):
            days[index]["events"].append(event)
    return days


def _calendar(request, *, title, staff, template_extra):
    view, first, last, before, after = _days(request)
    events = list(selectors.events_between(user=request.user, first=first, last=last, staff=staff))
    return {
        "title": title,
        "view": view,
        "first": first,
        "last": last,
        "before": before,
        "after": after,
        "today": timezone.localdate(),
        "days": _by_day(events, first, last),
        **template_extra,
    }


@never_cache
@login_required
@help_key("calendar")
def my_calendar(request):
    """The user's own events, a day or a week at a time, and their calendar address."""
    feed = selectors.calendar_feed_of(user=request.user)
    context = _calendar(
        request,
        title="My calendar",
        staff=request.user,
        template_extra={
            "feed_url": (
                request.build_absolute_uri(reverse("calendar_feed_ics", args=[feed.token]))
                if feed
                else ""
            ),
            "can_feed": policy.can_record_events(request.user),
            "partner_calendar": policy.can_see_partner_calendar(request.user),
        },
    )
    return render(request, "events/calendar.html", context)


@never_cache
@login_required
@help_key("calendar")
def partner_calendar(request):
    """Managers: everyone's events, or one colleague's (?staff=<public id>)."""
    if not policy.can_see_partner_calendar(request.user):
        raise PermissionDenied("Only a manager can see the partner's calendar.")
    colleagues = list(selectors.colleagues_with_calendars(user=request.user))
    chosen = next((c for c in colleagues if str(c.public_id) == request.GET.get("staff")), None)
    context = _calendar(
        request,
        title="The partner's calendar",
        staff=chosen,
        template_extra={"colleagues": colleagues, "chosen": chosen, "partner_view": True},
    )
    return render(request, "events/calendar.html", context)


@require_POST
@login_required
def calendar_feed(request):
    """Issue a new secret calendar address, or revoke the current one."""
    if request.POST.get("action") == "revoke":
        services.calendar_feed_revoke(actor=request.user)
        messages.success(request, "Your calendar address has been turned off.")
    else:
        services.calendar_feed_issue(actor=request.user)
        messages.success(
            request, "Your new calendar address is ready; any older address has stopped working."
        )
    return redirect("my_calendar")


@never_cache
@login_required
@help_key("calendar")
def events_tab(request, public_id, kind="contact"):
    record = _record(request, kind, public_id)
    events = list(selectors.events_on(user=request.user, **record.on()))
    return render(
        request,
        "events/events_tab.html",
        {
            "record": record,
            "events": events,
            "book_url": _book_url(record),
            "can_write": policy.can_record_events(request.user),
        },
    )


def _book_url(record) -> str:
    if record.engagement is not None:
        return reverse("engagement_event_new", args=[record.engagement.public_id])
    return reverse("contact_event_new", args=[record.contact.public_id])


def _events_url(record) -> str:
    if record.engagement is not None:
        return reverse("engagement_events", args=[record.engagement.public_id])
    return reverse("contact_events", args=[record.contact.public_id])


def _attendees(request, record, form) -> list[Attendee]:
    """The record's person (in the engagement chosen) and the others named by client ID;
    an unknown ID is a field error."""
    engagements = {str(e.public_id): e for e in form.engagements}
    engagement = record.engagement or engagements.get(form.cleaned_data["engagement"])
    attendees = [Attendee(contact=record.contact, engagement=engagement)]
    wanted = form.client_ids()
    others = {
        c.client_id: c
        for c in casework_selectors.contacts_visible_to(user=request.user).filter(
            client_id__in=wanted
        )
    }
    missing = [cid for cid in wanted if cid not in others]
    if missing:
        raise ValidationError({"others": f"No one has the client ID {', '.join(missing)}."})
    attendees += [Attendee(contact=others[cid]) for cid in dict.fromkeys(wanted)]
    return attendees


@never_cache
@login_required
@help_key("calendar")
def event_new(request, public_id, kind="contact"):
    """Book an event with this person (a visit unless another type is chosen)."""
    record = _record(request, kind, public_id)
    _refuse_unless_writer(request)
    engagements = (
        []
        if record.engagement is not None
        else list(
            casework_selectors.engagements_by_status(user=request.user, status="open").filter(
                contact=record.contact
            )
        )
    )
    form = BookingForm(
        request.POST or None,
        initial={"kind": "visit", "start": "10:00", "end": "11:00", "weeks": 1},
        engagements=engagements,
        services=casework_selectors.services_visible_to(user=request.user).filter(is_active=True),
        colleagues=[
            u for u in selectors.staff_offered(user=request.user) if u.pk != request.user.pk
        ],
    )

    def work():
        data = form.cleaned_data
        services_by_pk = {str(s.pk): s for s in form.services}
        staff_by_id = {str(u.public_id): u for u in selectors.staff_offered(user=request.user)}
        return services.event_create(
            actor=request.user,
            kind=data["kind"],
            day=data["day"],
            start=data["start"],
            end=data["end"],
            place=data["place"],
            notes=data["notes"],
            attendees=_attendees(request, record, form),
            staff=[staff_by_id[key] for key in data["staff"] if key in staff_by_id],
            service=services_by_pk.get(data["service"]),
            weeks=data["weeks"],
        )

    if answer := form_done(
        request,
        form,
        work,
        done=lambda made: (
            "The event has been booked."
            if len(made) == 1
            else f"{len(made)} weekly events have been booked."
        ),
        renamed={"contacts": "others"},  # the other people
        then=lambda made: redirect("event_detail", made[0].public_id),
    ):
        return answer
    return render(
        request,
        "events/event_form.html",
        {"record": record, "form": form, "title": "Book an event", "button": "Book it"},
    )


@never_cache
@login_required
@help_key("calendar")
def event_detail(request, public_id):
    """The event, its people and its attendance (recorded here once it has started)."""
    event = found(selectors.event_get(user=request.user, public_id=public_id))
    form = AttendanceForm(request.POST or None, event=event)
    may_write = policy.can_change_event(request.user, event)
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied("You cannot record attendance here.")
        if form_done(
            request,
            form,
            lambda: services.attendance_record(
                actor=request.user, event=event, presence=form.presence()
            ),
            done="Attendance has been recorded.",
            renamed=_attendance_field,
        ):
            return redirect("event_detail", event.public_id)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "form": form,
            "may_write": may_write,
            "open_for_attendance": may_write
            and not event.is_cancelled
            and not event.attendance_recorded_at
            and event.starts_at <= timezone.now(),
            "series": list(selectors.series_of(user=request.user, event=event)),
        },
    )


def _attendance_field(name: str) -> str:
    """The service names a person's row `contact:<id>`; the form's field is `contact-<id>`."""
    return name.replace("contact:", "contact-") if name.startswith("contact:") else name


@never_cache
@login_required
@help_key("calendar")
def event_edit(request, public_id):
    """Change this occurrence only (the rest of a series stays)."""
    event = found(selectors.event_get(user=request.user, public_id=public_id))
    if not policy.can_change_event(request.user, event) or event.is_cancelled:
        raise PermissionDenied("This event cannot be changed.")
    start = timezone.localtime(event.starts_at)
    form = EventForm(
        request.POST or None,
        initial={
            "kind": event.kind,
            "day": start.date(),
            "start": f"{start:%H:%M}",
            "end": f"{timezone.localtime(event.ends_at):%H:%M}",
            "place": event.place,
            "notes": event.notes,
        },
    )
    if form_done(
        request,
        form,
        lambda: services.event_update(actor=request.user, event=event, **form.cleaned_data),
        done="The event has been changed.",
    ):
        return redirect("event_detail", event.public_id)
    return render(
        request,
        "events/event_form.html",
        {"event": event, "form": form, "title": "Change the event", "button": "Save"},
    )


@never_cache
@login_required
@help_key("calendar")
def event_cancel(request, public_id):
    """Cancel this occurrence, saying why."""
    event = found(selectors.event_get(user=request.user, public_id=public_id))
    if not policy.can_change_event(request.user, event):
        raise PermissionDenied("You cannot cancel this event.")
    form = CancelForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.event_cancel(
            actor=request.user, event=event, reason=form.cleaned_data["reason"]
        ),
        done="The event has been cancelled.",
    ):
        return redirect("event_detail", event.public_id)
    return render(request, "events/event_cancel.html", {"event": event, "form": form})
