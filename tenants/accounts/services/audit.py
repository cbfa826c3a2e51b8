from django.db import connection

from tenants.accounts.models import AuditEntry, User


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
