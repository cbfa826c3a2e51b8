"""Forms of the calendar screens: they parse input only; every rule is in services/policy."""

from django import forms

from casework.events.models import SERIES_WEEKS_MAX, EventKind, Presence
from casework.forms import date_field

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def time_field(label: str, example: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=TIME_FORMATS,
        help_text=f"For example, {example}",
        error_messages={
            "required": f"Enter the time it {label.split()[-1]}, like {example}.",
            "invalid": f"Enter the time as hours and minutes, like {example}.",
        },
    )


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type",
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose meeting, visit, session or appointment.",
            "invalid_choice": "Choose meeting, visit, session or appointment.",
        },
    )
    day = date_field("Date", required=True, today=True)
    start = time_field("Time it starts", "10:00")
    end = time_field("Time it ends", "11:00")
    place = forms.CharField(label="Place", max_length=200, required=False)
    notes = forms.CharField(label="Notes", max_length=5000, required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].error_messages["required"] = "Enter the date of the event."


class BookingForm(EventForm):
    """Booking from a record: who else comes, which engagement and service, repeats."""

    others = forms.CharField(
        label="Other people coming (optional)",
        required=False,
        max_length=500,
        help_text="Their client IDs, separated by commas.",
    )
    engagement = forms.ChoiceField(label="In the engagement (optional)", required=False)
    service = forms.ChoiceField(
        label="Service given (optional)",
        required=False,
        help_text="With an engagement, the attendance you record becomes a delivery of it.",
    )
    staff = forms.MultipleChoiceField(
        label="Colleagues coming too (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weeks = forms.IntegerField(
        label="Weeks",
        initial=1,
        min_value=1,
        max_value=SERIES_WEEKS_MAX,
        help_text=f"1 for a single event; up to {SERIES_WEEKS_MAX} to repeat it weekly.",
        error_messages={
            "required": "Enter the number of weeks, 1 for a single event.",
            "invalid": "Enter the number of weeks as a whole number.",
            "min_value": "Enter 1 or more weeks.",
            "max_value": f"Repeat weekly for at most {SERIES_WEEKS_MAX} weeks.",
        },
    )

    def __init__(self, *args, engagements=(), services=(), colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.engagements, self.services = list(engagements), list(services)
        self.fields["engagement"].choices = [("", "None")] + [
            (str(e.public_id), f"{e.programme.name} (from {e.start_date:%d/%m/%Y})")
            for e in self.engagements
        ]
        self.fields["service"].choices = [("", "None")] + [
            (str(s.pk), s.name) for s in self.services
        ]
        self.fields["staff"].choices = [
            (str(u.public_id), u.get_full_name() or u.username) for u in colleagues
        ]

    def client_ids(self) -> list[str]:
        return [
            part.strip().upper() for part in self.cleaned_data["others"].split(",") if part.strip()
        ]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        max_length=500,
        error_messages={"required": "Say why the event is cancelled."},
    )


class AttendanceForm(forms.Form):
    """One radio group per person on the event (`contact-<public id>`)."""

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in event.attendees.all():
            name = f"contact-{row.contact.public_id}"
            self.fields[name] = forms.ChoiceField(
                label=row.contact.display_name,
                choices=Presence.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose attended, did not attend or cancelled.",
                    "invalid_choice": "Choose attended, did not attend or cancelled.",
                },
            )
            self.rows.append((row, name))

    def presence(self) -> dict:
        return {row.contact_id: self.cleaned_data[name] for row, name in self.rows}

    def bound_rows(self):
        return [self[name] for _, name in self.rows]
