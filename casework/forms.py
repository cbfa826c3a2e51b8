"""Forms for the casework screens. They only parse input (types, dates, which record an
id names); every rule is in casework.services and casework.policy."""

from datetime import date

from django import forms

from casework.models import (
    AdultRole,
    Attendance,
    Consent,
    ConsultationMethod,
    ContactKind,
    Programme,
    RelationshipType,
    Service,
    Stage,
)

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %m %Y"]
DATE_HINT = "For example, 27/3/2019"


def today_text() -> str:
    today = date.today()
    return f"{today.day}/{today.month}/{today.year}"


class DayField(forms.DateField):
    """A date typed as 27/3/2019 and shown back the same way, a record's own date too (an
    edit screen's initial value would otherwise show as "6 Dec 2026", which it refuses)."""

    def prepare_value(self, value):
        if isinstance(value, date):
            return f"{value.day}/{value.month}/{value.year}"
        return value


def date_field(label, *, required=False, help_text=DATE_HINT, today=False):
    return DayField(
        label=label,
        required=required,
        initial=today_text if today else None,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={"invalid": f"Enter a real date for “{label.lower()}”, like 27/3/2019."},
    )


def choices_without(choices, *values):
    return [(v, label) for v, label in choices if v not in values]


class SearchForm(forms.Form):
    q = forms.CharField(label="Search by name or client ID", required=False, max_length=200)


class ContactFindForm(forms.Form):
    """Find before create: what the caller knows about the person."""

    first_name = forms.CharField(label="First name", required=False, max_length=100)
    last_name = forms.CharField(label="Last name", required=False, max_length=100)
    date_of_birth = date_field("Date of birth")
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    phone = forms.CharField(label="Phone number", required=False, max_length=40)

    def has_criteria(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


class ContactCreateForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is this a child or an adult?",
        choices=ContactKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose child or adult."},
    )
    adult_role = forms.ChoiceField(
        label="Adult's role",
        choices=AdultRole.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="Only for adults.",
    )
    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the first name."}
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the last name."}
    )
    preferred_name = forms.CharField(label="Preferred name", max_length=100, required=False)
    pronouns = forms.CharField(label="Pronouns", max_length=40, required=False)
    date_of_birth = date_field("Date of birth", help_text=f"Required for a child. {DATE_HINT}")
    unique_pupil_number = forms.CharField(
        label="Unique Pupil Number (UPN)", max_length=20, required=False
    )
    phone = forms.CharField(label="Phone number", max_length=40, required=False)
    email = forms.CharField(label="Email address", max_length=254, required=False)
    address_line_1 = forms.CharField(label="Address line 1", max_length=200, required=False)
    address_line_2 = forms.CharField(label="Address line 2", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
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
        initial=Consent.NOT_REQUESTED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the consent status."},
    )
    consent_decided_on = date_field("Date consent was decided")


class AddressForm(forms.Form):
    address_line_1 = forms.CharField(label="Address line 1", max_length=200, required=False)
    address_line_2 = forms.CharField(label="Address line 2", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)


def offer_people(field, people) -> None:
    """A person picker's list (a select the one search fills as you type). The template
    lists field.choices; any id is accepted and found by the view."""
    field.choices = field.widget.choices = [("", "Choose a person")] + [
        (str(c.public_id), f"{c.display_name} ({c.client_id})") for c in people
    ]


PICKER_HINT = (
    "A name, client ID, date of birth, phone number or postcode. The people found are "
    "offered under “Who”."
)


