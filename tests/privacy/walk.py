"""The model walk the subject access bundle and disposal are checked against: every model
that refers to a person, directly or through a record that does."""

from django.apps import apps


def _refers_to(model, targets: set) -> bool:
    return any(
        field.is_relation and field.concrete and field.related_model in targets
        for field in model._meta.get_fields()
    )


def about(root) -> set:
    """Every model that refers to the person, directly or through a record that does."""
    found = {root}
    while True:
        more = {m for m in apps.get_models() if m not in found and _refers_to(m, found)}
        if not more:
            return found
        found |= more
