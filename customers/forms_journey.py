"""Forms of the journey screens: referring a customer, booking, the day's status and the
outcome checklist. Fields are optional here so the service names every missing one."""

from django import forms

from casework.forms import date_field
from customers.models import AppointmentStatus, CancelledBy, StepKind
from customers.services.outcomes import EMPLOYMENT_TYPES, INTERVENTIONS


def time_field(label):
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        help_text="For example, 14:30",
        error_messages={"invalid": f"Enter the {label.lower()} as hours and minutes, like 14:30."},
    )


def _choices(blank, pairs):
    return [("", blank), *pairs]


class ReferForm(forms.Form):
    provider = forms.ChoiceField(label="Provider", required=False)
    support_wanted = forms.CharField(label="What support they want", max_length=300, required=False)
    agreed_on = date_field("Date the resident agreed to be referred", today=True)
    how = forms.ChoiceField(
        label="Appointment",
        choices=[
            ("request", "Ask the provider to contact them and book"),
            ("booked", "I booked it with the provider by phone"),
        ],
        widget=forms.RadioSelect,
        initial="request",
        error_messages={"required": "Choose how the appointment is made."},
    )
    appointment_date = date_field("Appointment date")
    appointment_time = time_field("Appointment time")
    adviser = forms.CharField(label="Adviser", max_length=200, required=False)
    place = forms.CharField(label="Place", max_length=200, required=False)

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.providers = {str(p.pk): p for p in providers}
        self.fields["provider"].choices = _choices(
            "Choose a provider",
            [
                (
                    str(p.pk),
                    f"{p.name} ({p.wait_words})" if getattr(p, "wait_words", "") else p.name,
                )
                for p in providers
            ],
        )

    def clean(self):
        data = super().clean()
        if data.get("provider") not in self.providers:
            self.add_error("provider", "Choose a provider the directory offers for this area.")
        if data.get("how") == "booked":
            if not data.get("appointment_date") and "appointment_date" not in self.errors:
                self.add_error("appointment_date", "Enter the appointment date.")
            if not data.get("appointment_time") and "appointment_time" not in self.errors:
                self.add_error("appointment_time", "Enter the appointment time.")
        return data


class BookForm(forms.Form):
    on = date_field("Appointment date")
    at = time_field("Appointment time")
    adviser = forms.ChoiceField(label="Adviser", required=False)
    place = forms.CharField(label="Place", max_length=200, required=False)

    def __init__(self, *args, advisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.advisers = {str(u.pk): u for u in advisers}
        self.fields["adviser"].choices = _choices(
            "Choose the adviser", [(str(u.pk), u.get_full_name()) for u in advisers]
        )

    def chosen_adviser(self):
        return self.advisers.get(self.cleaned_data.get("adviser") or "")


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="What happened?",
        choices=[(s.value, s.label) for s in AppointmentStatus if s != AppointmentStatus.BOOKED],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what happened.",
            "invalid_choice": "Choose what happened.",
        },
    )
    new_on = date_field("New date (if rescheduled)")
    new_at = time_field("New time (if rescheduled)")
    cancelled_by = forms.ChoiceField(
        label="Cancelled by (if cancelled)",
        required=False,
        choices=_choices("Choose who cancelled", CancelledBy.choices),
    )


class StepForm(forms.Form):
    kind = forms.ChoiceField(
        label="Step",
        choices=_choices("Choose the step", StepKind.choices),
        required=False,
    )
    on = date_field("Date", today=True)
    intervention = forms.ChoiceField(
        label="Intervention (for an intervention)",
        required=False,
        choices=_choices("Choose the intervention", INTERVENTIONS.items()),
    )
    note = forms.CharField(label="Note (optional)", max_length=200, required=False)
    course = forms.CharField(label="Course (for training)", max_length=200, required=False)
    qualification = forms.CharField(label="Qualification (name)", max_length=200, required=False)
    level = forms.CharField(label="Qualification level", max_length=40, required=False)
    hours = forms.CharField(label="Hours a week (for employment)", max_length=10, required=False)
    employment_type = forms.ChoiceField(
        label="Type of employment",
        required=False,
        choices=_choices("Choose the type", EMPLOYMENT_TYPES.items()),
    )

    def __init__(self, *args, **kwargs):
        # Shown on one page with the booking form, which has a date too: ids of its own, so
        # the step's "Date" label and error link reach this form's field, not the booking's.
        kwargs.setdefault("auto_id", "id_step_%s")
        super().__init__(*args, **kwargs)

    def details(self):
        names = ("intervention", "note", "course", "qualification", "level", "hours")
        return {name: self.cleaned_data.get(name, "") for name in names} | {
            "employment_type": self.cleaned_data.get("employment_type", "")
        }


class AppointmentChangeForm(BookForm):
    """Before the day: the appointment's date, time, adviser or place, and why."""

    reason = forms.CharField(
        label="Reason for the change (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea,
        help_text="Kept with the change on the History tab.",
    )
