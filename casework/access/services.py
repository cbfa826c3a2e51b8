"""Writing who looked (one insert per page, one per API request and type), emergency access
asked for with a reason (the DSLs and the owner told once it is committed), a DSL marking
a grant reviewed, and the partner's emergency access setting."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from casework.access import policy, selectors
from casework.access.models import (
    EMERGENCY_ACCESS_FOR,
    EMERGENCY_ACCESS_HOURS,
    AccessSettings,
    EmergencyAccess,
    ReadVia,
    RecordRead,
    RecordType,
)
from casework.models import Engagement
from casework.tracking import attributed
from casework.worklist.services import notification_send
from casework.worklist.subjects import person_initials
from tenants.accounts.services.audit import audit_record

REASON_MAX = 2000

# reads_log's statement: the tables' names are filled in from the models, values are
# always parameters.
READS_INSERT = (
    "INSERT INTO {reads} (at, reader_id, via, token_name, record_type, record_ids, emergency)"
    " SELECT %s, %s, %s, %s, noted.* FROM ({selects}) AS noted(record_type, record_ids, emergency)"
)
ENGAGEMENTS_READ = (
    "SELECT %s, array_agg(seen.id ORDER BY seen.n), EXISTS (SELECT 1 FROM {grants} grant_"
    " WHERE grant_.user_id = %s AND grant_.engagement_id = e.id AND grant_.expires_at > now())"
    " FROM unnest(%s::uuid[]) WITH ORDINALITY AS seen(id, n)"
    " LEFT JOIN {engagements} e ON e.public_id = seen.id GROUP BY 3"
)


def read_log(
    *,
    actor,
    record_type: str,
    public_ids,
    via: str = ReadVia.PORTAL,
    token_name: str = "",
    engagement_pk: int | None = None,
) -> None:
    """One row: `actor` read these records (by public id). For an engagement's page,
    `engagement_pk` marks the row as read under emergency access when the reader holds a
    live grant, in the same statement (no extra query)."""
    ids = list(dict.fromkeys(public_ids))
    if not ids or not getattr(actor, "is_authenticated", False):
        return
    emergency = False
    if engagement_pk is not None:
        emergency = Exists(
            EmergencyAccess.objects.filter(
                user=actor, engagement_id=engagement_pk, expires_at__gt=Now()
            )
        )
    RecordRead.objects.create(
        reader=actor,
        record_type=RecordType(record_type),
        record_ids=ids,
        via=via,
        token_name=(token_name or "")[:100],
        emergency=emergency,
    )


def reads_log(*, actor, reads: dict, via: str, token_name: str = "") -> None:
    """One row per record type ({type: public ids}), all in one INSERT (an API request).
    The engagements read under a live emergency access grant of the reader get a row of
    their own, flagged `emergency` as the portal's are (read_log): the same statement
    splits them (INSERT … SELECT), so no query is added, whatever the number of ids."""
    rows = {RecordType(t): list(dict.fromkeys(ids)) for t, ids in reads.items() if ids}
    if not rows or not getattr(actor, "is_authenticated", False):
        return
    engagement_ids = rows.pop(RecordType.ENGAGEMENT, None)
    selects, params = [], []
    for record_type, ids in rows.items():
        selects.append("SELECT %s, %s::uuid[], false")
        params += [record_type.value, ids]
    if engagement_ids:
        # Grouped by "under a live grant": one row for those, one for the others, the
        # ids kept in the order read. An id matching no engagement is logged unflagged.
        selects.append(
            ENGAGEMENTS_READ.format(grants=_table(EmergencyAccess), engagements=_table(Engagement))
        )
        params += [RecordType.ENGAGEMENT.value, actor.pk, engagement_ids]
    with connection.cursor() as cursor:
        sql = READS_INSERT.format(reads=_table(RecordRead), selects=" UNION ALL ".join(selects))
        cursor.execute(sql, [timezone.now(), actor.pk, via, (token_name or "")[:100], *params])


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _grant_notify(actor, grant: EmergencyAccess) -> None:
    """The safeguarding leads and the engagement's owner hear of it at once (initials only:
    titles go into emails)."""
    from casework.safeguarding.selectors import dsls

    engagement = grant.engagement
    about = person_initials(engagement.contact)
    title = f"Emergency access to {about}'s engagement"
    body = f"{actor.get_full_name()} opened it for {EMERGENCY_ACCESS_HOURS} hours: {grant.reason}"
    for dsl in dsls():
        if dsl.pk != actor.pk:
            notification_send(
                recipient=dsl,
                title=title,
                body=body,
                link_url=reverse("emergency_access_review"),
                dedupe_key=f"emergency:{grant.public_id}",
            )
    owner = engagement.owner
    if owner is not None and owner.pk != actor.pk:
        notification_send(
            recipient=owner,
            title=title,
            body=body,
            link_url=reverse("engagement_detail", args=[engagement.public_id]),
            dedupe_key=f"emergency:{grant.public_id}",
        )


@attributed
def emergency_access_ask(*, actor, engagement: Engagement, reason: str) -> EmergencyAccess:
    """Break the glass: `actor`, who may not see this engagement, may for 24 hours. The
    reason is required; the grant, its reason and the reads under it stay on the record."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why you need to see this engagement now."})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"Keep the reason under {REASON_MAX:,} characters."})
    with transaction.atomic():
        settings = AccessSettings.objects.select_for_update().get(pk=selectors.access_settings().pk)
        engagement = Engagement.objects.select_related("contact", "owner").get(pk=engagement.pk)
        selectors.emergency_access_forget(actor)
        policy.check_ask_emergency_access(
            actor, engagement, allowed=settings.emergency_access_allowed
        )
        now = timezone.now()
        grant = EmergencyAccess.objects.create(
            engagement=engagement,
            user=actor,
            reason=reason,
            granted_at=now,
            expires_at=now + EMERGENCY_ACCESS_FOR,
        )
        audit_record(
            actor=actor,
            action="access.emergency",
            target_public_id=engagement.public_id,
            after={"until": grant.expires_at.isoformat()},
            detail=reason,
        )
        selectors.emergency_access_forget(actor)
        transaction.on_commit(lambda: _grant_notify(actor, grant))
    return grant


@attributed
def emergency_access_review(*, actor, grant: EmergencyAccess) -> EmergencyAccess:
    """A safeguarding lead has looked at why access was taken (once)."""
    policy.check_review_emergency_access(actor)
    with transaction.atomic():
        grant = EmergencyAccess.objects.select_for_update().get(pk=grant.pk)
        if grant.reviewed_at is not None:
            raise ValidationError({"grant": "This emergency access has already been reviewed."})
        grant.reviewed_by, grant.reviewed_at = actor, timezone.now()
        grant.save(update_fields=["reviewed_by", "reviewed_at"])
    return grant


@attributed
def access_settings_update(*, actor, emergency_access_allowed: bool) -> AccessSettings:
    policy.check_change_settings(actor)
    with transaction.atomic():
        settings = AccessSettings.objects.select_for_update().get(pk=selectors.access_settings().pk)
        before = settings.emergency_access_allowed
        settings.emergency_access_allowed = bool(emergency_access_allowed)
        settings.save(update_fields=["emergency_access_allowed"])
        audit_record(
            actor=actor,
            action="access.settings",
            before={"emergency_access_allowed": before},
            after={"emergency_access_allowed": settings.emergency_access_allowed},
        )
    return settings
