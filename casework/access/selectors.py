"""Reads of who looked and of emergency access. The reads are shown only to whom
policy.can_see_who_looked / can_see_reads_of allow (the views ask first)."""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from casework.access import policy
from casework.access.models import AccessSettings, EmergencyAccess, RecordRead, RecordType
from casework.models import Contact, Engagement
from tenants.accounts.models import User

# Cached on the user object for one request: the engagements this user holds emergency
# access to, with when each grant ends (emergency_access_forget clears it).
LIVE_GRANTS_ATTRIBUTE = "emergency_access_until"


def access_settings() -> AccessSettings:
    settings, _ = AccessSettings.objects.get_or_create(pk=1)
    return settings


def emergency_access_allowed() -> bool:
    return access_settings().emergency_access_allowed


def live_grants_of(user) -> dict:
    """{engagement pk: expires_at} of the user's grants not yet ended (one query per
    request, kept on the user object)."""
    cached = getattr(user, LIVE_GRANTS_ATTRIBUTE, None)
    if cached is None:
        cached = dict(
            EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now())
            .order_by("expires_at")
            .values_list("engagement_id", "expires_at")
        )
        setattr(user, LIVE_GRANTS_ATTRIBUTE, cached)
    return cached


def emergency_access_forget(user) -> None:
    """After a grant: the next check reads the grants again."""
    if hasattr(user, LIVE_GRANTS_ATTRIBUTE):
        delattr(user, LIVE_GRANTS_ATTRIBUTE)


def emergency_access_live(user, engagement) -> bool:
    """The user holds emergency access to this engagement now (the Python twin of
    emergency_access_condition)."""
    if not user.is_authenticated:
        return False
    until = live_grants_of(user).get(engagement.pk)
    return until is not None and until > timezone.now()


def emergency_access_condition(user) -> Q:
    """Engagements the user holds live emergency access to, as a condition (SQL)."""
    return Q(
        Exists(
            EmergencyAccess.objects.filter(
                user=user, engagement=OuterRef("pk"), expires_at__gt=timezone.now()
            )
        )
    )


def engagement_for_emergency_access(*, user, public_id) -> Engagement | None:
    """An engagement of this partner that `user` may not see but may ask emergency access
    to (policy.can_ask_emergency_access), or None (then simply not found)."""
    try:
        engagement = (
            Engagement.objects.select_related("contact", "owner")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None
    if engagement is None or not policy.can_ask_emergency_access(
        user, engagement, allowed=emergency_access_allowed()
    ):
        return None
    return engagement


def emergency_access_current(*, user, engagement) -> EmergencyAccess | None:
    return (
        EmergencyAccess.objects.filter(
            user=user, engagement=engagement, expires_at__gt=timezone.now()
        )
        .order_by("-expires_at")
        .first()
    )


def contact_for_who_looked(*, user, public_id) -> Contact | None:
    """A contact of this partner, for whom may see who looked at it (the data protection
    role holds no casework rights, yet answers for every record)."""
    if not policy.can_see_who_looked(user):
        return None
    try:
        return Contact.objects.filter(public_id=public_id, removed_at__isnull=True).first()
    except (ValueError, TypeError, ValidationError):
        return None


def reads_of_record(*, record_type: str, public_ids) -> QuerySet[RecordRead]:
    """Who read these records (one record: its own ids), newest first."""
    return (
        RecordRead.objects.filter(record_type=record_type, record_ids__overlap=list(public_ids))
        .select_related("reader")
        .order_by("-at", "-id")
    )


def grants_on(*, engagement) -> QuerySet[EmergencyAccess]:
    return engagement.emergency_accesses.select_related("user", "reviewed_by")


def reads_by(*, reader, start, end) -> QuerySet[RecordRead]:
    """What one account looked at between two moments, newest first."""
    return RecordRead.objects.filter(reader=reader, at__gte=start, at__lt=end).order_by(
        "-at", "-id"
    )


def reader_get(*, public_id) -> User | None:
    """An account of this partner by its public id."""
    try:
        return User.objects.filter(public_id=public_id).first()
    except (ValueError, TypeError):
        return None


def grants_to_review(*, user, reviewed: bool = False) -> QuerySet[EmergencyAccess]:
    """Emergency access grants, those not yet reviewed first (or the reviewed ones): none
    for who may not review them."""
    if not policy.can_review_emergency_access(user):
        return EmergencyAccess.objects.none()
    return EmergencyAccess.objects.filter(reviewed_at__isnull=not reviewed).select_related(
        "user", "engagement__contact", "reviewed_by"
    )


def grant_get(*, user, public_id) -> EmergencyAccess | None:
    if not policy.can_review_emergency_access(user):
        return None
    try:
        return (
            EmergencyAccess.objects.filter(public_id=public_id)
            .select_related("user", "engagement__contact")
            .first()
        )
    except (ValueError, TypeError):
        return None


TYPE_LABELS = dict(RecordType.choices)
