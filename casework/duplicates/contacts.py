"""Contacts as the duplicates machinery sees them (casework.duplicates.kinds): their
details, their household and address, the safeguarding rule for merging, and their
screens."""

from casework import policy as casework_policy
from casework.duplicates import policy
from casework.duplicates.kinds import Detail, RecordKind
from casework.duplicates.models import Merge, NotDuplicate, PairFound
from casework.models import Contact, Engagement, Household
from casework.safeguarding.models import CaseStatus, SafeguardingCase
from casework.services.contacts import CONTACT_DETAILS, contact_move_household, contact_update
from casework.services.households import household_rename

_PEOPLE = """
    SELECT p.id, dmetaphone(p.first_name) AS f, dmetaphone(p.last_name) AS l,
           lower(p.first_name) AS first, lower(p.last_name) AS last, p.date_of_birth AS dob,
           p.phone_digits AS phone, lower(p.email) AS email,
           replace(upper(h.postcode), ' ', '') AS postcode
    FROM {contact} p JOIN {household} h ON h.id = p.household_id
    WHERE p.removed_at IS NULL"""


def _people_sql() -> str:
    return _PEOPLE.format(contact=Contact._meta.db_table, household=Household._meta.db_table)


def _open_case(contact: Contact) -> bool:
    return (
        SafeguardingCase.objects.filter(engagement__contact=contact)
        .exclude(status=CaseStatus.CLOSED)
        .exists()
    )


def merge_refusal(*, actor, survivor: Contact, merged: Contact) -> str:
    """Why `actor` may not merge these two ("" when they may): for screens to say first."""
    engagements = Engagement.objects.filter(contact__in=[survivor, merged])
    return policy.may_merge_refusal(
        actor,
        engagements=list(engagements),
        open_cases_each=_open_case(survivor) and _open_case(merged),
    )


def _household_shown(contact: Contact) -> str:
    household = contact.household
    return ", ".join(p for p in (household.address_line_1, household.postcode) if p) or (
        household.name
    )


def _household_take(*, actor, record: Contact, value) -> Contact:
    return contact_move_household(
        actor=actor, contact=record, household=Household.objects.get(pk=value)
    )


def _household_rename(contact: Contact) -> None:
    household_rename(Household.objects.select_for_update().get(pk=contact.household_id))


CONTACTS = RecordKind(
    model=Contact,
    merge_model=Merge,
    not_duplicate_model=NotDuplicate,
    pair_found_model=PairFound,
    noun="contact",
    plural="contacts",
    fields=CONTACT_DETAILS,
    update=lambda *, actor, record, reason, **changes: contact_update(
        actor=actor, contact=record, reason=reason, **changes
    ),
    people_sql=_people_sql,
    may_see=casework_policy.can_record_casework,
    may_review=policy.can_review_duplicates,
    review_refused="Only managers review duplicate contacts.",
    merge_refusal=merge_refusal,
    describe=lambda contact: f"{contact.display_name} ({contact.client_id})",
    pairs_url="duplicates",
    review_url="duplicate_review",
    select_related=("household",),
    details={
        "household": Detail(
            label="Household and address",
            shown=_household_shown,
            value=lambda contact: contact.household_id,
            take=_household_take,
        )
    },
    after_hide=_household_rename,
)
