from django import template

from customers.models import StepKind

register = template.Library()


@register.filter
def step_label(kind: str) -> str:
    """A checklist step's name in words ("Training started")."""
    try:
        return StepKind(kind).label
    except ValueError:
        return kind
