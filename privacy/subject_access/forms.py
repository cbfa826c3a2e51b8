from django import forms


class SubjectAccessForm(forms.Form):
    """The third parties' names found in the notes: the ticked ones are taken out."""

    redact = forms.MultipleChoiceField(
        label="Other people's names to remove",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Tick only names from the list found in the notes."},
    )

    def __init__(self, *args, names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["redact"].choices = [(name, name) for name in names]
