from datetime import date, timedelta

import pytest

from casework.models import Programme
from tests.casework.screens import new_child, new_engagement, user_with


class World:
    pass


@pytest.fixture
def world(in_partner_a):
    """A practitioner (owner) with a line manager, a DSL, another practitioner, a child
    with an engagement opened a month ago, and a case raised on it."""
    w = World()
    w.partner = in_partner_a
    w.manager = user_with("manager")
    w.dsl = user_with("dsl")
    w.owner = user_with("practitioner")
    w.owner.line_manager = w.manager
    w.owner.job_title = "Family worker"
    w.owner.save(update_fields=["line_manager", "job_title"])
    w.other = user_with("practitioner")
    w.programme = Programme.objects.create(name="Riverside Families", code_prefix="RF")
    w.child = new_child(w.owner)
    w.engagement = new_engagement(
        w.owner, w.child, w.programme, start_date=date.today() - timedelta(days=30)
    )
    return w
