"""The support line's forms: finding and recording callers, opening and correcting a
support case, and what is recorded in one (notes, signposts, support, local referrals,
the lawful basis)."""

from datetime import date

from django import forms

from casework.forms import date_field
from casework.models import Consent
from referrals.models import SignpostCategory
from referrals.types import REFERRAL_TYPES, referral_type_choices

YES_NO = [("yes", "Yes"), ("no", "No")]


class CallerSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by part of a name or a phone number", required=False, max_length=100
    )


class CallerForm(forms.Form):
    """A caller, or a beneficiary created on the spot (prefix "new")."""

    consent = forms.ChoiceField(
        label="Consent status",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the consent status the caller gave."},
    )
    consent_decided_on = date_field("Consent decision date", today=True)
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    phone = forms.CharField(label="Phone number", max_length=40, required=False)
    email = forms.CharField(label="Email address", max_length=254, required=False)
    postcode = forms.CharField(
        label="Postcode", max_length=10, required=False, help_text="Only with consent."
    )
    postcode_district = forms.CharField(
        label="Postcode district",
        max_length=10,
        required=False,
        help_text="The first part of the postcode, like SW1A or M1; UK if none was given. "
        "Filled from the postcode when there is one.",
    )
    alerts = forms.CharField(
        label="Alerts",
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        help_text="Risks or needs to know before speaking to them, shown at the top of their "
        "record. Only with consent.",
    )


def reason_field(
    help_text: str = "Needed when a name changes, or anything after the case was reviewed. "
    "Kept with the change on the History tab.",
) -> forms.CharField:
    return forms.CharField(
        label="Reason for the change",
        max_length=500,
        required=False,
        widget=forms.Textarea,
        help_text=help_text,
    )


class CallerChangeForm(CallerForm):
    reason = reason_field()


class CaseChangeForm(forms.Form):
    title = forms.CharField(
        label="Case title",
        max_length=200,
        required=False,
        help_text="The need in a few words, like “Food parcel”.",
    )
    beneficiary_consent_to_discuss = forms.BooleanField(
        label="The caller has the beneficiary's consent to discuss the case", required=False
    )
    reason = reason_field()

    def __init__(self, *args, someone_else: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not someone_else:  # the caller is the beneficiary: nothing to consent to
            del self.fields["beneficiary_consent_to_discuss"]


class CaseCreateForm(forms.Form):
    title = forms.CharField(
        label="Case title",
        max_length=200,
        help_text="The need in a few words, like “Food parcel”.",
        error_messages={"required": "Enter a short title for the case, like “Food parcel”."},
    )
    identity_confirmed = forms.BooleanField(
        label="The caller confirmed the details we hold for them", required=False
    )
    who = forms.ChoiceField(
        label="Who requires support?",
        choices=[
            ("caller", "The caller"),
            ("existing", "Someone else we have recorded"),
            ("new", "Someone else, new to us"),
        ],
        initial="caller",
        widget=forms.RadioSelect,
    )
    beneficiary_search = forms.CharField(
        label="Find the person who requires support",
        max_length=200,
        required=False,
        help_text="A name, client ID, date of birth, phone number or postcode; then choose "
        "them below.",
    )
    beneficiary = forms.CharField(
        label="Someone else we have recorded",
        required=False,
        widget=forms.Select,
    )
    beneficiary_consent_to_discuss = forms.BooleanField(
        label="The caller has the beneficiary's consent to discuss the case", required=False
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a person")] + [(str(p.public_id), label) for p, label in people]
        # The template lists field.choices; the view finds whoever the id names.
        self.fields["beneficiary"].choices = self.fields["beneficiary"].widget.choices = choices


class VerifyForm(forms.Form):
    confirmed = forms.BooleanField(
        label="The caller confirmed their identity against these details",
        error_messages={"required": "Tick to confirm the caller's identity first."},
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add to the summary notes",
        max_length=5000,
        widget=forms.Textarea,
        help_text="Notes are added to, never changed: each shows who wrote it and when.",
        error_messages={"required": "Enter the note."},
    )


class SupportForm(forms.Form):
    """The support given (a case's "Support" section)."""

    psychosocial_support = forms.ChoiceField(
        label="Psychosocial support given?", choices=YES_NO, initial="no", widget=forms.RadioSelect
    )
    safeguarding_activated = forms.ChoiceField(
        label="Safeguarding activated?", choices=YES_NO, initial="no", widget=forms.RadioSelect
    )
    safeguarding_reason = forms.CharField(
        label="Safeguarding reason",
        max_length=300,
        required=False,
        help_text="Required when safeguarding is activated. The high-level reason only.",
    )
    feedback_consent = forms.ChoiceField(
        label="May we contact the caller for feedback?",
        choices=YES_NO,
        initial="no",
        widget=forms.RadioSelect,
    )
    reason = reason_field("Needed after the case was reviewed. Kept on the History tab.")


class SignpostForm(forms.Form):
    category = forms.ModelChoiceField(
        label="Signpost",
        queryset=SignpostCategory.objects.filter(is_active=True),
        empty_label="Choose a signpost",
        error_messages={"required": "Choose a signpost.", "invalid_choice": "Choose a signpost."},
    )


class ServiceSignpostForm(forms.Form):
    service = forms.ChoiceField(
        label="Service",
        error_messages={
            "required": "Choose a service.",
            "invalid_choice": "Choose a service from the list.",
        },
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", "Choose a service")] + [
            (str(e.public_id), f"{e.name} ({e.organisation_name})") for e in services
        ]


class LocalReferralTypeForm(forms.Form):
    response_type = forms.ChoiceField(
        label="Local response type",
        choices=[("", "Choose the kind of support")] + referral_type_choices(local_only=True),
        error_messages={"required": "Choose the kind of support needed."},
    )


def _initial_details(response_type: str, details: dict) -> dict:
    """Stored details (yes/no as booleans, dates as ISO text) as the form shows them."""
    initial = {}
    for field in REFERRAL_TYPES[response_type].details:
        value = details.get(field.name)
        if value is None:
            continue
        if field.kind == "yesno":
            value = "yes" if value else "no"
        elif field.kind == "date":
            try:
                value = date.fromisoformat(str(value))
            except ValueError:
                pass
        initial[field.name] = value
    return initial


def local_referral_details_form(response_type: str, data=None, initial: dict | None = None):
    """The type's own fields, built from the referral type's declaration (initial: the
    stored details, when correcting one)."""
    form = forms.Form(data, initial=_initial_details(response_type, initial or {}))
    for field in REFERRAL_TYPES[response_type].details:
        if field.kind == "date":
            form.fields[field.name] = date_field(field.label)
        elif field.kind == "yesno":
            form.fields[field.name] = forms.ChoiceField(
                label=field.label,
                choices=[("", "Not known")] + YES_NO,
                required=False,
                widget=forms.Select,
            )
        elif field.kind == "integer":
            form.fields[field.name] = forms.CharField(
                label=field.label, max_length=5, required=False
            )
        else:
            form.fields[field.name] = forms.CharField(
                label=field.label, max_length=300, required=False, help_text=field.hint
            )
    return form


class LawfulBasisForm(forms.Form):
    reason = forms.CharField(
        label="Lawful basis for sharing without consent, and why it applies",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Give the lawful basis and why it applies."},
    )
