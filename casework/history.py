"""The change history of a record in people's words: when, who, what changed (field
labels, old → new, choice labels rather than stored values), newest first, a page at
a time. The events are pghistory's (casework.tracking); who may read which record's
history is decided by the selectors that call this."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection, models
from django.utils.dateformat import format as format_date
from django.utils.text import capfirst
from pghistory.models import Events

from tenants.models import Partner

PAGE_SIZE = 25

# Bookkeeping columns that mean nothing to a caseworker (who recorded it is "who").
HIDDEN = {
    "id",
    "public_id",
    "created_at",
    "created_by",
    "recorded_by",
    "joined_household_at",
    "search_name",
    "phone_digits",
    # A removal is told as such ("Service delivery removed", with its reason).
    "removed_at",
    "removed_by",
    "removal_reason",
}
# Labels where a field's own name is not what people call it.
LABELS = {
    "programme.is_active": "Still running",
    "service.is_active": "Still running",
    "is_active": "In use",
    "code_prefix": "Code",
    "adult_role": "Adult's role",
    "unique_pupil_number": "Unique Pupil Number",
    "contact.consent": "Consent to record and share information",
    "contact.consent_decided_on": "Date consent was decided",
    "postcode_district": "Postcode district",
    "duration_minutes": "Duration in minutes",
    "anonymous_attendees": "Attendees not recorded by name",
    "held_with": "Held with (people who are not contacts)",
    "contact.kind": "Child or adult",
}
# What an entry's own heading already says.
HIDDEN_BY_MODEL = {
    "relationship": {"contact", "other", "kind", "inverse", "removed_at", "removed_by"},
    "servicedelivery": {"engagement", "group_session"},
    "consultation": {"engagement"},
    "consultationparticipant": {"consultation", "contact"},
    "customerreferral": {"customer", "referral"},
    "customerreason": {"customer", "notinterestedreason"},
    # A merge's reason is the entry's reason; who and when are the entry's own.
    "merge": {"reason", "merged_at", "merged_by", "unmerged_by", "unmerge_reason"},
    "customermerge": {"reason", "merged_at", "merged_by", "unmerged_by", "unmerge_reason"},
}
# Entries about a link, named after the record linked (a customer's referral, reason).
NAMED_BY = {"customerreferral": "referral", "customerreason": "notinterestedreason"}
# Links never shown by name (their names would cost a query each).
NOT_NAMED = {"engagement", "group_session"}
VERBS = {"insert": "added", "update": "changed", "delete": "removed"}
BLANK = "(blank)"


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    at: object
    who: str
    what: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""  # why it was changed or removed, in the words of whoever did it


NEWEST_FIRST = ("-pgh_created_at", "-pgh_id")


class Merged:
    """Several Events querysets read as one, newest first, for the Paginator (which
    needs only a count and slices): events found by different links, such as an
    engagement's own and those of the people its consultations were held with."""

    def __init__(self, *querysets):
        self.querysets = [qs.order_by(*NEWEST_FIRST) for qs in querysets]

    def order_by(self, *fields):
        return self

    def count(self) -> int:
        return sum(qs.count() for qs in self.querysets)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice):
        rows = [row for qs in self.querysets for row in qs[: window.stop]]
        rows.sort(key=lambda row: (row.pgh_created_at, row.pgh_id), reverse=True)
        return rows[window]


def events_page(
    events: models.QuerySet | Merged,
    *,
    number=1,
    hide: tuple[str, ...] = (),
    name_contacts=False,
):
    """One page of `events` (an Events queryset) as Entries. A fixed number of queries
    whatever the page holds: the page and its count, then one per kind of linked record."""
    page = Paginator(events.order_by(*NEWEST_FIRST), PAGE_SIZE).get_page(number)
    rows = list(page.object_list)
    names = _names_for(rows)
    page.object_list = [_entry(row, names, set(hide), name_contacts) for row in rows]
    return page


def _tracked_model(row) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(row.pgh_obj_model)


def _fields_by_column(model) -> dict[str, models.Field]:
    return {f.column: f for f in model._meta.concrete_fields}


def _shown(row, model, hide) -> list[tuple[models.Field, object, object]]:
    """(field, old, new) for what the event changed; on creation, what was filled in."""
    columns = _fields_by_column(model)
    hidden = HIDDEN | HIDDEN_BY_MODEL.get(model._meta.model_name, set()) | set(hide)
    if row.pgh_label == "update":
        pairs = ((col, *values) for col, values in (row.pgh_diff or {}).items())
    elif row.pgh_label == "insert":
        pairs = ((col, None, value) for col, value in (row.pgh_data or {}).items())
    else:
        pairs = ()
    shown = []
    for column, old, new in pairs:
        model_field = columns.get(column)
        if model_field is None or model_field.name in hidden:
            continue
        if row.pgh_label == "insert" and new in (None, "", False):
            continue
        shown.append((model_field, old, new))
    return shown


