"""Contacts with their households, imported: each row through contact_create or
contact_update (and household_address_update), matched first to a person already
recorded (casework.imports.matching); a household found by its old account id."""

from datetime import date

from casework import selectors
from casework.duplicates.contacts import CONTACTS as CONTACT_RECORDS
from casework.imports.mapping import (
    changes_of,
    imported_get,
    imported_keep,
    imported_upsert,
    source_id_of,
)
from casework.imports.matching import matched
from casework.imports.registry import (
    ImportField,
    Outcome,
)
from casework.imports.values import all_errors, choice_of, date_of
from casework.models import (
    AdultRole,
    Contact,
    ContactKind,
    Household,
)
from casework.people_search import CONTACTS
from casework.services.contacts import contact_create, contact_update
from casework.services.households import household_address_update

ADULT_FROM = 18

CONTACT_FIELDS = (
    ImportField("source_id", "Id in the old system", required=True),
    ImportField("household_source_id", "Household (account) id"),
    ImportField("first_name", "First name", required=True),
    ImportField("last_name", "Last name", required=True),
    ImportField("date_of_birth", "Date of birth"),
    ImportField("kind", "Child or adult"),
    ImportField("phone", "Phone"),
    ImportField("email", "Email"),
    ImportField("address_line_1", "Address line 1"),
    ImportField("address_line_2", "Address line 2"),
    ImportField("town", "Town or city"),
    ImportField("postcode", "Postcode"),
)
KIND_WORDS = {
    "child": ContactKind.CHILD,
    "young person": ContactKind.CHILD,
    "adult": ContactKind.ADULT,
    "parent": ContactKind.ADULT,
    "carer": ContactKind.ADULT,
}
ROLE_WORDS = {"parent": AdultRole.PARENT, "carer": AdultRole.CARER}


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def contact_values(values: dict) -> dict:
    """A row's person as contact_create's keywords (its date and kind read; the kind
    guessed from the birthday when the file does not say)."""
    born, kind = all_errors(
        lambda: date_of("date_of_birth", values.get("date_of_birth", "")),
        lambda: choice_of("kind", values.get("kind", ""), KIND_WORDS),
    )
    if not kind:
        # Old systems rarely say: a birthday under 18 years ago is a child's.
        young = born is not None and _age_on(born, date.today()) < ADULT_FROM
        kind = ContactKind.CHILD if young else ContactKind.ADULT
    role = ROLE_WORDS.get(values.get("kind", "").strip().lower(), "")
    return {
        "kind": kind,
        "adult_role": role if kind == ContactKind.ADULT else "",
        "first_name": values.get("first_name", ""),
        "last_name": values.get("last_name", ""),
        "date_of_birth": born,
        "phone": values.get("phone", ""),
        "email": values.get("email", ""),
    }


def address_of(values: dict) -> dict:
    """A row's (or a household's) address fields."""
    return {
        key: values.get(key, "") for key in ("address_line_1", "address_line_2", "town", "postcode")
    }


def _address_changed(household: Household, address: dict) -> bool:
    if not address["postcode"]:
        return False  # a row without an address leaves the household's as it is
    kept = address_of(vars(household))
    compact = {k: v.replace(" ", "").upper() for k, v in address.items()}
    return compact != {k: v.replace(" ", "").upper() for k, v in kept.items()}


def contact_row_import(*, actor, values: dict, job) -> Outcome:
    source_id_of(values)
    person = contact_values(values)
    address = address_of(values)

    def update(contact, reason):
        changes = changes_of(
            contact, {k: v for k, v in person.items() if k not in ("kind", "adult_role")}
        )
        if changes:
            contact = contact_update(actor=actor, contact=contact, reason=reason, **changes)
        if _address_changed(contact.household, address):
            household_address_update(actor=actor, household=contact.household, **address)
        return contact

    def create():
        typed = {k: person[k] for k in ("first_name", "last_name", "date_of_birth", "phone")}
        found = matched(
            selectors.contacts_visible_to(user=actor),
            columns=CONTACTS,
            label=lambda contact: contact.display_name,
            postcode=address["postcode"],
            email=person["email"],
            **typed,
        )
        if found is not None:
            return found
        household_id = values.get("household_source_id", "")
        household_known = imported_get(job=job, record_type="household", source_id=household_id)
        household = (
            Household.objects.filter(pk=household_known.object_id).first()
            if household_known
            else None
        )
        contact = contact_create(actor=actor, household=household, **person, **address)
        if household_id and household_known is None:
            imported_keep(
                job=job,
                record_type="household",
                source_id=household_id,
                object_id=contact.household_id,
                fingerprint="",
            )
        return contact, Outcome("created", contact.display_name)

    return imported_upsert(
        job=job,
        record_type="contact",
        values=values,
        records=Contact.objects.select_related("household"),
        update=update,
        create=create,
        label=lambda contact: contact.display_name,
        kind=CONTACT_RECORDS,
    )
