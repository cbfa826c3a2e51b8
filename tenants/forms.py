from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.views.decorators.debug import sensitive_variables

from tenants.accounts import signin
from tenants.models import ORGANISATION_KINDS, Region


class SignInForm(AuthenticationForm):
    error_messages = {
        # One message for an unknown username and a wrong password: no hint which.
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "Enter a correct username and password. Both are case-sensitive.",
    }

    @sensitive_variables("password")
    def clean(self):
        # Step one of tenants.accounts.signin: lock-out accounting and the audit of failures.
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = signin.check_password(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
        return self.cleaned_data


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
    champion_full_name = forms.CharField(label="Full name", max_length=200)
    champion_username = forms.CharField(label="Username", max_length=150)
    champion_email = forms.CharField(label="Email address", max_length=254, required=False)
    champion_delivery = forms.ChoiceField(
        label="How will they set their first password?",
        choices=[
            ("invitation", "An invitation link (valid for 72 hours)"),
            ("temporary_password", "A temporary password shown once"),
        ],
        initial="invitation",
        widget=forms.RadioSelect,
    )


class PostcodeImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file with code and region columns",
        error_messages={"required": "Choose a CSV file to import."},
    )


class PostcodeDistrictForm(forms.Form):
    code = forms.CharField(label="Postcode area or district", max_length=4)
    region = forms.ChoiceField(label="Region", choices=[("", "Choose a region")] + Region.choices)
