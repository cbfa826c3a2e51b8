from django import forms


class NotDuplicateForm(forms.Form):
    reason = forms.CharField(
        label="How do you know they are different people?",
        max_length=500,
        widget=forms.Textarea,
        help_text="For example, “twins: different middle names and schools”. It is kept "
        "with your name, and the pair is not offered again.",
        error_messages={"required": "Say how you know they are different people."},
    )
