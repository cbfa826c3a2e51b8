from django.db import connection, transaction

from tenants.accounts import policy
from tenants.accounts.models import AuditEntry, AuditEntryCorrection, User
from tenants.corrections import correction_clean


def audit_record(
    *,
    actor: User | None,
    actor_is_platform: bool = False,
    action: str,
    target: User | None = None,
    target_username: str = "",
    target_public_id=None,
    before: dict | None = None,
    after: dict | None = None,
    detail: str = "",
) -> AuditEntry:
    """Append to the current schema's user-administration history."""
    return AuditEntry.objects.create(
        action=action,
        actor_username=actor.username if actor else "",
        actor_name=actor.get_full_name() if actor else "",
        actor_is_platform=actor_is_platform,
        target_username=target.username if target else target_username,
        # Another record's public id (a safeguarding case) when the target is not a user.
        target_public_id=target.public_id if target else target_public_id,
        partner_schema=connection.schema_name,
        before=before or {},
        after=after or {},
        detail=detail,
    )


def audit_entry_correct(*, actor: User, entry: AuditEntry, kind: str, text: str):
    """“Entered in error: …” or the corrected text of an audit entry: the entry stays (the
    table refuses UPDATE), the correction points at it. Service-only: no screen shows a
    single entry to correct, so the platform and champions use it from a shell or command."""
    scope = policy.actor_scope(actor)
    policy.check_correct_audit_entry(scope, entry)
    kind, text = correction_clean(kind=kind, text=text)
    with transaction.atomic():
        correction = AuditEntryCorrection.objects.create(
            entry=entry,
            kind=kind,
            text=text,
            author_name=actor.get_full_name(),
            author_username=actor.username,
            author_is_platform=scope.is_platform,
        )
        audit_record(
            actor=actor,
            actor_is_platform=scope.is_platform,
            action="audit.corrected",
            detail=f"entry {entry.pk} ({entry.action}): {correction.get_kind_display()}"[:300],
        )
    return correction
