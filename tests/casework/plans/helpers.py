"""A family centre's engagement with a case plan, and who may see it (shared by the case
plan tests of the portal and the API)."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from casework.plans import services
from casework.services.engagements import engagement_share
from tests.casework.screens import new_child, new_engagement, user_with


class World:
    pass


def plan_world(partner_a, partner_b, programme) -> World:
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.manager = user_with("manager")
    w.owner = user_with("practitioner")
    w.owner.line_manager = w.manager
    w.owner.save(update_fields=["line_manager"])
    w.other = user_with("practitioner")
    w.shared = user_with("practitioner")
    w.dsl = user_with("dsl")
    w.editor = user_with("editor")
    w.child = new_child(w.owner, first="Kit", last="Planner")
    w.engagement = new_engagement(w.owner, w.child, programme)
    engagement_share(actor=w.owner, engagement=w.engagement, with_user=w.shared)
    today = timezone.localdate()
    w.plan = services.plan_create(
        actor=w.owner, engagement=w.engagement, review_on=today + timedelta(days=28)
    )
    w.goal = services.goal_add(
        actor=w.owner,
        plan=w.plan,
        what="Goal marker: settle at nursery",
        why="Mornings are hard",
        by_when=today + timedelta(days=60),
        who="Mum, nursery",
    )
    w.action = services.action_add(
        actor=w.owner,
        goal=w.goal,
        what="Action marker: visit nursery with mum",
        owner=w.owner,
        due_on=today + timedelta(days=7),
    )
    connection.set_tenant(partner_b)
    w.stranger = user_with("call-handler")
    connection.set_tenant(partner_a)
    return w
