"""Forms of the Import screens: they parse input only; every rule is in services/policy."""

from django import forms

NOT_IN_FILE = ""


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the file holds",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the file holds.",
            "invalid_choice": "Choose what the file holds.",
        },
    )
    file = forms.FileField(
        label="The file",
        help_text="A CSV file (UTF-8) or an Excel workbook (.xlsx), its first row naming "
        "the columns: an export from Salesforce, Dynamics 365 or another system.",
        error_messages={
            "required": "Choose a file to upload.",
            "empty": "The file is empty: choose another.",
            "invalid": "Choose a file to upload.",
        },
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.key, k.label) for k in kinds]


class MappingForm(forms.Form):
    """Which column fills each field: one select per field, the file's columns to choose."""

    source_system = forms.CharField(
        label="The system the file came from",
        max_length=60,
        help_text="Records are remembered by this system's ids: a later file from it "
        "updates them instead of adding them again.",
        error_messages={"required": "Name the system the file came from."},
    )

    def __init__(self, *args, kind, headers, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        columns = [(NOT_IN_FILE, "Not in this file")] + [(h, h) for h in headers if h]
        for field in kind.fields:
            self.fields[field.key] = forms.ChoiceField(
                label=field.label + ("" if field.required else " (optional)"),
                choices=columns,
                required=False,
                initial=mapping.get(field.key, NOT_IN_FILE),
            )
        self.kind = kind

    def mapping(self) -> dict:
        return {field.key: self.cleaned_data.get(field.key, "") for field in self.kind.fields}
