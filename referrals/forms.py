"""Forms for the support line and the exchange. They parse input only; the consent
rules, the lifecycle and who may do what are in referrals.services and referrals.policy."""

import re
from datetime import date

from django import forms

from casework.forms import date_field
from casework.models import Consent
from referrals.models import SignpostCategory
from referrals.types import REFERRAL_TYPES, referral_type_choices
from tenants.models import Capacity, Region, ServiceStatus
from tenants.service_types import service_type_choices

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


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="What the call handler needs to do",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Say what the call handler needs to do."},
    )


class LawfulBasisForm(forms.Form):
    reason = forms.CharField(
        label="Lawful basis for sharing without consent, and why it applies",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Give the lawful basis and why it applies."},
    )


def _offer_words(entry) -> str:
    """A service offered for sending, with its capacity, as the send screens show it."""
    words = f"answers within {entry.response_hours} hours"
    return f"{words}; {entry.wait_words}" if entry.wait_words else words


class SendForm(forms.Form):
    local_referral = forms.UUIDField(widget=forms.HiddenInput)
    receiver = forms.ChoiceField(
        label="Send to",
        error_messages={
            "required": "Choose the partner to send it to.",
            "invalid_choice": "Choose a partner the directory offers for this referral.",
        },
    )

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].choices = [("", "Choose a partner")] + [
            (e.partner.slug, f"{e.partner.name} ({_offer_words(e)})") for e in offered
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Give the reason."},
    )


class DeclineForm(ReasonForm):
    suggested_partner = forms.ChoiceField(
        label="Suggest another partner (optional)", required=False
    )

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_partner"].choices = [("", "No suggestion")] + [
            (p.slug, p.name) for p in partners
        ]


class AcceptForm(forms.Form):
    contact = forms.CharField(
        label="Local contact",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the local contact, or create one."},
    )

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (str(c.public_id), f"{c.display_name} ({c.client_id}): {', '.join(r)}")
            for c, r in matches
        ]
        self.fields["contact"].widget.choices = choices + [
            ("new", "None of these: create a new contact")
        ]


def _text(label, limit, *, required=False, hint="", area=False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 3}) if area else None,
    )


