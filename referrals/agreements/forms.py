"""The agreements screens' forms: the terms (propose; the console's platform-wide one)
and a reason (decline, end). The rules are the services'; a form only parses."""

from django import forms

from referrals.agreements.models import LawfulBasis
from referrals.types import PERSON_FIELD_LABELS, referral_type_choices


def _date(label: str, *, required: bool, hint: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=hint,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": f"Enter the {label.lower()}.",
            "invalid": f"Enter the {label.lower()} as a real date.",
        },
    )


class TermsForm(forms.Form):
    referral_types = forms.MultipleChoiceField(
        label="Kinds of referral it covers",
        choices=referral_type_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one kind of referral the agreement covers."},
    )
    person_fields = forms.MultipleChoiceField(
        label="Details about the person that may be shared",
        help_text="With the person's consent. The postcode district and region are always "
        "shared: they decide who can help.",
        choices=list(PERSON_FIELD_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(
        label="What the sharing is for",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the sharing is for."},
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis (UK GDPR Article 6)",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the lawful basis for the sharing."},
    )
    starts_on = _date("Start date", required=True)
    ends_on = _date("End date", required=True, hint="When it will be reviewed or renewed.")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "referral_types": list(data["referral_types"]),
            "person_fields": list(data["person_fields"]),
            "purpose": data["purpose"],
            "lawful_basis": data["lawful_basis"],
            "starts_on": data["starts_on"],
            "ends_on": data.get("ends_on"),
        }


class ProposeForm(TermsForm):
    partner = forms.ChoiceField(
        label="Partner to propose it to",
        error_messages={"required": "Choose the partner to propose it to."},
    )
    field_order = ["partner"]

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {p.slug: p for p in partners}
        self.fields["partner"].choices = [("", "Choose a partner")] + [
            (p.slug, p.name) for p in partners
        ]

    def service_arguments(self) -> dict:
        return super().service_arguments() | {
            "partner": self.partners.get(self.cleaned_data["partner"])
        }


class PlatformTermsForm(TermsForm):
    ends_on = _date("End date (optional)", required=False, hint="Leave empty: until ended.")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why."},
    )


class AcceptForm(forms.Form):
    """Accepting needs nothing typed: the button says it."""
