"""The consent review setting: how many months given consent lasts before its review."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework import policy
from casework.consent import REVIEW_MONTHS_MAX, consent_review_months
from casework.services.consent import consent_review_months_set
from tenants.accounts.views_common import form_done, help_key


class ConsentSettingsForm(forms.Form):
    consent_review_months = forms.IntegerField(
        label="Months before given consent is reviewed",
        help_text="From 1 to 120. Applies to consent given or recorded again from now on.",
        error_messages={
            "required": "Enter the number of months.",
            "invalid": "Enter a whole number of months.",
        },
    )


@never_cache
@login_required
@help_key("consent-reviews")
def consent_settings(request):
    policy.check_keep_consent_settings(request.user)
    form = ConsentSettingsForm(
        request.POST or None, initial={"consent_review_months": consent_review_months()}
    )

    def work():
        consent_review_months_set(
            actor=request.user, months=form.cleaned_data["consent_review_months"]
        )

    done = "Saved: consent given from now on is due for review after that many months."
    if form_done(request, form, work, done=done):
        return redirect("consent_settings")
    return render(
        request, "casework/consent_settings.html", {"form": form, "most": REVIEW_MONTHS_MAX}
    )