class DirectoryEntryForm(forms.Form):
    """A partner's service in the directory: its published words (Open Referral UK's
    service), one place where it is delivered, and what routes referrals to it."""

    name = _text(
        "Service name",
        200,
        required=True,
        hint="As people know it. Published in the open directory.",
    )
    description = _text("What the service does", 2000, area=True)
    eligibility = _text("Who it is for", 1000, area=True, hint="Ages, areas, situations.")
    fees = _text("Fees", 500, hint="Leave blank if it is free.")
    how_to_access = _text("How to get help", 1000, area=True)
    status = forms.ChoiceField(
        label="Is the service running?",
        choices=ServiceStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the service is running."},
    )
    url = forms.CharField(label="Website (optional)", required=False, max_length=500)
    email = forms.CharField(
        label="Service email (optional)",
        required=False,
        max_length=254,
        help_text="A shared inbox, not a person's own address: it is published.",
    )
    phone = _text("Service phone (optional)", 30)
    service_types = forms.MultipleChoiceField(
        label="What kind of help it gives (standard service types)",
        choices=service_type_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    location_name = _text(
        "Place name (optional)", 200, hint="Where people can come, like “Northmoor Community Hub”."
    )
    location_address = _text("Street address", 300)
    location_city = _text("Town or city", 100)
    location_postcode = _text("Postcode", 10)
    location_opening_hours = _text(
        "Opening hours", 300, hint="Like “Monday to Friday, 9am to 5pm”."
    )
    referral_types = forms.MultipleChoiceField(
        label="Referral types you accept",
        choices=referral_type_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.MultipleChoiceField(
        label="Regions you cover",
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.CharField(
        label="Postcode districts you cover",
        required=False,
        max_length=2000,
        help_text="Separated by spaces or commas, like “M1 M2 B33”.",
    )
    capacity = forms.ChoiceField(
        label="Are you taking referrals?",
        choices=Capacity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you are taking referrals."},
    )
    wait_weeks = forms.IntegerField(
        label="Current wait, in weeks (waiting list only)",
        required=False,
        min_value=1,
        max_value=104,
        error_messages={
            "invalid": "Enter the wait as a whole number of weeks.",
            "min_value": "Enter a wait between 1 and 104 weeks.",
            "max_value": "Enter a wait between 1 and 104 weeks.",
        },
    )
    response_hours = forms.IntegerField(
        label="Usual response time (hours)",
        min_value=1,
        max_value=720,
        error_messages={
            "required": "Enter the usual response time in hours.",
            "invalid": "Enter the response time as a whole number of hours.",
            "min_value": "Enter a response time between 1 and 720 hours.",
            "max_value": "Enter a response time between 1 and 720 hours.",
        },
    )
    completion_days = forms.IntegerField(
        label="Usual time to complete the work (days, optional)",
        required=False,
        min_value=1,
        max_value=365,
        help_text="Leave blank for each referral type's usual time.",
        error_messages={
            "invalid": "Enter the completion time as a whole number of days.",
            "min_value": "Enter a completion time between 1 and 365 days.",
            "max_value": "Enter a completion time between 1 and 365 days.",
        },
    )
    reason = forms.CharField(
        label="Reason for the change (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea,
        help_text="Kept with the change in the audit history.",
    )

    SERVICE_FIELDS = (
        "name",
        "description",
        "eligibility",
        "fees",
        "how_to_access",
        "status",
        "url",
        "email",
        "phone",
    )
    PLACE_FIELDS = ("name", "address", "city", "postcode", "opening_hours")
    SECTIONS = (
        (
            "The service",
            "Published in the open directory (Open Referral UK) for anyone to read.",
            SERVICE_FIELDS,
        ),
        ("", "", ("service_types",)),
        (
            "Where people can come",
            "Leave blank if the service has no place people visit.",
            tuple(f"location_{f}" for f in PLACE_FIELDS),
        ),
        (
            "Referrals through Casebridge",
            "Which referrals partners may send you, for where, and how fast you answer.",
            (
                "referral_types",
                "regions",
                "districts",
                "capacity",
                "wait_weeks",
                "response_hours",
                "completion_days",
            ),
        ),
        ("", "", ("reason",)),
    )

    def sections(self):
        return [(h, hint, [self[name] for name in names]) for h, hint, names in self.SECTIONS]

    @classmethod
    def initial_for(cls, entry, partner) -> dict:
        if entry is None:
            return {
                "name": partner.name,
                "status": ServiceStatus.ACTIVE,
                "capacity": Capacity.ACCEPTING,
                "response_hours": 48,
            }
        initial = {f: getattr(entry, f) for f in cls.SERVICE_FIELDS}
        initial["name"] = entry.service_name
        place = entry.locations.first()
        if place is not None:
            initial.update({f"location_{f}": getattr(place, f) for f in cls.PLACE_FIELDS})
        return initial | {
            "service_types": entry.service_types,
            "referral_types": entry.referral_types,
            "regions": entry.regions,
            "districts": " ".join(entry.districts),
            "capacity": entry.capacity,
            "wait_weeks": entry.wait_weeks,
            "response_hours": entry.response_hours,
            "completion_days": entry.completion_days,
        }

    def clean(self):
        data = super().clean()
        place = [data.get(f"location_{f}") for f in self.PLACE_FIELDS]
        if any(place) and not data.get("location_name"):
            self.add_error("location_name", "Enter the place's name, or clear the place's details.")
        if any(place) and not data.get("location_postcode"):
            self.add_error("location_postcode", "Enter the place's full postcode, like M1 1AE.")
        if data.get("capacity") == Capacity.WAITING_LIST and not data.get("wait_weeks"):
            self.add_error("wait_weeks", "Enter the current wait in weeks.")
        return data

    def service_arguments(self) -> dict:
        """The directory service's keyword arguments (besides actor and partner)."""
        d = self.cleaned_data
        place = {f: d[f"location_{f}"] for f in self.PLACE_FIELDS}
        return {
            "referral_types": d["referral_types"],
            "regions": d["regions"],
            "districts": [x for x in re.split(r"[\s,;]+", d["districts"]) if x],
            "accepting": d["capacity"] != Capacity.CLOSED,
            "wait_weeks": d["wait_weeks"] if d["capacity"] == Capacity.WAITING_LIST else None,
            "response_hours": d["response_hours"],
            "completion_days": d["completion_days"],
            "reason": d["reason"],
            "service": {f: d[f] for f in self.SERVICE_FIELDS},
            "service_type_codes": d["service_types"],
            "locations": [place] if place["name"] else [],
        }


class WebhookForm(forms.Form):
    url = forms.CharField(
        label="Endpoint address",
        max_length=500,
        error_messages={"required": "Enter the endpoint's full address, like https://…"},
    )