def _names_for(rows) -> dict[tuple[type, object], str]:
    """Names of the users and linked records the page mentions, one query per model."""
    wanted: dict[type, set] = {}
    user_model = _user_model()
    for row in rows:
        context = row.pgh_context or {}
        if _elsewhere(context):
            wanted.setdefault(Partner, set()).add(context["schema"])
        elif context.get("user"):
            wanted.setdefault(user_model, set()).add(context["user"])
        columns = _fields_by_column(_tracked_model(row))
        values = [*(row.pgh_data or {}).items()]
        values += [(col, pair[0]) for col, pair in (row.pgh_diff or {}).items()]
        for column, value in values:
            model_field = columns.get(column)
            if (
                value is not None
                and model_field is not None
                and model_field.is_relation
                and model_field.name not in NOT_NAMED
            ):
                wanted.setdefault(model_field.related_model, set()).add(value)
    names = {}
    for partner in Partner.objects.filter(schema_name__in=wanted.pop(Partner, ())):
        names[(Partner, partner.schema_name)] = partner.name
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            names[(model, obj.pk)] = _name_of(obj)
    return names


def _elsewhere(context) -> bool:
    """Made by a user of another partner (through the exchange): their user key means
    nothing here, so they are named as the context recorded them, with their partner."""
    return bool(context.get("schema")) and context["schema"] != connection.schema_name


def _user_model():
    from django.apps import apps

    return apps.get_model(settings.AUTH_USER_MODEL)


def _name_of(obj) -> str:
    if hasattr(obj, "get_full_name"):
        return obj.get_full_name() or obj.get_username()
    if hasattr(obj, "client_id"):  # a contact
        return f"{obj.display_name} ({obj.client_id})"
    if hasattr(obj, "other_partner_name"):  # a referral of the exchange
        return f"{'to' if obj.direction == 'sent' else 'from'} {obj.other_partner_name}"
    return str(obj)


def _entry(row, names, hide, name_contacts=False) -> Entry:
    model = _tracked_model(row)
    context = row.pgh_context or {}
    user_id = context.get("user")
    if _elsewhere(context):
        partner = names.get((Partner, context["schema"]), "another partner")
        who = f"{context.get('user_name') or 'Someone'} ({partner})"
    elif user_id:
        who = names.get((_user_model(), user_id), "A former colleague")
    else:
        who = "Casebridge (no one signed in)"
    removal = _removal(row)
    verb = "removed" if removal is not None else VERBS.get(row.pgh_label, row.pgh_label)
    what = f"{capfirst(model._meta.verbose_name)} {verb}"
    subject = _subject(model, row.pgh_data or {}, names, name_contacts)
    if subject:
        what = f"{what}: {subject}"
    changes = [
        Change(
            label=_label(model, model_field),
            old=_words(model_field, old, names) if row.pgh_label == "update" else "",
            new=_words(model_field, new, names),
        )
        for model_field, old, new in _shown(row, model, hide)
    ]
    reason = str(context.get("reason") or removal or "")
    return Entry(at=row.pgh_created_at, who=who, what=what, changes=changes, reason=reason)


def _label(model, model_field) -> str:
    return (
        LABELS.get(f"{model._meta.model_name}.{model_field.name}")
        or LABELS.get(model_field.name)
        or capfirst(model_field.verbose_name)
    )


def _removal(row) -> str | None:
    """The reason given, when this event is a record being removed (entered in error)."""
    diff = row.pgh_diff or {}
    if row.pgh_label != "update" or "removed_at" not in diff or diff["removed_at"][1] is None:
        return None
    return (row.pgh_data or {}).get("removal_reason") or ""


def _subject(model, data, names, name_contacts=False) -> str:
    """Which delivery, consultation, relationship or link an entry is about."""
    label = model._meta.model_name
    if label in NAMED_BY:
        linked = model._meta.get_field(NAMED_BY[label])
        return names.get((linked.related_model, data.get(linked.column)), "")
    on = _date_words(data.get("date"))
    if label == "servicedelivery":
        service = names.get(
            (model._meta.get_field("service").related_model, data.get("service_id"))
        )
        return f"{service or 'a service'} on {on}"
    if label == "consultation":
        return f"on {on}"
    if label == "consultationparticipant":
        contact = model._meta.get_field("contact").related_model
        consultation = model._meta.get_field("consultation").related_model
        who = names.get((contact, data.get("contact_id")), "a contact")
        held = names.get((consultation, data.get("consultation_id")), "a consultation")
        return f"{who}, at the {held}"
    if label == "contact" and name_contacts:  # a household's members, on its history
        return f"{data.get('first_name', '')} {data.get('last_name', '')}".strip()
    if label == "groupsession":
        return f"on {on}"
    if label == "relationship":
        related = model._meta.get_field("other").related_model
        kinds = dict(model._meta.get_field("kind").choices)
        other = names.get((related, data.get("other_id")), "another contact")
        return f"{kinds.get(data.get('kind'), data.get('kind'))} of {other}"
    return ""


def _date_words(value) -> str:
    try:
        return format_date(date.fromisoformat(str(value)[:10]), "j M Y")
    except ValueError:
        return str(value)


def _words(model_field, value, names) -> str:
    """A stored value as people say it."""
    if value is None or value == "":
        return BLANK
    if model_field.is_relation:
        return names.get((model_field.related_model, value), "a record no longer here")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(model_field, models.DateTimeField):
        return str(value)
    if isinstance(model_field, models.DateField):
        return _date_words(value)
    if isinstance(value, dict):  # a record's own fields kept together (JSON)
        return "; ".join(f"{capfirst(str(k).replace('_', ' '))}: {v}" for k, v in value.items())
    return str(value)


def history_of(*event_models, references=None, tracks=None) -> models.QuerySet:
    """Events of these event models that reference (or track) one record."""
    events = Events.objects.across(*event_models)
    if tracks is not None:
        return events.tracks(tracks)
    return events.references(references)
