"""Forms of the sign-in security pages. They only parse input; the rules live in
tenants.accounts.signin and tenants.accounts.services.security."""

import re

from django import forms

CODE_HELP = "The 6-digit code your authenticator app shows now, for example 123456."
ENTER_CODE = "Enter the 6-digit code from your authenticator app."


class Radios(forms.RadioSelect):
    """The field's id is its first radio's, so an error summary link lands on it."""

    def id_for_label(self, id_, index="0"):
        return super().id_for_label(id_, index)


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=20, help_text=CODE_HELP, error_messages={"required": ENTER_CODE}
    )

    def clean_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(ENTER_CODE)
        return code


class TwoFactorRemoveForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput,
        help_text="To remove one-time passwords, confirm it is you.",
        error_messages={"required": "Enter your password."},
    )


class PartnerSecurityForm(forms.Form):
    CHOOSE = "Choose whether one-time passwords are required or optional."

    require_two_factor = forms.TypedChoiceField(
        label="One-time passwords",
        choices=[
            ("yes", "Required: everyone must use an authenticator app to sign in"),
            ("no", "Optional: each person chooses"),
        ],
        coerce=lambda value: value == "yes",
        widget=Radios,
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )
