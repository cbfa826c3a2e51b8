from django import forms

from privacy.retention.models import Action


class RuleForm(forms.Form):
    years = forms.IntegerField(label="Years kept", min_value=1, max_value=100)
    action = forms.ChoiceField(label="Then", choices=Action.choices)


class HoldForm(forms.Form):
    client_id = forms.CharField(label="Client ID of the person", max_length=30)
    reason = forms.CharField(label="Why the hold is needed", max_length=500)


class FindForm(forms.Form):
    client_id = forms.CharField(label="Client ID of the person who asked", max_length=30)


class ErasureForm(forms.Form):
    reason = forms.CharField(label="How and when they asked", max_length=500)


class PlaceHoldForm(forms.Form):
    reason = forms.CharField(label="Why the hold is needed", max_length=500)


class ReleaseForm(forms.Form):
    reason = forms.CharField(label="Why the hold is no longer needed", max_length=500)
