"""Merging two records of one person, and undoing it, for any kind of record described
by a casework.duplicates.kinds.RecordKind (contacts here; customers: customers.services.duplicates).

A merge keeps one record (the survivor), takes the details the user chose from the other,
moves everything that hung on the other to the survivor (casework.duplicates.relations
walks every foreign key to the record's model) and keeps the other as a hidden stub:
removed, its reason naming the survivor. One transaction, both records locked; what
moved is stored on the merge so that an unmerge puts exactly that back."""

from copy import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.duplicates import policy, relations
from casework.duplicates.contacts import CONTACTS
from casework.duplicates.contacts import merge_refusal as merge_refusal  # the screens' name
from casework.duplicates.kinds import RecordKind
from casework.models import Contact
from casework.policy import CaseworkRefused
from casework.services.removal import mark_removed
from casework.tracking import attributed

# What the user may take from a merged contact, field by field (the rest is the survivor's).
KEEPABLE = CONTACTS.keepable


def keepable_label(field: str) -> str:
    return CONTACTS.label(field)


def differing_details(first: Contact, second: Contact) -> list[tuple[str, str, str, str]]:
    """The details where the two contacts differ: (field, label, first's, second's)."""
    return CONTACTS.differing(first, second)


def _locked(kind: RecordKind, *records) -> dict:
    """The records, locked in key order (two merges of the same pair cannot deadlock)."""
    pks = sorted(r.pk for r in records)
    return kind.model.objects.select_for_update().in_bulk(pks)


def _check_pair(kind: RecordKind, survivor, merged) -> None:
    for record in (survivor, merged):
        if record.is_removed:
            raise ValidationError(
                {"merged": f"{record.display_name} has been merged or removed already."}
            )
    low, high = sorted((survivor.pk, merged.pk))
    if kind.not_duplicate_model.objects.filter(first_id=low, second_id=high).exists():
        raise ValidationError(
            {
                "merged": "A manager has recorded that these are different people, so they "
                "are not merged."
            }
        )


