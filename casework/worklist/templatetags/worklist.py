"""Home page panels, so the home view needs no knowledge of tasks."""

from django import template

from casework.worklist import selectors

register = template.Library()


@register.inclusion_tag("worklist/_my_open_tasks.html", takes_context=True)
def my_open_tasks(context):
    user = context["request"].user
    return {"open_tasks": selectors.tasks_open_for(user=user), "request": context["request"]}
