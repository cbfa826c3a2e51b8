"""The description of one kind of record the duplicates machinery works on (contacts:
casework.duplicates.contacts; customers: customers.services.duplicates): its model and its
decision, merge and pair tables, the details a user picks between side by side, the
service that writes them, the stub it leaves, who may review, and where its screens
are. The pair search, the merge, the unmerge and the nightly job read only this."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class Detail:
    """A detail the user may take from the merged record that is not a plain field of
    the record (contacts' household and address): how it reads, its stored value and
    the service that sets it (`take(actor=, record=, value=) -> record`)."""

    label: str
    shown: Callable[[models.Model], str]
    value: Callable[[models.Model], object]
    take: Callable[..., models.Model]


@dataclass(frozen=True)
class RecordKind:
    model: type[models.Model]
    merge_model: type[models.Model]
    not_duplicate_model: type[models.Model]
    pair_found_model: type[models.Model]
    # In users' words: "contact", "contacts".
    noun: str
    plural: str
    # The record's plain details a user picks between (the rest are the survivor's) and
    # the kind's own service writing them: update(actor=, record=, reason=, **changes).
    fields: tuple[str, ...]
    update: Callable[..., models.Model]
    # The pair search's people (casework.duplicates.selectors): a SELECT of id, f and l
    # (the first and last names' double metaphone), first, last (lower case), dob,
    # phone (digits), email (lower case) and postcode (no spaces, upper case), of the
    # records not removed.
    people_sql: Callable[[], str]
    # Who may see such records at all (to be led from a merged one to the one kept),
    # and who reviews pairs, decides they differ, and undoes merges.
    may_see: Callable[..., bool]
    may_review: Callable[..., bool]
    review_refused: str
    # Why this actor may not merge these two ("" when they may).
    merge_refusal: Callable[..., str]
    # "Sam Bunny (CB-000012)": the record named where both are listed.
    describe: Callable[[models.Model], str]
    # The URL names of the likely pairs list and of one pair side by side.
    pairs_url: str
    review_url: str
    # Read with each record of a pair (contacts' household).
    select_related: tuple[str, ...] = ()
    # Details beyond `fields` (keyed by name, offered after them).
    details: dict[str, Detail] = field(default_factory=dict)
    # Called on the merged record once it is hidden or shown again (a contact's
    # household is renamed after who is still in it).
    after_hide: Callable[[models.Model], None] | None = None
    # What else a later change makes impossible to undo, in words (a customer's housing
    # reference taken by another record meanwhile).
    unmerge_blockers: Callable[..., list[str]] | None = None

    @property
    def keepable(self) -> tuple[str, ...]:
        return (*self.fields, *self.details)

    def label(self, name: str) -> str:
        if name in self.details:
            return self.details[name].label
        return str(self.model._meta.get_field(name).verbose_name).capitalize()

    def shown(self, record, name: str) -> str:
        """A detail as the side by side review shows it."""
        if name in self.details:
            return self.details[name].shown(record)
        value = getattr(record, name)
        model_field = self.model._meta.get_field(name)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value or ""))
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if hasattr(value, "strftime"):
            return f"{value:%-d %B %Y}"
        return str(value or "")

    def value(self, record, name: str):
        if name in self.details:
            return self.details[name].value(record)
        return getattr(record, name)

    def differing(self, first, second) -> list[tuple[str, str, str, str]]:
        """The details where the two records differ: (field, label, first's, second's)."""
        return [
            (name, self.label(name), self.shown(first, name), self.shown(second, name))
            for name in self.keepable
            if self.shown(first, name) != self.shown(second, name)
            or (name in self.details and self.value(first, name) != self.value(second, name))
        ]

    def as_value(self, name: str, stored):
        """A detail's value as the merge stored it (JSON) back as the field's."""
        if name in self.details:
            return stored
        return self.model._meta.get_field(name).to_python(stored)
