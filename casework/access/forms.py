"""Forms of the who-looked screens: they parse input only; every rule is in services/policy."""

from django import forms

from casework.forms import date_field


class EmergencyAccessForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to see this engagement now?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The safeguarding leads and the engagement's owner are told at once, with "
        "your reason. Access lasts 24 hours and every page you open is recorded.",
        error_messages={"required": "Say why you need to see this engagement now."},
    )


class PeriodForm(forms.Form):
    start = date_field("From", required=True)
    end = date_field("To", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].error_messages["required"] = "Enter the first day, like 27/3/2019."
        self.fields["end"].error_messages["required"] = "Enter the last day, like 27/3/2019."

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "“To” must be the same as or after “From”.")
        return data


class SettingsForm(forms.Form):
    emergency_access_allowed = forms.BooleanField(
        label="Staff may ask for emergency access to an engagement they cannot see",
        required=False,
        help_text="With a reason; access lasts 24 hours and the safeguarding leads and the "
        "owner are told at once.",
    )
