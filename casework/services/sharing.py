"""Sharing an engagement with a colleague, and giving it to another: who did it is kept
in the engagement's log (CaseworkEvent), in words."""

from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from casework import policy
from casework.models import CaseworkEvent, Engagement
from casework.tracking import attributed


@attributed
def engagement_share(*, actor, engagement: Engagement, with_user, share: bool = True) -> None:
    """Share (or stop sharing) an engagement with a colleague: a guardian object permission."""
    policy.check_share_engagement(actor, engagement)
    with transaction.atomic():
        if share:
            assign_perm(policy.SHARED_ENGAGEMENT, with_user, engagement)
        else:
            remove_perm(policy.SHARED_ENGAGEMENT, with_user, engagement)
        CaseworkEvent.objects.create(
            actor=actor,
            engagement=engagement,
            action="engagement.share" if share else "engagement.unshare",
            detail=with_user.get_full_name() or with_user.username,
        )


@attributed
def engagement_reassign(*, actor, engagement: Engagement, new_owner) -> Engagement:
    policy.check_reassign_engagement(actor)
    if not policy.can_record_casework(new_owner):
        raise ValidationError(
            {"owner": "The new owner must be an active colleague who records casework."}
        )
    with transaction.atomic():
        engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
        previous = engagement.owner.get_full_name() or engagement.owner.username
        engagement.owner = new_owner
        engagement.save(update_fields=["owner"])
        CaseworkEvent.objects.create(
            actor=actor,
            engagement=engagement,
            action="engagement.reassign",
            detail=f"{previous} → {new_owner.get_full_name() or new_owner.username}",
        )
    return engagement
