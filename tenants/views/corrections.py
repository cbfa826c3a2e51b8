"""The portal's "Correct this" page, the same for every append-only record: what is being
corrected, shown as it stands, then entered in error (why) or the corrected text. Each
app's view finds the entry (404 when not the user's to see), then hands over here with
its own service."""

from collections.abc import Callable

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from tenants.accounts.views_common import form_done
from tenants.corrections import CorrectionKind


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is wrong with it?",
        choices=[
            (CorrectionKind.ERROR.value, "It was entered in error"),
            (CorrectionKind.CORRECTED.value, "Part of it is wrong: I will give the corrected text"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether it was entered in error or needs correcting.",
            "invalid_choice": "Choose whether it was entered in error or needs correcting.",
        },
    )
    text = forms.CharField(
        label="Why it was entered in error, or the corrected text",
        help_text="The original stays on the record, marked as corrected, with this beside it.",
        widget=forms.Textarea,
        error_messages={"required": "Say why it was entered in error, or give the corrected text."},
    )


def correction_page(
    request,
    *,
    title: str,
    caption: str,
    original: list[tuple[str, str]],
    back_url: str,
    allowed: bool,
    call: Callable[[str, str], object],
):
    """GET shows the form; POST calls the service with (kind, text) and goes back.
    `allowed` is the policy's answer, asked before anything is shown."""
    if not allowed:
        raise PermissionDenied("You cannot correct this entry.")
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if form_done(
        request,
        form,
        lambda: call(form.cleaned_data["kind"], form.cleaned_data["text"]),
        done="The correction has been added beside the original.",
    ):
        return redirect(back_url)
    return render(
        request,
        "includes/correction_page.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "original": original,
            "back_url": back_url,
        },
    )
