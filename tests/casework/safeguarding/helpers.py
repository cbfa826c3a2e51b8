"""Raising a safeguarding concern for the tests, and committing a write from another
thread (for the tests of two people acting at once)."""

import threading

from django.db import connection

from casework.safeguarding.services.cases import case_open


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
