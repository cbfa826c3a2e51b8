"""Forms of the notes screens: they parse input only; every rule is in services/policy."""

from django import forms

from casework.forms import date_field
from casework.notes.models import NoteKind


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type",
        choices=NoteKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose call, visit, meeting, email or other.",
            "invalid_choice": "Choose call, visit, meeting, email or other.",
        },
    )
    happened_on = date_field("Date it happened", required=True, today=True)
    happened_time = forms.TimeField(
        label="Time it started",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text="For example, 14:30",
        error_messages={
            "required": "Enter the time it started, like 14:30.",
            "invalid": "Enter the time it started as hours and minutes, like 14:30.",
        },
    )
    duration_minutes = forms.IntegerField(
        label="Duration in minutes",
        required=False,
        min_value=0,
        max_value=24 * 60,
        error_messages={"invalid": "Enter the duration as a whole number of minutes."},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=200,
        help_text="What it was about, in a line.",
        error_messages={"required": "Enter a summary: what it was about, in a line."},
    )
    body = forms.CharField(label="Note", max_length=20000, required=False, widget=forms.Textarea)
    confidential = forms.BooleanField(
        label="Confidential: only me, managers and safeguarding leads may read it",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["happened_on"].error_messages["required"] = "Enter the date it happened."


class CallForm(forms.Form):
    """“Log a call”: two fields, the time is now."""

    summary = forms.CharField(
        label="What the call was about",
        max_length=200,
        error_messages={"required": "Enter what the call was about."},
    )
    body = forms.CharField(
        label="What was said", max_length=20000, required=False, widget=forms.Textarea
    )
