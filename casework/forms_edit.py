"""Forms for changing what was recorded. Like casework.forms they only parse; which
changes need a reason, and who may make them, is casework.policy's."""

from django import forms

from casework.forms import (
    DATE_HINT,
    PICKER_HINT,
    ServiceChoiceField,
    choices_without,
    date_field,
    offer_people,
)
from casework.models import (
    AdultRole,
    Attendance,
    Consent,
    ConsultationMethod,
    Programme,
    Service,
    Stage,
)

REASON_HINT = (
    "Needed when you change a child's name or date of birth, a session more than 7 days "
    "old, or anything in an engagement that has ended. It is kept on the History tab."
)


def reason_field(*, required=False, help_text=REASON_HINT, label="Reason for the change"):
    return forms.CharField(
        label=label,
        required=required,
        max_length=500,
        widget=forms.Textarea,
        help_text=help_text,
        error_messages={"required": "Say why it is being removed, for example “entered in error”."},
    )


class ContactEditForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    preferred_name = forms.CharField(label="Preferred name", max_length=100, required=False)
    pronouns = forms.CharField(label="Pronouns", max_length=40, required=False)
    date_of_birth = date_field("Date of birth", help_text=f"Required for a child. {DATE_HINT}")
    adult_role = forms.ChoiceField(
        label="Adult's role", choices=AdultRole.choices, required=False, widget=forms.RadioSelect
    )
    unique_pupil_number = forms.CharField(
        label="Unique Pupil Number (UPN)", max_length=20, required=False
    )
    phone = forms.CharField(label="Phone number", max_length=40, required=False)
    email = forms.CharField(label="Email address", max_length=254, required=False)
    alerts = forms.CharField(
        label="Alerts",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="Allergies, risks: shown prominently at the top of their record.",
    )
    watch_list = forms.BooleanField(label="Put on the watch list", required=False)
    consent = forms.ChoiceField(
        label="Consent to record and share information",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the consent status."},
    )
    consent_decided_on = date_field("Date consent was decided")
    reason = reason_field()

    def __init__(self, *args, adult=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not adult:
            del self.fields["adult_role"]

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}


class EngagementEditForm(forms.Form):
    programme = forms.ModelChoiceField(
        label="Programme",
        queryset=Programme.objects.all(),
        to_field_name="public_id",
        empty_label="Choose a programme",
        error_messages={"required": "Choose a programme.", "invalid_choice": "Choose a programme."},
    )
    referral_source = forms.CharField(label="Referral source", max_length=200, required=False)
    referral_date = date_field("Referral date")
    referral_reason = forms.CharField(
        label="Referral reason", max_length=5000, required=False, widget=forms.Textarea
    )
    start_date = date_field("Start date", required=True)
    stage = forms.ChoiceField(
        label="Stage",
        choices=choices_without(Stage.choices, Stage.CLOSED, Stage.WITHDRAWN),
        widget=forms.RadioSelect,
    )
    closed_on = date_field("Date closed", required=True)
    reason = reason_field()

    def __init__(self, *args, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        # Running programmes, and the one it is on even if it has ended.
        self.fields["programme"].queryset = Programme.objects.filter(
            is_active=True
        ) | Programme.objects.filter(pk=engagement.programme_id)
        self.fields["start_date"].error_messages["required"] = "Enter the start date."
        self.fields["closed_on"].error_messages["required"] = (
            "Enter the date the engagement closed."
        )
        if engagement.is_open:
            del self.fields["closed_on"]
        else:
            del self.fields["stage"]

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}


class EditServiceChoiceField(ServiceChoiceField):
    """Running services, and the one a session was given under even if it has ended."""

    def __init__(self, *, current: Service, **kwargs):
        super().__init__(**kwargs)
        self.queryset = self.queryset | Service.objects.filter(pk=current.pk)


def add_service_field(form, *, current: Service, services) -> None:
    """The service a session was given under first, then those the lookup found."""
    form.fields["service"] = EditServiceChoiceField(label="Service", current=current)
    form.fields["service"].offer([current, *(s for s in services if s.pk != current.pk)])
    form.order_fields(["service", "date"])


class DeliveryEditForm(forms.Form):
    date = date_field("Date of the session", required=True)
    attendance = forms.ChoiceField(
        label="Attendance", choices=Attendance.choices, widget=forms.RadioSelect
    )
    duration_minutes = forms.IntegerField(
        label="Duration in minutes", required=False, min_value=0, max_value=100_000
    )
    quantity = forms.IntegerField(label="Quantity", required=False, min_value=0, max_value=100_000)
    summary = forms.CharField(
        label="Summary", max_length=5000, required=False, widget=forms.Textarea
    )
    reason = reason_field()

    def __init__(self, *args, delivery, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["required"] = "Enter the date of the session."
        if delivery.group_session_id:
            # A group session's row keeps the group's service and date.
            del self.fields["date"]
        else:
            add_service_field(self, current=delivery.service, services=services)

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}


class ConsultationEditForm(forms.Form):
    date = date_field("Date", required=True)
    method = forms.ChoiceField(
        label="How was it held?",
        choices=ConsultationMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose meeting, phone, email or conversation."},
    )
    held_with = forms.CharField(
        label="Held with (people who are not contacts)",
        max_length=500,
        required=False,
        help_text="One or more people, with their roles, for example “school nurse”.",
    )
    notes = forms.CharField(
        label="Notes",
        max_length=20000,
        widget=forms.Textarea,
        error_messages={"required": "Enter the notes."},
    )
    reason = reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["required"] = "Enter the date."

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}


class ConsultationPersonForm(forms.Form):
    """Add a contact a consultation was held with: find them (typed, or the Find
    button without JavaScript), choose them, and say why once the engagement has ended."""

    who = forms.CharField(
        label="Find a contact", required=False, max_length=200, help_text=PICKER_HINT
    )
    contact = forms.CharField(
        label="Who", widget=forms.Select, error_messages={"required": "Choose who to add."}
    )
    reason = reason_field(
        help_text="Needed once the engagement has ended. It is kept on the History tab."
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        offer_people(self.fields["contact"], people)


class RemoveForm(forms.Form):
    reason = reason_field(
        required=True,
        label="Why is it being removed?",
        help_text="For example, “entered in error: it was another child”. "
        "It stays on the History tab with your name.",
    )


class GroupSessionForm(forms.Form):
    date = date_field("Date of the session", required=True)
    anonymous_attendees = forms.IntegerField(
        label="Attendees not recorded by name",
        min_value=0,
        max_value=10_000,
        error_messages={"required": "Enter 0 or more."},
    )
    reason = reason_field(
        help_text="Needed for a session more than 7 days old (before or after the change), "
        "or with a row in an engagement that has ended. It is kept on the History tab."
    )

    def __init__(self, *args, session, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["required"] = "Enter the date of the session."
        add_service_field(self, current=session.service, services=services)

    def changes(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "reason"}


class ProgrammeEditForm(forms.Form):
    name = forms.CharField(label="Programme name", max_length=200)
    code_prefix = forms.CharField(
        label="Code prefix", max_length=10, help_text="Services are coded like “RF: Nursery”."
    )
    is_active = forms.BooleanField(
        label="Still running (offered for new engagements)", required=False
    )


class ServiceEditForm(forms.Form):
    name = forms.CharField(label="Service name", max_length=200)
    is_active = forms.BooleanField(label="Still running (offered for new sessions)", required=False)
