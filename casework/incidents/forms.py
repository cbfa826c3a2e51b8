"""Forms of the incidents screens: they parse input only; every rule is in services/policy."""

from django import forms

from casework.forms import date_field
from casework.incidents.models import Severity

SEVERITY_MESSAGE = "Choose low, medium or high."


class IncidentForm(forms.Form):
    happened_on = date_field("Date it happened", required=True, today=True)
    happened_time = forms.TimeField(
        label="Time it happened",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text="For example, 14:30",
        error_messages={
            "required": "Enter the time it happened, like 14:30.",
            "invalid": "Enter the time it happened as hours and minutes, like 14:30.",
        },
    )
    kind = forms.ChoiceField(
        label="Type",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the type of incident.",
            "invalid_choice": "Choose the type of incident.",
        },
    )
    severity = forms.ChoiceField(
        label="How serious",
        choices=Severity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": SEVERITY_MESSAGE, "invalid_choice": SEVERITY_MESSAGE},
    )
    location = forms.CharField(label="Where it happened (optional)", max_length=200, required=False)
    description = forms.CharField(
        label="What happened",
        max_length=20000,
        widget=forms.Textarea,
        error_messages={"required": "Describe what happened."},
    )
    people = forms.MultipleChoiceField(
        label="People on the record who were involved (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the people listed."},
    )
    people_named = forms.CharField(
        label="Anyone else involved (optional)",
        help_text="Names or roles in words, for example “another parent at the group”.",
        max_length=500,
        required=False,
    )
    immediate_action = forms.CharField(
        label="Action taken at once (optional)",
        max_length=20000,
        required=False,
        widget=forms.Textarea,
    )
    follow_up_needed = forms.BooleanField(label="A follow-up is needed", required=False)

    def __init__(self, *args, kinds=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["happened_on"].error_messages["required"] = "Enter the date it happened."
        self.fields["kind"].choices = [(str(k.pk), k.name) for k in kinds]
        self.fields["people"].choices = [(str(p.public_id), p.display_name) for p in people]
        if not self.fields["people"].choices:
            del self.fields["people"]


class CorrectionForm(IncidentForm):
    reason = forms.CharField(
        label="Why it is being corrected",
        max_length=500,
        error_messages={"required": "Say why the incident is being corrected."},
    )


class TypeForm(forms.Form):
    name = forms.CharField(
        label="A new type",
        max_length=60,
        error_messages={"required": "Enter the type's name, up to 60 characters."},
    )
