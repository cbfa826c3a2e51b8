from django import forms
from django.contrib.auth.forms import AuthenticationForm

from tenants.models import ORGANISATION_KINDS


class SignInForm(AuthenticationForm):
    error_messages = {
        # One message for an unknown username and a wrong password: no hint which.
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "Enter a correct username and password. Both are case-sensitive.",
    }


class PartnerCreateForm(forms.Form):
    name = forms.CharField(label="Organisation name", max_length=200)
    slug = forms.CharField(
        label="Short name",
        max_length=40,
        help_text="Used in the portal address, for example “riverside-family-centre”. "
        "Lower-case letters, digits and hyphens.",
    )
    kind = forms.ChoiceField(
        label="Kind of organisation", choices=[(k.value, k.label) for k in ORGANISATION_KINDS]
    )
    domain = forms.CharField(
        label="Portal domain (optional)",
        required=False,
        max_length=253,
        help_text="Leave blank to use the short name followed by the platform domain.",
    )
