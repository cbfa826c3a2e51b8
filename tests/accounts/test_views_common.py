"""The shared kernel's one way a screen shows a service's refusal (no database)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from tenants.accounts.views_common import add_service_errors


class WhenForm(forms.Form):
    happened_on = forms.CharField(required=False)
    summary = forms.CharField(required=False)


def bound() -> WhenForm:
    form = WhenForm({"happened_on": "", "summary": ""})
    assert form.is_valid()
    return form


def test_a_refusal_goes_beside_the_field_it_names_renamed_for_the_form():
    refusal = ValidationError({"happened_at": "Not in the future.", "summary": "Too long."})
    form = bound()
    add_service_errors(form, refusal, renamed={"happened_at": "happened_on"})
    assert form.errors == {"happened_on": ["Not in the future."], "summary": ["Too long."]}


def test_renamed_may_be_a_function_of_the_name():
    form = bound()
    add_service_errors(form, ValidationError({"when:x": "No."}), renamed=lambda name: "happened_on")
    assert form.errors == {"happened_on": ["No."]}


def test_a_field_the_form_lacks_and_a_refusal_of_the_whole_go_above_the_form():
    form = bound()
    add_service_errors(form, ValidationError({"happened_at": "Not in the future."}))
    add_service_errors(form, PermissionDenied("You cannot do this."))
    assert form.non_field_errors() == ["Not in the future.", "You cannot do this."]
