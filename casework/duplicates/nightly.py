"""The nightly search for likely duplicates in one partner (the same matcher as the
review's): pairs not found before are kept as found, and each manager who reviews
duplicates gets one task a day saying how many are new. Idempotent: run twice, it finds
nothing new the second time."""

from django.urls import reverse
from django.utils import timezone

from casework.duplicates import policy, selectors
from casework.duplicates.models import PairFound
from casework.worklist.models import Task
from casework.worklist.services import task_assign
from tenants.accounts.models import User


def managers_tell(*, title: str, link: str) -> int:
    """One task today for each manager who reviews duplicates (not twice for one link on
    one day): how many were told."""
    today = timezone.localdate()
    told = 0
    for manager in User.objects.filter(is_active=True).order_by("pk"):
        if not policy.can_review_duplicates(manager):
            continue
        if Task.objects.filter(assignee=manager, link_url=link, due_on=today).exists():
            continue
        task_assign(actor=None, assignee=manager, title=title, due_on=today, link_url=link)
        told += 1
    return told


def duplicates_find() -> dict:
    pairs = selectors.pair_keys_all()
    known = set(PairFound.objects.values_list("first_id", "second_id"))
    new = [PairFound(first_id=a, second_id=b) for a, b in pairs if (a, b) not in known]
    PairFound.objects.bulk_create(new, ignore_conflicts=True)
    told = 0
    if new:
        title = f"{len(new)} new likely duplicate contact{'s' if len(new) != 1 else ''} to review"
        told = managers_tell(title=title, link=reverse("duplicates"))
    return {"pairs": len(pairs), "new": len(new), "told": told}
