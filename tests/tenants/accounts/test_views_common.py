"""The shared kernel's one way a screen calls its service and shows its refusal (no
database)."""

import pytest
from django import forms
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from tenants.accounts.views_common import action_done, add_service_errors, form_done


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


def posted(data: dict):
    request = RequestFactory().post("/", data)
    request._messages = CookieStorage(request)
    return request


def said(request) -> list[str]:
    return [str(message) for message in request._messages]


def test_form_done_says_what_the_service_made_and_answers_with_its_page():
    request = posted({"happened_on": "", "summary": "Met"})
    form = WhenForm(request.POST)
    answer = form_done(
        request,
        form,
        lambda: {"id": 7, "summary": form.cleaned_data["summary"]},
        done=lambda made: f"{made['summary']} is recorded.",
        then=lambda made: f"/records/{made['id']}/",
    )
    assert answer == "/records/7/"
    assert said(request) == ["Met is recorded."]


def test_form_done_on_a_refusal_shows_it_on_the_form_and_neither_says_nor_answers():
    request = posted({"happened_on": "", "summary": ""})
    form = WhenForm(request.POST)

    def refused():
        raise ValidationError({"summary": "Say what happened."})

    answer = form_done(
        request, form, refused, done=lambda made: "never", then=lambda made: "/never/"
    )
    assert answer is False
    assert form.errors == {"summary": ["Say what happened."]}
    assert said(request) == []


def test_action_done_says_the_refusal_or_what_was_done():
    request = posted({})

    def refused():
        raise ValidationError(["Not yet.", "Ask a manager."])

    assert action_done(request, refused, done="Done.") is False
    assert action_done(request, lambda: 3, done=lambda made: f"{made} sent.") is True
    assert said(request) == ["Not yet. Ask a manager.", "3 sent."]


def test_action_done_leaves_a_permission_refusal_to_answer_403():
    request = posted({})

    def not_yours():
        raise PermissionDenied("Only a platform manager can do this.")

    with pytest.raises(PermissionDenied):
        action_done(request, not_yours, done="Done.")
    assert said(request) == []
