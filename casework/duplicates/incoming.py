"""A person recorded here from elsewhere (an incoming referral accepted as a new contact)
who may already be known: the likely pairs are kept as found at once, not the next night,
and each manager who reviews duplicates gets a task leading to the pair side by side
(the same review and merge as every likely pair: casework.duplicates)."""

from django.urls import reverse

from casework.duplicates import selectors
from casework.duplicates.models import PairFound
from casework.duplicates.nightly import managers_tell
from casework.models import Contact


def likely_pairs_record(*, contact: Contact, source: str) -> int:
    """Keep the likely duplicate pairs `contact` is in and tell the managers (`source`
    says where the person came from, in words: "a referral"). How many pairs; call
    inside the transaction that recorded the contact."""
    keys = selectors.pair_keys_of(contact=contact)
    if not keys:
        return 0
    PairFound.objects.bulk_create(
        [PairFound(first_id=a, second_id=b) for a, b in keys], ignore_conflicts=True
    )
    people = Contact.objects.in_bulk({pk for pair in keys for pk in pair})
    for a, b in keys:
        link = reverse("duplicate_review", args=[people[a].public_id, people[b].public_id])
        managers_tell(
            title=f"A contact added from {source} may already be known here: review the "
            "likely duplicate",
            link=link,
        )
    return len(keys)
