from django import forms


class ProblemForm(forms.Form):
    doing = forms.CharField(
        label="What were you doing, and what went wrong?",
        help_text="Do not include anything about a client: no names, dates of birth or case "
        "details. Your champion can ask you for more.",
        widget=forms.Textarea,
        max_length=5000,
    )
    page = forms.CharField(
        label="The page it happened on",
        help_text="Filled in with the page you came from. Change it if the problem was elsewhere.",
        required=False,
        max_length=300,
    )
    screenshot = forms.FileField(
        label="A screenshot (optional)",
        help_text="An image (PNG, JPEG, GIF or WebP), smaller than 5 MB. Cover anything about "
        "a client before you take it.",
        required=False,
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label="What was done (optional)",
        help_text="The person who reported it sees this.",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )
