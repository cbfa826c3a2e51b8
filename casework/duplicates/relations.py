"""Every record that points at a contact, found by walking the models' foreign keys (so a
record added later is moved by a merge without being named here; the merge test fails
until it is either moved or named below as left where it is)."""

from dataclasses import dataclass

from django.apps import apps
from django.db import IntegrityError, models, transaction
from pghistory.models import Event

from casework.models import Contact
from casework.tracking import merge_moving

# Links a merge leaves as they are, and why (history is never rewritten: pghistory's
# event tables are not walked at all).
LEFT_AS_THEY_ARE = {
    "duplicates.NotDuplicate.first": "a decision about two records, kept for good",
    "duplicates.NotDuplicate.second": "a decision about two records, kept for good",
    "duplicates.Merge.survivor": "the merge itself",
    "duplicates.Merge.merged": "the merge itself",
    "duplicates.PairFound.first": "when the nightly search found a pair",
    "duplicates.PairFound.second": "when the nightly search found a pair",
    "subject_access.SubjectAccessExport.contact": "a request the person made, kept as made",
}


@dataclass(frozen=True)
class Link:
    model: type[models.Model]
    field: models.ForeignKey

    @property
    def key(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def rows(self, contact_pk, ids=None) -> models.QuerySet:
        rows = self.model._base_manager.filter(**{self.field.attname: contact_pk})
        return rows if ids is None else rows.filter(pk__in=ids)


def contact_links() -> list[Link]:
    """Every foreign key to Contact of every model (history tables aside)."""
    links = []
    for model in apps.get_models(include_auto_created=True):
        if issubclass(model, Event):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is Contact:
                links.append(Link(model=model, field=field))
    return sorted(links, key=lambda link: link.key)


def links_to_move() -> list[Link]:
    return [link for link in contact_links() if link.key not in LEFT_AS_THEY_ARE]


def link_named(key: str) -> Link:
    for link in contact_links():
        if link.key == key:
            return link
    raise LookupError(key)


def move(link: Link, *, source_pk, target_pk, ids=None) -> tuple[list, list]:
    """Point the rows of `link` that point at `source_pk` (those of `ids` only, when given)
    at `target_pk`: (ids moved, ids left because the target already has the same, such
    as a relationship with the same person). Call inside a transaction."""
    wanted = list(link.rows(source_pk, ids).order_by("pk").values_list("pk", flat=True))
    if not wanted:
        return [], []
    # Old notes and completed assessments may change their contact here, and only here
    # (their triggers: casework.tracking.NOT_A_MERGE_MOVE).
    with merge_moving():
        try:
            with transaction.atomic():
                link.rows(source_pk, wanted).update(**{link.field.attname: target_pk})
            return wanted, []
        except IntegrityError:
            pass
        moved, left = [], []
        for pk in wanted:  # one at a time: those that clash stay where they are
            try:
                with transaction.atomic():
                    link.rows(source_pk, [pk]).update(**{link.field.attname: target_pk})
                moved.append(pk)
            except IntegrityError:
                left.append(pk)
        return moved, left