class RelationshipForm(forms.Form):
    """Reads as a sentence: "[Kate Doyle] is John Smith's [mother]"; the other half
    ("John Smith is Kate Doyle's son") is derived by the service."""

    other = forms.CharField(
        label="Who",
        widget=forms.Select,
        error_messages={"required": "Choose who they are related to."},
    )
    kind = forms.ChoiceField(
        label="is their",
        choices=[("", "Choose a relationship")] + RelationshipType.choices,
        error_messages={"required": "Choose how they are related."},
    )

    def __init__(self, *args, others=(), contact=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_people(self.fields["other"], others)
        if contact is not None:
            self.fields["kind"].label = f"is {contact.display_name}'s"


class RelationshipRemoveForm(forms.Form):
    reason = forms.CharField(
        label="Why is it being removed?",
        help_text="For example, entered in error. Kept with the record's history.",
        max_length=500,
        error_messages={"required": "Enter why the relationship is being removed."},
    )


class EngagementOpenForm(forms.Form):
    programme = forms.ModelChoiceField(
        label="Programme",
        queryset=Programme.objects.filter(is_active=True),
        to_field_name="public_id",
        empty_label="Choose a programme",
        error_messages={
            "required": "Choose a programme.",
            "invalid_choice": "Choose a programme.",
        },
    )
    referral_source = forms.CharField(label="Referral source", max_length=200, required=False)
    referral_date = date_field("Referral date")
    referral_reason = forms.CharField(
        label="Referral reason", max_length=5000, required=False, widget=forms.Textarea
    )
    start_date = date_field("Start date", required=True, today=True)
    stage = forms.ChoiceField(
        label="Stage",
        choices=choices_without(Stage.choices, Stage.CLOSED, Stage.WITHDRAWN),
        initial=Stage.IN_PROGRESS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].error_messages["required"] = "Enter the start date."


class ServiceChoiceField(forms.ModelChoiceField):
    """Validates against every running service; offers only those matching the lookup."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Service.objects.filter(is_active=True, programme__is_active=True),
            to_field_name="public_id",
            error_messages={"required": "Choose a service.", "invalid_choice": "Choose a service."},
            **kwargs,
        )

    def offer(self, services):
        self.choices = [("", "Choose a service")] + [(str(s.public_id), s.name) for s in services]


class ServiceLookupForm(forms.Form):
    code = forms.CharField(
        label="Find a service by its code or name",
        required=False,
        max_length=100,
        help_text="Type the start, for example “RF:”.",
    )


class DeliveryForm(forms.Form):
    service = ServiceChoiceField(label="Service")
    date = date_field("Date of the session", required=True, today=True)
    attendance = forms.ChoiceField(
        label="Attendance",
        choices=Attendance.choices,
        initial=Attendance.ATTENDED,
        widget=forms.RadioSelect,
    )
    duration_minutes = forms.IntegerField(
        label="Duration in minutes", required=False, min_value=0, max_value=100_000
    )
    quantity = forms.IntegerField(label="Quantity", required=False, min_value=0, max_value=100_000)
    summary = forms.CharField(
        label="Summary", max_length=5000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].offer(services)
        self.fields["date"].error_messages["required"] = "Enter the date of the session."


class ConsultationForm(forms.Form):
    date = date_field("Date", required=True, today=True)
    method = forms.ChoiceField(
        label="How was it held?",
        choices=ConsultationMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose meeting, phone, email or conversation."},
    )
    held_with_contacts = forms.MultipleChoiceField(
        label="Held with (contacts)",
        required=False,
        help_text="The child's household, and anyone you found by searching.",
        error_messages={"invalid_choice": "Choose people from the list."},
    )
    who = forms.CharField(
        label="Find another contact",
        required=False,
        max_length=100,
        help_text="A name, client ID, date of birth, phone number or postcode. The people "
        "found are added to the list above, to tick.",
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

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].error_messages["required"] = "Enter the date."
        self.fields["held_with_contacts"].choices = [
            (str(c.public_id), f"{c.display_name} ({c.client_id})") for c in people
        ]

    def clean(self):
        data = super().clean()
        # Shown with the form's other problems; the service holds the same rule.
        if not data.get("held_with", "").strip() and not data.get("held_with_contacts"):
            if "held_with_contacts" not in self.errors:
                self.add_error(
                    "held_with",
                    "Say who it was held with: choose contacts, or type who it was "
                    "(one or more people).",
                )
        return data


class CloseForm(forms.Form):
    closed_on = date_field("Date closed", required=True, today=True)
    stage = forms.ChoiceField(
        label="How did it end?",
        choices=[(Stage.CLOSED, "Closed"), (Stage.WITHDRAWN, "Withdrawn")],
        initial=Stage.CLOSED,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].error_messages["required"] = (
            "Enter the date the engagement closed."
        )


SHARE_ACTIONS = [
    ("share", "Share with this colleague"),
    ("stop_sharing", "Stop sharing with this colleague"),
    ("reassign", "Give the engagement to this colleague (managers only)"),
]


class ShareForm(forms.Form):
    action = forms.ChoiceField(
        label="What do you want to do?",
        choices=SHARE_ACTIONS,
        initial="share",
        widget=forms.RadioSelect,
    )
    colleague = forms.CharField(
        label="Colleague",
        widget=forms.Select,
        error_messages={"required": "Choose a colleague."},
    )

    def __init__(self, *args, colleagues=(), can_reassign=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.colleagues = {str(u.public_id): u for u in colleagues}
        self.fields["colleague"].widget.choices = [("", "Choose a colleague")] + [
            (key, u.get_full_name()) for key, u in self.colleagues.items()
        ]
        self.fields["colleague"].choices = self.fields["colleague"].widget.choices
        if not can_reassign:
            self.fields["action"].choices = SHARE_ACTIONS[:2]

    def clean_colleague(self):
        user = self.colleagues.get(self.cleaned_data["colleague"])
        if user is None:
            raise forms.ValidationError("Choose a colleague.")
        return user


class ProgrammeForm(forms.Form):
    name = forms.CharField(label="Programme name", max_length=200)
    code_prefix = forms.CharField(
        label="Code prefix", max_length=10, help_text="Services are coded like “RF: Nursery”."
    )


class ServiceForm(forms.Form):
    programme = forms.ModelChoiceField(
        label="Programme",
        queryset=Programme.objects.all(),
        to_field_name="public_id",
        empty_label="Choose a programme",
        error_messages={"required": "Choose a programme.", "invalid_choice": "Choose a programme."},
    )
    name = forms.CharField(label="Service name", max_length=200)
