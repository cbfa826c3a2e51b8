"""Forms of the files screens: they parse input only; every rule is in services/policy."""

from django import forms

from casework.files.models import FileCategory


class FileForm(forms.Form):
    upload = forms.FileField(
        label="The file",
        help_text="A PDF, an image, an Office or OpenDocument document, or plain text.",
        error_messages={
            "required": "Choose a file to upload.",
            "empty": "The file is empty: choose another.",
            "invalid": "Choose a file to upload.",
        },
    )
    category = forms.ChoiceField(
        label="What kind of file it is",
        choices=FileCategory.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what kind of file it is.",
            "invalid_choice": "Choose what kind of file it is.",
        },
    )
    description = forms.CharField(
        label="Description (optional)",
        help_text="What it is, in a line: for example “Signed consent to share, March”.",
        max_length=500,
        required=False,
    )


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label="The photo",
        help_text="A PNG, JPEG, GIF or WebP image. Only staff who may see this person see it.",
        error_messages={
            "required": "Choose a photo to upload.",
            "empty": "The photo is empty: choose another.",
            "invalid": "Choose a photo to upload.",
        },
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label="Why it is being removed",
        max_length=500,
        error_messages={"required": "Say why it is being removed, for example “entered in error”."},
    )
