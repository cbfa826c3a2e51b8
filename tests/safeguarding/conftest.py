import threading
from datetime import date, timedelta

import pytest
from django.db import connection

from casework.models import Programme
from casework.safeguarding.services.cases import case_open
from tests.casework.screens import new_child, new_engagement, user_with


class World:
    pass


def raise_concern(actor, engagement, threshold="high", **extra):
    return case_open(
        actor=actor,
        engagement=engagement,
        threshold=threshold,
        description=extra.pop("description", "Bruise on the arm, explanation inconsistent."),
        raised_with=extra.pop("raised_with", "Dana Lead, centre manager, DSL"),
        actions_agreed=extra.pop("actions_agreed", "DSL to call the parent."),
        **extra,
    )


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


def committed(partner, make):
    """Run `make` in another thread, so what it writes is committed at once."""
    box = {}

    def run():
        try:
            connection.set_tenant(partner)
            box["value"] = make()
        except BaseException as exc:  # noqa: BLE001 (re-raised in the test's thread)
            box["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]
