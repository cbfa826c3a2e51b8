"""Every record that points at a record being merged (a contact, a customer, …), found by
walking the models' foreign keys (so a record added later is moved by a merge without
being named here; the merge tests fail until it is either moved or named below as left
where it is), and their generic foreign keys (a content type and an id: guardian's
object permissions on the record)."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from pghistory.models import Event

from casework.models import Contact
from casework.tracking import merge_moving

# Links a merge leaves as they are, and why (history is never rewritten: pghistory's
# event tables are not walked at all). Keyed "app.Model.field", whatever model they
# point at.
LEFT_AS_THEY_ARE = {
    "duplicates.NotDuplicate.first": "a decision about two records, kept for good",
    "duplicates.NotDuplicate.second": "a decision about two records, kept for good",
    "duplicates.Merge.survivor": "the merge itself",
    "duplicates.Merge.merged": "the merge itself",
    "duplicates.PairFound.first": "when the nightly search found a pair",
    "duplicates.PairFound.second": "when the nightly search found a pair",
    "subject_access.SubjectAccessExport.contact": "a request the person made, kept as made",
    "subject_access.SubjectAccessExport.customer": "a request the person made, kept as made",
    "customers.CustomerNotDuplicate.first": "a decision about two records, kept for good",
    "customers.CustomerNotDuplicate.second": "a decision about two records, kept for good",
    "customers.CustomerMerge.survivor": "the merge itself",
    "customers.CustomerMerge.merged": "the merge itself",
    "customers.CustomerPairFound.first": "when the nightly search found a pair",
    "customers.CustomerPairFound.second": "when the nightly search found a pair",
    # The reasons a customer gave for not being interested belong with their answer
    # (interest, asked on, other reason), which stays on each record: the one kept keeps
    # its own answer.
    "customers.Customer_not_interested_reasons.customer": "part of the record's own answer "
    "to the interest question, which each record keeps",
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

    def rows(self, record_pk, ids=None) -> models.QuerySet:
        rows = self.model._base_manager.filter(**{self.field.attname: record_pk})
        return rows if ids is None else rows.filter(pk__in=ids)

    def pointing_at(self, record_pk) -> dict:
        return {self.field.attname: record_pk}


@dataclass(frozen=True)
class GenericLink:
    """Rows pointing at a record of `target` by content type and id (a GenericForeignKey
    `field`, such as guardian's object permissions): moved as a foreign key is."""

    model: type[models.Model]
    field: GenericForeignKey
    target: type[models.Model]

    @property
    def key(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def _id_field(self) -> models.Field:
        return self.model._meta.get_field(self.field.fk_field)

    def pointing_at(self, record_pk) -> dict:
        id_field = self._id_field()
        return {id_field.attname: id_field.to_python(str(record_pk))}

    def rows(self, record_pk, ids=None) -> models.QuerySet:
        content_type = ContentType.objects.get_for_model(self.target, for_concrete_model=True)
        rows = self.model._base_manager.filter(
            **{self.field.ct_field: content_type}, **self.pointing_at(record_pk)
        )
        return rows if ids is None else rows.filter(pk__in=ids)


def record_links(model: type[models.Model]) -> list[Link]:
    """Every foreign key to `model` of every model (history tables and proxies aside: a
    proxy's rows are its concrete model's, walked once)."""
    links = []
    for other in apps.get_models(include_auto_created=True):
        if issubclass(other, Event) or other._meta.proxy:
            continue
        for field in other._meta.concrete_fields:
            if isinstance(field, models.ForeignKey) and field.related_model is model:
                links.append(Link(model=other, field=field))
    return sorted(links, key=lambda link: link.key)


def generic_links(model: type[models.Model]) -> list[GenericLink]:
    """Every generic foreign key of every model, as links to `model`'s records."""
    links = []
    for other in apps.get_models(include_auto_created=True):
        if issubclass(other, Event) or other._meta.proxy:
            continue
        for field in other._meta.private_fields:
            if isinstance(field, GenericForeignKey):
                links.append(GenericLink(model=other, field=field, target=model))
    return sorted(links, key=lambda link: link.key)


def contact_links() -> list[Link]:
    """Every foreign key to Contact of every model (history tables aside)."""
    return record_links(Contact)


def links_to_move(model: type[models.Model] = Contact) -> list[Link | GenericLink]:
    links = [*record_links(model), *generic_links(model)]
    return [link for link in links if link.key not in LEFT_AS_THEY_ARE]


def link_named(key: str, model: type[models.Model] = Contact) -> Link | GenericLink:
    for link in [*record_links(model), *generic_links(model)]:
        if link.key == key:
            return link
    raise LookupError(key)


def move(link: Link | GenericLink, *, source_pk, target_pk, ids=None) -> tuple[list, list]:
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
                link.rows(source_pk, wanted).update(**link.pointing_at(target_pk))
            return wanted, []
        except IntegrityError:
            pass
        moved, left = [], []
        for pk in wanted:  # one at a time: those that clash stay where they are
            try:
                with transaction.atomic():
                    link.rows(source_pk, [pk]).update(**link.pointing_at(target_pk))
                moved.append(pk)
            except IntegrityError:
                left.append(pk)
        return moved, left
