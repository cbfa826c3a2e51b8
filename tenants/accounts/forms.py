"""Forms only parse input; the delegation rule lives in tenants.accounts.policy and
the services, so a value posted around the form is refused there, not here."""

from django import forms

from tenants.accounts import capabilities as cap

DELIVERY_CHOICES = [
    ("invitation", "Send an invitation link (valid for 72 hours)"),
    ("temporary_password", "Show a temporary password once, for me to pass on"),
]


class UserSearchForm(forms.Form):
    q = forms.CharField(label="Search by name, username or email", required=False, max_length=200)


class UserDetailsForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=200)
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    email = forms.CharField(label="Email address", max_length=254, required=False)
    phone = forms.CharField(label="Phone number", max_length=40, required=False)
    # Free text with a select widget: an unoffered value reaches the service, which refuses it.
    role = forms.CharField(label="Role", widget=forms.Select)
    privileges = forms.MultipleChoiceField(
        label="Privileges",
        required=False,
        choices=list(cap.PRIVILEGES.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    line_manager = forms.CharField(
        label="Line manager",
        required=False,
        widget=forms.Select,
        help_text="Safeguarding closure requests go to this person.",
    )

    def __init__(self, *args, roles=(), privileges=(), managers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].widget.choices = [("", "Choose a role")] + [
            (r.key, r.name) for r in roles
        ]
        self.fields["privileges"].offered = set(privileges)
        self.fields["line_manager"].widget.choices = [("", "None")] + [
            (str(u.public_id), u.get_full_name()) for u in managers
        ]

    def clean_privileges(self):
        # Anything from the full list parses; the service decides what this actor may grant.
        return set(self.cleaned_data["privileges"])


class UserCreateForm(UserDetailsForm):
    username = forms.CharField(label="Username", max_length=150)
    delivery = forms.ChoiceField(
        label="How will they set their first password?",
        choices=DELIVERY_CHOICES,
        initial="invitation",
        widget=forms.RadioSelect,
    )
    field_order = ["full_name", "username", "job_title", "email", "phone", "role", "privileges"]

    def user_create_arguments(self) -> dict:
        """What `user_create` takes from this form (a champion's screen and the console's)."""
        data = self.cleaned_data
        return {
            "username": data["username"],
            "full_name": data["full_name"],
            "role_key": data["role"],
            "privileges": data["privileges"],
            "email": data["email"],
            "job_title": data["job_title"],
            "phone": data["phone"],
            "line_manager_public_id": data["line_manager"] or None,
            "delivery": data["delivery"],
        }


class ResetForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How will they set their new password?",
        choices=DELIVERY_CHOICES,
        initial="invitation",
        widget=forms.RadioSelect,
    )


class NewPasswordForm(forms.Form):
    new_password1 = forms.CharField(
        label="New password",
        widget=forms.PasswordInput,
        help_text="At least 12 characters. Avoid common passwords and your name.",
    )
    new_password2 = forms.CharField(label="Confirm new password", widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", "The two passwords do not match.")
        return data


class PasswordChangeForm(NewPasswordForm):
    old_password = forms.CharField(
        label="Current password", widget=forms.PasswordInput, required=False
    )
    field_order = ["old_password", "new_password1", "new_password2"]
