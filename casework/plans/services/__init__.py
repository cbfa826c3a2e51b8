"""Writes of case plans: the plan, its goals and actions (plans.py), reviews
(reviews.py), approval and the partner's setting (approval.py), the daily overdue sweep
(overdue.py)."""

from .approval import approval_decide, approval_submit, plan_settings_update
from .overdue import overdue_sweep
from .plans import (
    action_add,
    action_remove,
    action_update,
    goal_add,
    goal_remove,
    goal_update,
    plan_create,
    plan_url,
)
from .reviews import review_record

__all__ = [
    "action_add",
    "action_remove",
    "action_update",
    "approval_decide",
    "approval_submit",
    "goal_add",
    "goal_remove",
    "goal_update",
    "overdue_sweep",
    "plan_create",
    "plan_settings_update",
    "plan_url",
    "review_record",
]
