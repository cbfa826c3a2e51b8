"""Panels for other screens (home page, engagement), so their views need no knowledge
of safeguarding."""

from django import template
from django.utils import timezone

from casework.policy import can_record_casework
from casework.safeguarding import clock, selectors

register = template.Library()


def _with_state(cases):
    today = timezone.localdate()
    cases = list(cases)
    for case in cases:
        case.clock_state = clock.state(due=case.next_update_due, today=today)
    return cases


@register.inclusion_tag("safeguarding/_my_cases.html", takes_context=True)
def my_safeguarding_cases(context, limit=10):
    user = context["request"].user
    cases = selectors.my_cases(user=user, status="open")
    return {
        "cases": _with_state(cases[:limit]),
        "awaiting": list(selectors.requests_awaiting(user=user)[:limit]),
        "shown": can_record_casework(user),
    }


@register.inclusion_tag("safeguarding/_engagement_cases.html", takes_context=True)
def engagement_safeguarding_cases(context, engagement):
    user = context["request"].user
    cases = selectors.cases_of_engagement(user=user, engagement=engagement)
    return {"cases": _with_state(cases), "engagement": engagement}
