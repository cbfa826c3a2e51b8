"""Merging two contacts who are one person, and undoing it.

A merge keeps one record (the survivor), takes the details the user chose from the other,
moves everything that hung on the other to the survivor (casework.duplicates.relations
walks every foreign key to a contact) and keeps the other as a hidden stub: removed, its
reason naming the survivor. One transaction, both contacts locked; what moved is stored
on the Merge so that an unmerge puts exactly that back."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.duplicates import policy, relations
from casework.duplicates.models import Merge, NotDuplicate
from casework.models import Contact, Engagement, Household
from casework.policy import CaseworkRefused
from casework.safeguarding.models import CaseStatus, SafeguardingCase
from casework.services.contacts import CONTACT_DETAILS, contact_move_household, contact_update
from casework.services.households import household_rename
from casework.services.removal import mark_removed
from casework.tracking import attributed

# What the user may take from the merged record, field by field (the rest is the survivor's).
KEEPABLE = (*CONTACT_DETAILS, "household")


def keepable_label(field: str) -> str:
    if field == "household":
        return "Household and address"
    return str(Contact._meta.get_field(field).verbose_name).capitalize()


def _shown(contact: Contact, field: str) -> str:
    if field == "household":
        household = contact.household
        return ", ".join(p for p in (household.address_line_1, household.postcode) if p) or (
            household.name
        )
    value = getattr(contact, field)
    model_field = Contact._meta.get_field(field)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value or ""))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "strftime"):
        return f"{value:%-d %B %Y}"
    return str(value or "")


def differing_details(first: Contact, second: Contact) -> list[tuple[str, str, str, str]]:
    """The details where the two records differ: (field, label, first's, second's)."""
    return [
        (field, keepable_label(field), _shown(first, field), _shown(second, field))
        for field in KEEPABLE
        if _shown(first, field) != _shown(second, field)
        or (field == "household" and first.household_id != second.household_id)
    ]


def _locked(*contacts: Contact) -> dict:
    """The contacts, locked in key order (two merges of the same pair cannot deadlock)."""
    pks = sorted(c.pk for c in contacts)
    return Contact.objects.select_for_update().in_bulk(pks)


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


def _check_pair(survivor: Contact, merged: Contact) -> None:
    for contact in (survivor, merged):
        if contact.is_removed:
            raise ValidationError(
                {"merged": f"{contact.display_name} has been merged or removed already."}
            )
    low, high = sorted((survivor.pk, merged.pk))
    if NotDuplicate.objects.filter(first_id=low, second_id=high).exists():
        raise ValidationError(
            {
                "merged": "A manager has recorded that these are different people, so they "
                "are not merged."
            }
        )


def _as_stored(field: str, value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _as_value(field: str, value):
    return Contact._meta.get_field(field).to_python(value)


@attributed
def contacts_merge(*, actor, survivor: Contact, merged: Contact, reason: str, keep=()) -> Merge:
    """Merge `merged` into `survivor`, taking from `merged` the details named in `keep`
    (KEEPABLE). Refused without a reason, for a pair recorded as different people, and
    for whoever may not see everything that would move (casework.duplicates.policy)."""
    reason = (reason or "").strip()  # its length and characters: tenants.input_rules
    errors = {}
    if not reason:
        errors["reason"] = "Say how you know they are the same person."
    unknown = [field for field in keep if field not in KEEPABLE]
    if unknown:
        errors["keep"] = (
            f"These details cannot be taken from the other record: {', '.join(map(str, unknown))}"
            f" (choose from {', '.join(KEEPABLE)})."
        )
    if survivor.pk == merged.pk:
        errors["merged"] = "Choose two different contacts to merge."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(survivor, merged)
        survivor, merged = locked[survivor.pk], locked[merged.pk]
        refusal = merge_refusal(actor=actor, survivor=survivor, merged=merged)
        if refusal:
            raise CaseworkRefused(refusal)
        _check_pair(survivor, merged)
        kept = {}
        changes = {
            field: getattr(merged, field)
            for field in keep
            if field in CONTACT_DETAILS and getattr(merged, field) != getattr(survivor, field)
        }
        if changes:
            kept = {
                f: [_as_stored(f, getattr(survivor, f)), _as_stored(f, v)]
                for f, v in changes.items()
            }
            survivor = contact_update(actor=actor, contact=survivor, reason=reason, **changes)
        if "household" in keep and merged.household_id != survivor.household_id:
            kept["household"] = [survivor.household_id, merged.household_id]
            survivor = contact_move_household(
                actor=actor, contact=survivor, household=merged.household
            )
        moved, left = [], []
        for link in relations.links_to_move():
            ids, stayed = relations.move(link, source_pk=merged.pk, target_pk=survivor.pk)
            if ids:
                moved.append(
                    {"model": link.model._meta.label, "field": link.field.name, "ids": ids}
                )
            if stayed:
                left.append(
                    {"model": link.model._meta.label, "field": link.field.name, "ids": stayed}
                )
        mark_removed(
            merged,
            actor=actor,
            reason=f"Merged into {survivor.display_name} ({survivor.client_id}): {reason}",
        )
        household_rename(Household.objects.select_for_update().get(pk=merged.household_id))
        return Merge.objects.create(
            survivor=survivor,
            merged=merged,
            reason=reason,
            merged_by=actor,
            kept=kept,
            moved=moved,
            left=left,
        )


def _unmerge_blockers(merge: Merge, survivor: Contact) -> list[str]:
    """What a later change makes impossible to put back, in words."""
    blockers = []
    for entry in merge.moved:
        link = relations.link_named(f"{entry['model']}.{entry['field']}")
        still = link.rows(survivor.pk, entry["ids"]).count()
        if still != len(entry["ids"]):
            blockers.append(
                f"{len(entry['ids']) - still} of the {link.label} that moved are no longer "
                f"on {survivor.display_name}'s record"
            )
    for field, (_, after) in merge.kept.items():
        now = survivor.household_id if field == "household" else getattr(survivor, field)
        wanted = after if field == "household" else _as_value(field, after)
        if now != wanted:
            blockers.append(f"{keepable_label(field)} has changed since the merge")
    return blockers


@attributed
def contacts_unmerge(*, actor, merge: Merge, reason: str) -> Merge:
    """Undo a merge within CASEBRIDGE_UNMERGE_DAYS: everything that moved goes back, the
    survivor's details taken from the other record are restored and the other record is
    shown again. Refused, saying which, when a later change makes that impossible."""
    policy.check_unmerge(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the merge is being undone."})
    with transaction.atomic():
        merge = Merge.objects.select_for_update().get(pk=merge.pk)
        blocked = policy.unmerge_blocked(merge)
        if blocked:
            raise ValidationError({"merge": blocked})
        locked = _locked(merge.survivor, merge.merged)
        survivor, merged = locked[merge.survivor_id], locked[merge.merged_id]
        blockers = _unmerge_blockers(merge, survivor)
        if blockers:
            raise ValidationError(
                {"merge": "This merge cannot be undone: " + "; ".join(blockers) + "."}
            )
        for entry in merge.moved:
            link = relations.link_named(f"{entry['model']}.{entry['field']}")
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
            field: _as_value(field, before)
            for field, (before, _) in merge.kept.items()
            if field != "household"
        }
        if details:
            survivor = contact_update(actor=actor, contact=survivor, reason=reason, **details)
        if "household" in merge.kept:
            contact_move_household(
                actor=actor,
                contact=survivor,
                household=Household.objects.get(pk=merge.kept["household"][0]),
            )
        merged.removed_at, merged.removed_by, merged.removal_reason = None, None, ""
        merged.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        household_rename(Household.objects.select_for_update().get(pk=merged.household_id))
        merge.unmerged_at = timezone.now()
        merge.unmerged_by = actor
        merge.unmerge_reason = reason
        merge.save(update_fields=["unmerged_at", "unmerged_by", "unmerge_reason"])
    return merge
