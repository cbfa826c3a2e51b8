"""The nightly search for likely duplicates in one partner (the same matcher as the
review's), for one kind of record (contacts by default; customers: customers.tasks):
pairs not found before are kept as found, and each manager who reviews them gets one
task a day saying how many are new. Idempotent: run twice, it finds nothing new the
second time."""

from django.urls import reverse
from django.utils import timezone

from casework.duplicates import selectors
from casework.duplicates.contacts import CONTACTS
from casework.duplicates.kinds import RecordKind
from casework.worklist.models import Task
from casework.worklist.services import task_assign
from tenants.accounts.models import User


def managers_tell(*, title: str, link: str, kind: RecordKind = CONTACTS) -> int:
    """One task today for each manager who reviews duplicates of this kind (not twice for
    one link on one day): how many were told."""
    today = timezone.localdate()
    told = 0
    for manager in User.objects.filter(is_active=True).order_by("pk"):
        if not kind.may_review(manager):
            continue
        if Task.objects.filter(assignee=manager, link_url=link, due_on=today).exists():
            continue
        task_assign(actor=None, assignee=manager, title=title, due_on=today, link_url=link)
        told += 1
    return told


def duplicates_find(kind: RecordKind = CONTACTS) -> dict:
    """Keep the pairs not found before and tell the managers: {pairs, new, told}. Also
    the "Find duplicates" button's work (the same search, at once)."""
    found = kind.pair_found_model.objects
    pairs = selectors.pair_keys_all(kind)
    known = set(found.values_list("first_id", "second_id"))
    new = [kind.pair_found_model(first_id=a, second_id=b) for a, b in pairs if (a, b) not in known]
    found.bulk_create(new, ignore_conflicts=True)
    told = 0
    if new:
        title = (
            f"{len(new)} new likely duplicate {kind.noun}{'s' if len(new) != 1 else ''} to review"
        )
        told = managers_tell(title=title, link=reverse(kind.pairs_url), kind=kind)
    return {"pairs": len(pairs), "new": len(new), "told": told}


def found_said(result: dict) -> str:
    """What the "Find duplicates" button tells whoever pressed it, for any kind."""
    pairs = result["pairs"]
    return (
        f"{pairs} likely duplicate pair{'s' if pairs != 1 else ''} found, "
        f"{result['new']} not listed before."
    )
