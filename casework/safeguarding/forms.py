"""Forms for the safeguarding screens. They only parse input; every rule is in
casework.safeguarding.services and .policy."""

from django import forms

from casework.forms import date_field
from casework.safeguarding.models import THRESHOLD_GUIDANCE, Threshold

LONG = 20000


def _text(label, required_message, *, required=True, help_text="", max_length=LONG):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea,
        error_messages={
            "required": required_message,
            "max_length": f"Keep “{label.lower()}” under {max_length:,} characters.",
        },
    )


def threshold_field():
    return forms.ChoiceField(
        label="Threshold",
        choices=Threshold.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose High or Low (see the guidance beside each)."},
    )


class CaseForm(forms.Form):
    threshold = threshold_field()
    opened_on = date_field("Date the concern was raised", required=True, today=True)
    description = _text("Description of the concern", "Describe the concern.")
    raised_with = _text(
        "Who the concern was raised with",
        "Say who the concern was raised with: name, job title and role.",
        help_text="Their name, job title and role in safeguarding, if any.",
    )
    information_from_professionals = _text(
        "New information from other professionals", "", required=False
    )
    decision_basis = _text(
        "What informed the decisions",
        "",
        required=False,
        help_text="For example, historical or other existing concerns.",
    )
    actions_agreed = _text(
        "Actions agreed",
        "Say what actions have been agreed.",
        help_text="Facts, not opinion. Good practice: the DSL carries out any further "
        "investigation.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_on"].error_messages["required"] = (
            "Enter the date the concern was raised."
        )


class MonitoringForm(forms.Form):
    actions_taken = _text(
        "Actions taken",
        "Say what actions have been taken.",
        help_text="Brief, facts only.",
    )
    taken_by = forms.CharField(
        label="Taken by",
        max_length=500,
        help_text="Centre staff, parents or carers, other agencies.",
        error_messages={
            "required": "Say who took them: centre staff, parents or carers, other agencies."
        },
    )
    rationale = _text(
        "Rationale",
        "Give the reasons, including why any agreed action was not completed.",
        help_text="Why these actions, and why any initially agreed action was not completed.",
    )


class ThresholdForm(forms.Form):
    threshold = threshold_field()


class LocalAuthorityForm(forms.Form):
    notified = forms.ChoiceField(
        label="Has the local authority been notified?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )
    notified_on = date_field("Date notified")


class SubmitForm(forms.Form):
    comment = _text(
        "Why the case can close",
        "Say why the case can close: that all agreed actions were taken.",
        help_text="That all agreed actions have been taken, or why not.",
    )
    approver = forms.ChoiceField(
        label="Approver",
        help_text="Your line manager, or another manager or safeguarding lead.",
        error_messages={
            "required": "Choose who approves the closure: your line manager.",
            "invalid_choice": "Choose a manager or safeguarding lead from the list.",
        },
    )

    def __init__(self, *args, approvers, line_manager=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.approvers = {str(u.public_id): u for u in approvers}
        self.fields["approver"].choices = [("", "Choose an approver")] + [
            (key, f"{u.get_full_name()}{f' – {u.job_title}' if u.job_title else ''}")
            for key, u in self.approvers.items()
        ]
        if line_manager is not None and str(line_manager.public_id) in self.approvers:
            self.fields["approver"].initial = str(line_manager.public_id)

    def clean_approver(self):
        return self.approvers[self.cleaned_data["approver"]]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve: close the case"), ("reject", "Reject: keep it open")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or reject."},
    )
    comment = _text("Comment", "Give the reasons for your decision.")


class SettingsForm(forms.Form):
    escalation_days = forms.IntegerField(
        label="Escalate when an update is overdue by more than (days)",
        help_text="The case owner's line manager and the designated safeguarding leads are "
        "told. The default is 3 days.",
        error_messages={
            "required": "Enter a number of days from 1 to 60.",
            "invalid": "Enter a whole number of days, like 3.",
        },
    )


GUIDANCE = [(value, label, THRESHOLD_GUIDANCE[value]) for value, label in Threshold.choices]
