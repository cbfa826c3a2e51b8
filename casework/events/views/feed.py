"""The personal calendar feed (.ics): read by calendar apps with the secret token in its
address, no session. It carries no client names (initials and the type of event only),
answers 404 once revoked, and tells proxies not to keep it."""

from datetime import UTC

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from casework.events import selectors


def _initials(contact) -> str:
    first = contact.preferred_name or contact.first_name
    letters = [name[0].upper() for name in (first, contact.last_name) if name]
    return ".".join(letters) + "." if letters else "?"


def _stamp(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newline escaped."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _folded(line: str) -> str:
    """Lines longer than 75 octets go on, after CRLF and a space (RFC 5545 3.1)."""
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def ics_text(events, *, now) -> str:
    """The calendar, RFC 5545; each line ends CRLF. Only initials and the event type."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Casebridge//Calendar//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Casebridge",
    ]
    for event in events:
        who = ", ".join(_initials(row.contact) for row in event.attendees.all())
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.public_id}@casebridge",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART:{_stamp(event.starts_at)}",
            f"DTEND:{_stamp(event.ends_at)}",
            _folded(f"SUMMARY:{_text(event.get_kind_display() + (' – ' + who if who else ''))}"),
            f"STATUS:{'CANCELLED' if event.is_cancelled else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


@require_GET
def calendar_feed_ics(request, token):
    found = selectors.feed_events(token=token, today=timezone.localdate())
    if found is None:
        raise Http404
    _, events = found
    response = HttpResponse(
        ics_text(events, now=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
