from django import forms

from tenants.accounts.models import User


class ColleagueChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name()}{f' ({user.job_title})' if user.job_title else ''}"


class TaskForm(forms.Form):
    title = forms.CharField(
        label="What needs to be done",
        max_length=190,
        help_text="The task's title starts with what it is about, with initials only.",
        error_messages={"required": "Enter what needs to be done."},
    )
    assignee = ColleagueChoice(
        label="Who does it",
        queryset=User.objects.none(),
        to_field_name="public_id",
        empty_label=None,
        error_messages={"invalid_choice": "Choose an active colleague of your organisation."},
    )
    due_on = forms.DateField(
        label="Due date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Optional.",
        error_messages={"invalid": "Enter the due date as a real date."},
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)

    def __init__(self, *args, me, **kwargs):
        super().__init__(*args, **kwargs)
        # Active people of this partner (its own schema), the one asking first.
        self.fields["assignee"].queryset = User.objects.filter(is_active=True).order_by(
            "full_name", "username"
        )
        self.fields["assignee"].initial = me.public_id
