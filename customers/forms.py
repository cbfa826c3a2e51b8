from django import forms

from casework.forms import date_field
from customers.models import Interest


class CustomerForm(forms.Form):
    """Find before create: the same details search first, then create."""

    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = date_field("Date of birth")
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    phone = forms.CharField(label="Phone number", max_length=40, required=False)
    email = forms.CharField(label="Email", max_length=254, required=False)
    housing_reference = forms.CharField(
        label="Housing reference (optional)",
        max_length=40,
        required=False,
        help_text="The resident's ID in the borough's housing system.",
    )


class InterestForm(forms.Form):
    interest = forms.ChoiceField(
        label="Are they interested in employment or training support?",
        choices=[(Interest.INTERESTED, "Interested"), (Interest.NOT_INTERESTED, "Not interested")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose interested or not interested.",
            "invalid_choice": "Choose interested or not interested.",
        },
    )
    on = date_field("Date asked", today=True)
    reasons = forms.MultipleChoiceField(
        label="Why not? (if not interested)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose reasons from the list."},
    )
    other = forms.CharField(label="Other reason", max_length=300, required=False)
    reason = forms.CharField(
        label="If you are correcting an answer recorded by mistake, say why (optional)",
        max_length=500,
        required=False,
        help_text="Kept with the change on the History tab.",
    )

    def __init__(self, *args, reasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason_rows = {str(r.pk): r for r in reasons}
        self.fields["reasons"].choices = [(str(r.pk), r.name) for r in reasons]

    def chosen_reasons(self):
        return [self.reason_rows[pk] for pk in self.cleaned_data.get("reasons", [])]


class ReasonForm(forms.Form):
    name = forms.CharField(label="New reason", max_length=120, required=False)


REASON_HINT = (
    "Needed when a name or date of birth changes. Kept with the change on the History tab."
)


def reason_field(help_text: str = REASON_HINT) -> forms.CharField:
    return forms.CharField(
        label="Reason for the change",
        max_length=500,
        required=False,
        widget=forms.Textarea,
        help_text=help_text,
    )


class CustomerChangeForm(CustomerForm):
    """Every detail of a customer, and why it changed."""

    reason = reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["housing_reference"].label = "Housing reference"
