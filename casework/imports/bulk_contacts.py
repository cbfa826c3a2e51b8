"""Contacts imported a batch at a time: each row checked by contact_create's own rules
(contact_fields_check, so a refusal says the same), then the batch's new households and
contacts written in a few statements (bulk_create), numbered in one (client_ids_next),
and where each came from kept in one (casework.imports.mapping.remembered). The history
triggers keep every insert, attributed to the person who ran the import and the import.

A row that is not a plain new person goes through the row path (contact_row_import)
after what the batch holds is written, so it sees it: a row already imported with
changes, a person who may be recorded already or earlier in the batch (the matcher), one
joining a household imported by an earlier batch, or a household full. So the matcher,
the updates and the household rules each stay in one place."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from casework import policy, selectors
from casework.imports.kinds_contacts import address_of, contact_row_import, contact_values
from casework.imports.mapping import import_reason, imported_get, imported_keep, source_id_of
from casework.imports.matching import batch_row, matcher_needed
from casework.imports.registry import Outcome
from casework.imports.values import fingerprint
from casework.models import HOUSEHOLD_MEMBERS_MAX, Contact, Household
from casework.people_search import CONTACTS
from casework.services.contacts import (
    client_ids_next,
    contact_built,
    contact_fields_check,
    household_built,
)
from casework.services.households import household_name_for
from casework.tracking import acting


@dataclass
class _New:
    """The batch's new people, not yet written: each with its household (new, or one of
    the batch's new ones shared by an account id) and where it came from."""

    actor: object
    job: object
    rows: list = field(default_factory=list)  # (source id, digest, details, household key)
    households: dict = field(default_factory=dict)  # key → (Household, account id, [surnames])

    def holds(self, source_id: str) -> bool:
        return any(row[0] == source_id for row in self.rows)

    def write(self) -> None:
        if not self.rows:
            return
        households = list(self.households.values())
        for household, _, surnames in households:
            household.name = household_name_for(surnames)
        Household.objects.bulk_create([household for household, _, _ in households])
        numbers = client_ids_next(len(self.rows))
        contacts = [
            contact_built(
                actor=self.actor,
                household=self.households[key][0],
                client_id=number,
                **details,
            )
            for (_, _, details, key), number in zip(self.rows, numbers, strict=True)
        ]
        Contact.objects.bulk_create(contacts)
        for (source_id, digest, _, _), contact in zip(self.rows, contacts, strict=True):
            imported_keep(
                job=self.job,
                record_type="contact",
                source_id=source_id,
                object_id=contact.pk,
                fingerprint=digest,
            )
        for household, account_id, _ in households:
            if account_id:
                imported_keep(
                    job=self.job,
                    record_type="household",
                    source_id=account_id,
                    object_id=household.pk,
                    fingerprint="",
                )
        self.rows, self.households = [], {}


def _one_by_one(actor, values: dict, job, new: _New) -> Outcome:
    """The row path, after the batch's new people are written; a refusal undoes only
    this row's writes (a savepoint), as in a batch of rows one at a time."""
    new.write()
    with transaction.atomic():
        return contact_row_import(actor=actor, values=values, job=job)


def contacts_import_batch(*, actor, rows: list[tuple[int, dict]], job) -> list:
    """Import a batch of contact rows (row number, texts by field) in one transaction:
    for each row in order, its Outcome or the ValidationError or PermissionDenied that
    refuses it. Call inside `remembered` and `batch_screened` (casework.imports.running)."""
    try:
        policy.check_record_casework(actor)
    except PermissionDenied as exc:
        return [exc for _ in rows]
    results = []
    new = _New(actor=actor, job=job)
    visible = selectors.contacts_visible_to(user=actor)
    with transaction.atomic(), acting(actor, action="import", reason=import_reason(job)):
        for index, (_, values) in enumerate(rows):
            batch_row(index)
            try:
                results.append(_row(actor, values, job, new, visible))
            except (ValidationError, PermissionDenied) as exc:
                results.append(exc)
        new.write()
    return results


def _row(actor, values: dict, job, new: _New, visible) -> Outcome:
    source_id = source_id_of(values)
    if new.holds(source_id):
        new.write()  # the same id twice in a batch: the second sees the first
    known = imported_get(job=job, record_type="contact", source_id=source_id)
    digest = fingerprint(values)
    if known is not None:
        if known.fingerprint == digest:
            return Outcome("unchanged")
        return _one_by_one(actor, values, job, new)
    person = contact_values(values)
    address = address_of(values)
    typed = {k: person[k] for k in ("first_name", "last_name", "date_of_birth", "phone")}
    if matcher_needed(
        visible, columns=CONTACTS, postcode=address["postcode"], email=person["email"], **typed
    ):
        return _one_by_one(actor, values, job, new)
    account_id = values.get("household_source_id", "")
    if account_id and imported_get(job=job, record_type="household", source_id=account_id):
        return _one_by_one(actor, values, job, new)  # joins a household already recorded
    key = account_id or f"row:{source_id}"
    shared = new.households.get(key)
    if shared is not None and len(shared[2]) >= HOUSEHOLD_MEMBERS_MAX:
        return _one_by_one(actor, values, job, new)  # full: the row path says so
    checked = {k: v for k, v in person.items() if k != "phone"}
    errors, normalised = contact_fields_check(
        **checked, postcode=address["postcode"] if shared is None else ""
    )
    if errors:
        raise ValidationError(errors)
    if shared is None:
        household = household_built(**(address | {"postcode": normalised}))
        shared = new.households[key] = (household, account_id, [])
    shared[2].append(person["last_name"].strip())
    new.rows.append((source_id, digest, person, key))
    contact = Contact(**{k: v for k, v in person.items() if k != "adult_role"})
    return Outcome("created", contact.display_name)
