"""Reads of likely duplicate customers and their merges, for a champion or manager
(customers.policy.can_review_duplicates): the shared machinery's selectors
(casework.duplicates.selectors) on customers' description."""

from casework.duplicates import selectors
from casework.duplicates.selectors import PAIRS_MAX, LikelyDuplicate
from customers.models import Customer, CustomerMerge
from customers.services.duplicates import CUSTOMERS


def customer_duplicate_pairs(*, user, limit: int = PAIRS_MAX) -> list[LikelyDuplicate]:
    """Likely duplicate customers, best first, with what matched (none for anyone else)."""
    return selectors.duplicate_pairs(user=user, limit=limit, kind=CUSTOMERS)


def customer_duplicate_pair_get(*, user, first_public_id, second_public_id):
    """One pair, side by side, while it is still likely (None otherwise)."""
    return selectors.duplicate_pair_get(
        user=user,
        first_public_id=first_public_id,
        second_public_id=second_public_id,
        kind=CUSTOMERS,
    )


def customer_merges_into(*, user, customer: Customer) -> list[CustomerMerge]:
    """The current merges of other customers into this one, newest first."""
    return selectors.merges_into(user=user, record=customer, kind=CUSTOMERS)


def customer_merge_get(*, user, public_id) -> CustomerMerge | None:
    """A merge of two customers, for a champion or manager to undo."""
    return selectors.merge_get(user=user, public_id=public_id, kind=CUSTOMERS)


def customer_survivor_of(*, user, public_id) -> Customer | None:
    return selectors.survivor_of(user=user, public_id=public_id, kind=CUSTOMERS)
