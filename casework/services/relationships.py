"""Relationships between contacts: one pair of halves, each the inverse of the other, so
the relationship reads right from either contact ("Kate Doyle is John Smith's mother",
"John Smith is Kate Doyle's son"). A pair is recorded once, refused when it would
duplicate or contradict the current one, and removed (softly, both halves together,
with a reason) when it was wrong."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from casework import policy
from casework.models import (
    GENDERED,
    INVERSE,
    RELATIONSHIPS_MAX,
    ROLE,
    Contact,
    Relationship,
    RelationshipType,
)
from casework.tracking import attributed

SHE = {"she", "her", "hers", "herself"}
HE = {"he", "him", "his", "himself"}


def gender_of(contact: Contact) -> str | None:
    """'female' or 'male' as the pronouns recorded say; None when none (or other) are."""
    words = set(re.findall(r"[a-z]+", (contact.pronouns or "").lower()))
    if words & SHE and not words & HE:
        return "female"
    if words & HE and not words & SHE:
        return "male"
    return None


def word_for(role: str, person: Contact) -> str:
    """How `person` is named in `role`: mother or father for a parent, son or daughter
    for a child, when their pronouns say; the role itself otherwise."""
    return GENDERED.get(role, {}).get(gender_of(person), role)


def inverse_kind(kind: str, of: Contact) -> str:
    """The other half's word: `of` is to the first person the inverse of `kind`."""
    return word_for(INVERSE[ROLE[kind]], of)


def kind_label(kind: str) -> str:
    return RelationshipType(kind).label.lower()


def sentence(contact: Contact, other: Contact, kind: str) -> str:
    """'Kate Doyle is John Smith's mother'."""
    return f"{contact.display_name} is {other.display_name}'s {kind_label(kind)}"


@attributed
def relationship_create(*, actor, contact: Contact, other: Contact, kind: str) -> Relationship:
    """Record that `contact` is `other`'s `kind`, and the inverse half derived from it.
    Refused when the two are already related (the same way: a duplicate; another way:
    a contradiction, which is removed first if it is wrong)."""
    policy.check_record_casework(actor)
    if kind not in RelationshipType.values:
        raise ValidationError({"kind": "Choose how they are related."})
    if contact.pk == other.pk:
        raise ValidationError({"other": "A contact cannot be related to themselves."})
    with transaction.atomic():
        # Both people locked in one order, so two people adding the same pair at once
        # cannot both pass the check below.
        list(Contact.objects.select_for_update().filter(pk__in=[contact.pk, other.pk]))
        existing = (
            Relationship.objects.current()
            .filter(contact=contact, other=other)
            .select_related("contact", "other")
            .first()
        ) or (
            Relationship.objects.current()
            .filter(contact=other, other=contact)
            .select_related("contact", "other")
            .first()
        )
        if existing is not None:
            if existing.contact_id == contact.pk and ROLE[existing.kind] == ROLE[kind]:
                message = f"This relationship is already recorded: {_said(existing)}."
            else:
                message = (
                    f"{_said(existing)} is already recorded. Remove that relationship "
                    "first if it is wrong."
                )
            raise ValidationError({"kind": message})
        for person in (contact, other):
            if Relationship.objects.filter(contact=person).count() >= RELATIONSHIPS_MAX:
                raise ValidationError(
                    {
                        "other": f"{person.display_name} already has {RELATIONSHIPS_MAX} "
                        "relationships recorded (removed ones included), the most one "
                        "person can have."
                    }
                )
        try:
            with transaction.atomic():
                relationship = _create_pair(contact, other, kind)
        except IntegrityError as exc:  # a pair recorded by someone else meanwhile
            raise ValidationError({"kind": "These two people are already related."}) from exc
    return relationship


def _create_pair(contact: Contact, other: Contact, kind: str) -> Relationship:
    """Both halves inserted already pointing at each other (the keys are drawn from the
    sequence first; foreign keys are checked at commit), so History shows two additions
    and no bookkeeping update."""
    table = Relationship._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, 2)",
            [table],
        )
        first_pk, second_pk = (row[0] for row in cursor.fetchall())
        # The link is checked once both halves exist, even where the caller made every
        # constraint immediate (a training copy's reset does, to drop a schema).
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'"
            " AND confrelid = conrelid",
            [table],
        )
        link = cursor.fetchone()[0]
        cursor.execute(f'SET CONSTRAINTS "{link}" DEFERRED')  # noqa: S608 (a catalog name)
        relationship = Relationship.objects.create(
            pk=first_pk, contact=contact, other=other, kind=kind, inverse_id=second_pk
        )
        Relationship.objects.create(
            pk=second_pk,
            contact=other,
            other=contact,
            kind=inverse_kind(kind, other),
            inverse_id=first_pk,
        )
        cursor.execute(f'SET CONSTRAINTS "{link}" IMMEDIATE')  # noqa: S608 (checked now)
    return relationship


def _said(relationship: Relationship) -> str:
    return sentence(relationship.contact, relationship.other, relationship.kind)


@attributed
def relationship_remove(*, actor, relationship: Relationship, reason: str) -> Relationship:
    """A wrongly recorded relationship is removed, both halves together, with the reason;
    nothing is deleted: History shows it, lists leave it out."""
    policy.check_record_casework(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Enter why the relationship is being removed, like “entered in error”."}
        )
    if len(reason) > 500:
        raise ValidationError({"reason": "Keep the reason to 500 characters or fewer."})
    with transaction.atomic():
        halves = list(
            Relationship.objects.select_for_update()
            .filter(pk__in=[relationship.pk, relationship.inverse_id or relationship.pk])
            .order_by("pk")
        )
        if any(half.removed_at for half in halves):
            raise ValidationError({"reason": "This relationship has already been removed."})
        now = timezone.now()
        for half in halves:
            half.removed_at, half.removed_by, half.removal_reason = now, actor, reason
            half.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    relationship.refresh_from_db()
    return relationship
