"""The later steps of a referral on both sides' pages: on hold, not completed,
completed, reopened. Each form has its own prefix, so one page can hold several."""

from django import forms

from casework.forms import date_field
from referrals.models import FailReason, OutcomeCode


class HoldForm(forms.Form):
    reason = forms.CharField(
        label="Why is it on hold?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Say why the referral is on hold."},
    )
    review_on = date_field("When will you look at it again?", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="hold", **kwargs)
        self.fields["review_on"].error_messages["required"] = (
            "Enter the date the referral will be looked at again."
        )


class FailForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why could it not be completed?",
        choices=FailReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the referral could not be completed."},
    )
    details = forms.CharField(
        label="More details (needed for another reason)",
        max_length=2000,
        required=False,
        widget=forms.Textarea,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="fail", **kwargs)


class CompleteForm(forms.Form):
    outcome_code = forms.ChoiceField(
        label="What came of it?",
        choices=OutcomeCode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what came of the referral."},
    )
    outcome = forms.CharField(
        label="Summary of the outcome (the partner that sent it sees this)",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Describe the outcome."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="complete", **kwargs)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why reopen it?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Say why the referral is reopened."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="reopen", **kwargs)
