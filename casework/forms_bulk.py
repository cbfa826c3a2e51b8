"""The forms of a group session recorded at once: the session, the client finder and a
row per client (at most the service's BULK_MAX_ROWS)."""

from django import forms

from casework.forms import ServiceChoiceField, date_field
from casework.models import Attendance
from casework.services.group_sessions import BULK_MAX_ROWS


class BulkSessionForm(forms.Form):
    service = ServiceChoiceField(label="Service")
    date = date_field("Date of the session", required=True, today=True)
    anonymous_attendees = forms.IntegerField(
        label="Attendees not recorded by name",
        required=False,
        min_value=0,
        max_value=10_000,
        initial=0,
        help_text="People who came but have no engagement here.",
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].offer(services)
        self.fields["date"].error_messages["required"] = "Enter the date of the session."


class ClientsFindForm(forms.Form):
    """A group session's person picker: the rows then offer the open engagements of the
    people found."""

    clients = forms.CharField(
        label="Find clients",
        required=False,
        max_length=100,
        help_text="A name, client ID, date of birth, phone number or postcode: the client "
        "lists below then offer their open engagements (what you have entered is kept).",
    )


class BulkRowForm(forms.Form):
    engagement = forms.CharField(label="Client and engagement", required=False)
    attendance = forms.ChoiceField(
        label="Attendance", choices=Attendance.choices, initial=Attendance.ATTENDED
    )
    duration_minutes = forms.IntegerField(
        label="Duration in minutes", required=False, min_value=0, max_value=100_000
    )
    summary = forms.CharField(label="Summary", max_length=5000, required=False)

    def __init__(self, *args, engagement_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].widget = forms.Select(choices=engagement_choices)
        self.fields["engagement"].choices = engagement_choices

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not (data.get("engagement") or data.get("summary") or data.get("duration_minutes"))


ROWS_STEP = 10  # rows offered at first and added at a time
ROWS_MAX = BULK_MAX_ROWS  # the most at once: the service's limit
BulkRowFormSet = forms.formset_factory(
    BulkRowForm, extra=ROWS_STEP, max_num=ROWS_MAX, absolute_max=ROWS_MAX
)
