"""Likely duplicate customers: their description for the shared machinery
(casework.duplicates.kinds: the details a manager picks between, the service that writes
them, who reviews and merges, their screens), a manager's decision that two are different
people, the "Find duplicates" button, merging two records of one person and undoing it.
Everything that points at a customer (their referrals and so their appointments and
checklist, …) moves by the machinery's walk of foreign keys
(casework.duplicates.relations); who may is customers.policy's."""

from casework.duplicates import merging, nightly, services
from casework.duplicates.kinds import RecordKind
from casework.tracking import attributed
from customers import policy
from customers.models import Customer, CustomerMerge, CustomerNotDuplicate, CustomerPairFound
from customers.services.customers import CUSTOMER_DETAILS, customer_update

# Every page of a customer's record: a merged-away customer's lead to the record kept.
CUSTOMER_PAGES = "customers/<uuid:public_id>/"

_PEOPLE = """
    SELECT p.id, dmetaphone(p.first_name) AS f, dmetaphone(p.last_name) AS l,
           lower(p.first_name) AS first, lower(p.last_name) AS last, p.date_of_birth AS dob,
           p.phone_digits AS phone, lower(p.email) AS email,
           replace(upper(p.postcode), ' ', '') AS postcode
    FROM {customer} p
    WHERE p.removed_at IS NULL"""


def _people_sql() -> str:
    return _PEOPLE.format(customer=Customer._meta.db_table)


def describe(customer: Customer) -> str:
    reference = customer.housing_reference
    return f"{customer} ({reference})" if reference else str(customer)


def merge_refusal(*, actor, survivor: Customer, merged: Customer) -> str:
    """Why `actor` may not merge these two customers ("" when they may)."""
    if not policy.can_review_duplicates(actor):
        return "Only a champion or manager merges duplicate customers."
    return ""


def _unmerge_blockers(*, merge, survivor: Customer, merged: Customer) -> list[str]:
    """The merged record's housing reference, taken by another customer since."""
    reference = merged.housing_reference
    if not reference:
        return []
    holder = (
        Customer.objects.filter(housing_reference=reference, removed_at__isnull=True)
        .exclude(pk__in=[merged.pk, survivor.pk])
        .first()
    )
    if holder is None:
        return []
    return [f"{holder} now has the housing reference {reference}"]


def _update(*, actor, record: Customer, reason: str, **changes) -> Customer:
    return customer_update(actor=actor, customer=record, reason=reason, **changes)


CUSTOMERS = RecordKind(
    model=Customer,
    merge_model=CustomerMerge,
    not_duplicate_model=CustomerNotDuplicate,
    pair_found_model=CustomerPairFound,
    noun="customer",
    plural="customers",
    fields=CUSTOMER_DETAILS,
    update=_update,
    people_sql=_people_sql,
    may_see=policy.can_work_with_customers,
    may_review=policy.can_review_duplicates,
    review_refused="Only a champion or manager reviews and merges duplicate customers.",
    merge_refusal=merge_refusal,
    describe=describe,
    pairs_url="customer_duplicates",
    review_url="customer_duplicate_review",
    unmerge_blockers=_unmerge_blockers,
)


@attributed
def customers_not_duplicate(
    *, actor, first: Customer, second: Customer, reason: str
) -> CustomerNotDuplicate:
    """Two customers are different people: the pair is not offered again."""
    policy.check_review_duplicates(actor)
    return services.not_duplicate_record(
        actor=actor, first=first, second=second, reason=reason, kind=CUSTOMERS
    )


@attributed
def customers_merge(
    *, actor, survivor: Customer, merged: Customer, reason: str, keep=()
) -> CustomerMerge:
    """Merge `merged` into `survivor` (everything that points at `merged` moves; it is
    kept as a hidden stub whose pages lead to `survivor`), taking the details in `keep`
    (CUSTOMERS.keepable) from `merged`."""
    policy.check_review_duplicates(actor)
    return merging.records_merge(
        CUSTOMERS, actor=actor, survivor=survivor, merged=merged, reason=reason, keep=keep
    )


@attributed
def customers_unmerge(*, actor, merge: CustomerMerge, reason: str) -> CustomerMerge:
    """Undo a merge of two customers within the days allowed: everything that moved
    goes back, the details taken are restored and the other record is shown again."""
    policy.check_review_duplicates(actor)
    return merging.records_unmerge(CUSTOMERS, actor=actor, merge=merge, reason=reason)


def customer_duplicates_find(*, actor) -> dict:
    """The "Find duplicates" button: the nightly search, now ({pairs, new, told})."""
    policy.check_review_duplicates(actor)
    return nightly.duplicates_find(CUSTOMERS)