def _as_stored(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def records_merge(kind: RecordKind, *, actor, survivor, merged, reason: str, keep=()):
    """Merge `merged` into `survivor`, taking from `merged` the details named in `keep`
    (kind.keepable). Refused without a reason, for a pair recorded as different people,
    and for whoever the kind's merge_refusal turns away. Call through an @attributed
    service (contacts_merge, customers_merge) so that history names it and the actor."""
    reason = (reason or "").strip()  # its length and characters: tenants.input_rules
    errors = {}
    if not reason:
        errors["reason"] = "Say how you know they are the same person."
    unknown = [name for name in keep if name not in kind.keepable]
    if unknown:
        errors["keep"] = (
            f"These details cannot be taken from the other record: {', '.join(map(str, unknown))}"
            f" (choose from {', '.join(kind.keepable)})."
        )
    if survivor.pk == merged.pk:
        errors["merged"] = f"Choose two different {kind.plural} to merge."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(kind, survivor, merged)
        survivor, merged = locked[survivor.pk], locked[merged.pk]
        refusal = kind.merge_refusal(actor=actor, survivor=survivor, merged=merged)
        if refusal:
            raise CaseworkRefused(refusal)
        _check_pair(kind, survivor, merged)
        changes = {
            name: getattr(merged, name)
            for name in keep
            if name in kind.fields and getattr(merged, name) != getattr(survivor, name)
        }
        # Hidden first: what the survivor takes (a customer's housing reference) is then
        # no longer held by a record in use. Its reason names the survivor as it will be.
        after = copy(survivor)
        for name, value in changes.items():
            setattr(after, name, value)
        mark_removed(merged, actor=actor, reason=f"Merged into {kind.describe(after)}: {reason}")
        kept = {}
        if changes:
            kept = {
                name: [_as_stored(getattr(survivor, name)), _as_stored(value)]
                for name, value in changes.items()
            }
            survivor = kind.update(actor=actor, record=survivor, reason=reason, **changes)
        for name, detail in kind.details.items():
            before, after = detail.value(survivor), detail.value(merged)
            if name in keep and before != after:
                kept[name] = [_as_stored(before), _as_stored(after)]
                survivor = detail.take(actor=actor, record=survivor, value=after)
        moved, left = [], []
        for link in relations.links_to_move(kind.model):
            ids, stayed = relations.move(link, source_pk=merged.pk, target_pk=survivor.pk)
            if ids:
                moved.append(
                    {"model": link.model._meta.label, "field": link.field.name, "ids": ids}
                )
            if stayed:
                left.append(
                    {"model": link.model._meta.label, "field": link.field.name, "ids": stayed}
                )
        if kind.after_hide:
            kind.after_hide(merged)
        return kind.merge_model.objects.create(
            survivor=survivor,
            merged=merged,
            reason=reason,
            merged_by=actor,
            kept=kept,
            moved=moved,
            left=left,
        )


def _unmerge_blockers(kind: RecordKind, merge, survivor, merged) -> list[str]:
    """What a later change makes impossible to put back, in words."""
    blockers = []
    for entry in merge.moved:
        link = relations.link_named(f"{entry['model']}.{entry['field']}", kind.model)
        still = link.rows(survivor.pk, entry["ids"]).count()
        if still != len(entry["ids"]):
            blockers.append(
                f"{len(entry['ids']) - still} of the {link.label} that moved are no longer "
                f"on {survivor.display_name}'s record"
            )
    for name, (_, after) in merge.kept.items():
        if kind.value(survivor, name) != kind.as_value(name, after):
            blockers.append(f"{kind.label(name)} has changed since the merge")
    if kind.unmerge_blockers:
        blockers += kind.unmerge_blockers(merge=merge, survivor=survivor, merged=merged)
    return blockers


def records_unmerge(kind: RecordKind, *, actor, merge, reason: str):
    """Undo a merge within CASEBRIDGE_UNMERGE_DAYS: everything that moved goes back, the
    survivor's details taken from the other record are restored and the other record is
    shown again. Refused, saying which, when a later change makes that impossible. Call
    through an @attributed service (contacts_unmerge, customers_unmerge)."""
    if not kind.may_review(actor):
        raise CaseworkRefused("Only a manager can undo a merge.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the merge is being undone."})
    with transaction.atomic():
        merge = kind.merge_model.objects.select_for_update().get(pk=merge.pk)
        blocked = policy.unmerge_blocked(merge)
        if blocked:
            raise ValidationError({"merge": blocked})
        locked = _locked(kind, merge.survivor, merge.merged)
        survivor, merged = locked[merge.survivor_id], locked[merge.merged_id]
        blockers = _unmerge_blockers(kind, merge, survivor, merged)
        if blockers:
            raise ValidationError(
                {"merge": "This merge cannot be undone: " + "; ".join(blockers) + "."}
            )
        for entry in merge.moved:
            link = relations.link_named(f"{entry['model']}.{entry['field']}", kind.model)
            _, stayed = relations.move(
                link, source_pk=survivor.pk, target_pk=merged.pk, ids=entry["ids"]
            )
            if stayed:
                raise ValidationError(
                    {
                        "merge": f"Some {link.label} cannot go back: {merged.display_name} "
                        "already has the same."
                    }
                )
        details = {
            name: kind.as_value(name, before)
            for name, (before, _) in merge.kept.items()
            if name in kind.fields
        }
        if details:
            survivor = kind.update(actor=actor, record=survivor, reason=reason, **details)
        for name, detail in kind.details.items():
            if name in merge.kept:
                survivor = detail.take(actor=actor, record=survivor, value=merge.kept[name][0])
        merged.removed_at, merged.removed_by, merged.removal_reason = None, None, ""
        merged.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        if kind.after_hide:
            kind.after_hide(merged)
        merge.unmerged_at = timezone.now()
        merge.unmerged_by = actor
        merge.unmerge_reason = reason
        merge.save(update_fields=["unmerged_at", "unmerged_by", "unmerge_reason"])
    return merge


@attributed
def contacts_merge(*, actor, survivor: Contact, merged: Contact, reason: str, keep=()):
    """Merge two contacts (records_merge): refused for whoever may not see everything
    that would move (casework.duplicates.policy)."""
    return records_merge(
        CONTACTS, actor=actor, survivor=survivor, merged=merged, reason=reason, keep=keep
    )


@attributed
def contacts_unmerge(*, actor, merge, reason: str):
    """Undo a merge of two contacts (records_unmerge)."""
    return records_unmerge(CONTACTS, actor=actor, merge=merge, reason=reason)
