"""Reads of data-sharing agreements (public schema). The rule "a referral crosses only
under an agreement in force covering its type" is kept here, once: the directory offers
only `partners_agreed` (referrals.selectors_directory.directory_matches) and the sending
service refuses without `agreement_covering` (referrals.services.exchange.sending)."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from referrals.agreements.models import AgreementStatus, DataSharingAgreement
from tenants.models import Partner


def in_force(*, today=None) -> Q:
    """Accepted, started and not past its end date."""
    today = today or timezone.localdate()
    return Q(status=AgreementStatus.ACCEPTED, starts_on__lte=today) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def _between(a: Partner, b: Partner) -> Q:
    return Q(proposer=a, partner=b) | Q(proposer=b, partner=a)


def agreement_covering(
    *, sender: Partner, receiver: Partner, referral_type: str
) -> DataSharingAgreement | None:
    """The agreement in force under which the sender may send this type to the receiver
    (both ways: an agreement binds its two partners alike); a platform-wide one first."""
    covering = DataSharingAgreement.objects.filter(
        in_force(), referral_types__contains=[referral_type]
    )
    found = covering.filter(proposer__isnull=True).order_by("pk").first()
    return found or covering.filter(_between(sender, receiver)).order_by("pk").first()


def partners_agreed(*, sender: Partner, referral_type: str) -> set[int] | None:
    """The ids of the partners the sender has an agreement in force with for this type;
    None when a platform-wide agreement covers it (every partner)."""
    covering = DataSharingAgreement.objects.filter(
        in_force(), referral_types__contains=[referral_type]
    )
    if covering.filter(proposer__isnull=True).exists():
        return None
    ids = set()
    for proposer_id, partner_id in covering.filter(_between_any(sender)).values_list(
        "proposer_id", "partner_id"
    ):
        ids.add(partner_id if proposer_id == sender.pk else proposer_id)
    return ids


def _between_any(partner: Partner) -> Q:
    return Q(proposer=partner) | Q(partner=partner)


def agreements_of(*, partner: Partner) -> QuerySet[DataSharingAgreement]:
    """The partner's own agreements (proposed by it or to it) and the platform-wide ones:
    what its agreements page lists; any other partner's agreement is not found."""
    return (
        DataSharingAgreement.objects.filter(_between_any(partner) | Q(proposer__isnull=True))
        .select_related("proposer", "partner")
        .order_by("-proposed_at", "-pk")
    )


def platform_agreements() -> QuerySet[DataSharingAgreement]:
    return DataSharingAgreement.objects.filter(proposer__isnull=True).order_by(
        "-proposed_at", "-pk"
    )


def partners_to_propose_to(*, partner: Partner) -> QuerySet[Partner]:
    """Live, active partner organisations other than this one (training copies never
    share real people's details)."""
    return Partner.objects.organisations().active().live().exclude(pk=partner.pk).order_by("name")


def agreement_get(*, partner: Partner, public_id) -> DataSharingAgreement | None:
    """One of the partner's own agreements (with another partner); None for any other
    (platform-wide ones are read in the list and kept in the console)."""
    return agreements_of(partner=partner).filter(_between_any(partner), public_id=public_id).first()


def platform_agreement_get(*, public_id) -> DataSharingAgreement | None:
    return platform_agreements().filter(public_id=public_id).first()


def is_in_force(agreement: DataSharingAgreement, today=None) -> bool:
    """The same test as `in_force`, for one agreement already read."""
    today = today or timezone.localdate()
    return (
        agreement.status == AgreementStatus.ACCEPTED
        and agreement.starts_on <= today
        and (agreement.ends_on is None or agreement.ends_on >= today)
    )
