"""Forms of the case plan screens: they parse input only; every rule is in
services/policy."""

from django import forms

from casework.forms import date_field
from casework.plans.models import ActionStatus, Progress
from casework.worklist.forms import ColleagueChoice
from tenants.accounts.models import User

REASON_HELP = "Needed once the plan was approved or its engagement has ended: History keeps it."


def _text(label, required_message="", *, required=True, rows=False, max_length=20000, **kw):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea if rows else None,
        error_messages={"required": required_message} if required_message else {},
        **kw,
    )


class PlanForm(forms.Form):
    review_on = date_field("Date of the first review", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_on"].error_messages["required"] = "Enter the date of the first review."


class GoalForm(forms.Form):
    what = _text(
        "Goal",
        "Enter the goal: what the person wants to achieve.",
        max_length=300,
        help_text="What the person wants to achieve, in their words if you can.",
    )
    why = _text("Why it matters", required=False, rows=True)
    by_when = date_field("By when")
    who = _text(
        "Who is involved",
        required=False,
        max_length=300,
        help_text="For example: mum, the nursery, the health visitor.",
    )


class ActionForm(forms.Form):
    what = _text("Action", "Enter the action: what will be done.", max_length=300)
    owner = ColleagueChoice(
        label="Who does it",
        queryset=User.objects.none(),
        to_field_name="public_id",
        empty_label=None,
        help_text="They must be able to see the engagement.",
        error_messages={"invalid_choice": "Choose an active colleague of your organisation."},
    )
    due_on = date_field("Due date", required=True)
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        initial=ActionStatus.TO_DO,
        error_messages={"required": "Choose to do, in progress, done or no longer needed."},
    )

    def __init__(self, *args, me, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by(
            "full_name", "username"
        )
        self.fields["owner"].initial = me.public_id
        self.fields["due_on"].error_messages["required"] = "Enter the date the action is due."


class ReasonForm(forms.Form):
    reason = _text("Reason for the change", required=False, max_length=500, help_text=REASON_HELP)


class RemoveForm(forms.Form):
    reason = _text(
        "Why it is being removed",
        "Say why it is being removed, for example “entered in error”.",
        max_length=500,
    )


class ReviewForm(forms.Form):
    comment = _text(
        "How the plan is going",
        "Say how the plan is going: what was discussed at the review.",
        rows=True,
    )
    next_review_on = date_field("Date of the next review", required=True)

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_review_on"].error_messages["required"] = (
            "Enter the date of the next review."
        )
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.public_id}"] = forms.ChoiceField(
                label=f"Progress: {goal.what}",
                choices=Progress.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose the progress of “{goal.what}”: not started, in "
                    "progress, achieved or no longer needed."
                },
            )
            self.fields[f"note_{goal.public_id}"] = _text(
                f"What has happened: {goal.what}", required=False, max_length=5000
            )

    def progress(self) -> dict:
        data = self.cleaned_data
        return {
            str(g.public_id): (data[f"goal_{g.public_id}"], data[f"note_{g.public_id}"])
            for g in self.goals
        }


class SubmitForm(forms.Form):
    approver = forms.ChoiceField(
        label="Approver",
        help_text="Your line manager, or another manager or safeguarding lead.",
        error_messages={
            "required": "Choose who approves the plan: your line manager.",
            "invalid_choice": "Choose a manager or safeguarding lead from the list.",
        },
    )
    comment = _text("Anything the approver should know", required=False, rows=True)

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
        choices=[("approve", "Approve: the plan is in force"), ("return", "Return it for changes")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or return."},
    )
    comment = _text(
        "Comment", required=False, rows=True, help_text="Needed when you return the plan."
    )


class SettingsForm(forms.Form):
    approval_required = forms.BooleanField(
        label="Case plans need a manager's approval before they are in force", required=False
    )
