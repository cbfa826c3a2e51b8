from django import forms


class SubjectAccessForm(forms.Form):
    """The third parties' names found in the notes (the ticked ones are taken out) and
    the person's files (the ticked ones are left out of the zip)."""

    redact = forms.MultipleChoiceField(
        label="Other people's names to remove",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Tick only names from the list found in the notes."},
    )

    leave_out = forms.MultipleChoiceField(
        label="Files to leave out of the zip",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Tick only files from the list of this person's files."},
    )

    def __init__(self, *args, names=(), files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["redact"].choices = [(name, name) for name in names]
        self.fields["leave_out"].choices = list(files)
