"""Disposal covers every model that refers to a person: each is blanked by a part of a
retention kind (privacy/retention/parts.py) or listed in `KEPT` with the reason it stays.
A new model referring to a contact or a customer (directly or through a record that
does) fails here until it is one or the other. Change-history models follow the model
they track (blanking a row blanks its history)."""

import pytest
from django.apps import apps

from casework.models import Contact
from customers.models import Customer
from privacy.retention import kinds
from privacy.retention.parts import KEPT, PERSON_PARTS
from tests.privacy.walk import about


def _parts():
    parts = list(PERSON_PARTS)
    for kind in kinds.KINDS.values():
        parts += kind.parts
    return parts


def _tracked(model):
    """The model a change-history (pghistory) model keeps the versions of, or None."""
    field = next((f for f in model._meta.get_fields() if f.name == "pgh_obj"), None)
    return field.related_model if field is not None else None


@pytest.mark.parametrize("root", [Contact, Customer], ids=["contact", "customer"])
def test_every_model_about_a_person_is_disposed_of_or_kept_for_a_reason(root):
    handled = {part.model for part in _parts()}
    kept = {apps.get_model(label) for label in KEPT}
    missing = sorted(
        model._meta.label
        for model in about(root)
        if model not in handled | kept and _tracked(model) not in handled | kept
    )
    assert not missing, (
        "Say how disposal treats these (privacy/retention/parts.py: a Part, or KEPT with "
        f"the reason): {missing}"
    )


def test_kept_and_blanked_do_not_overlap_and_every_blanked_field_exists():
    handled = {part.model for part in _parts()}
    assert not handled & {apps.get_model(label) for label in KEPT}
    for part in _parts():
        for name in part.identifying + part.words + part.files:
            part.model._meta.get_field(name)  # raises on a misspelt or removed field
        assert str(part.rows(0).query)  # the link is a valid lookup (FieldError if not)
    # The walk reaches records two steps away, so an empty walk cannot pass by accident.
    assert apps.get_model("customers.CustomerReasonEvent") in about(Customer)
    assert apps.get_model("events.EventContact") in about(Contact)
