"""What the data protection officer's home page opens on: the work waiting for them in
each part of data protection, counted (one small query each)."""

from casework.access import selectors as access_selectors
from privacy.retention import selectors as retention_selectors
from privacy.retention.models import BatchStatus
from privacy.subject_access import selectors as subject_access_selectors
from privacy.subject_access.models import ExportStatus
from referrals.agreements.models import AgreementStatus
from referrals.agreements.selectors import agreements_of


def data_protection_waiting(*, user, partner) -> dict:
    """Counts of what waits for this user: the retention list to confirm (and what it
    holds back), subject access bundles being built or ready, agreements other partners
    asked us to answer, emergency access grants not yet reviewed."""
    batch = retention_selectors.batch_latest(user=user)
    waiting_batch = batch if batch is not None and batch.status == BatchStatus.DUE else None
    exports = subject_access_selectors.subject_exports_of(user=user)
    return {
        "batch": waiting_batch,
        "batch_due": sum(len(ids) for ids in waiting_batch.items.values()) if waiting_batch else 0,
        "batch_held": len(waiting_batch.held) if waiting_batch else 0,
        "exports_building": exports.filter(
            status__in=(ExportStatus.QUEUED, ExportStatus.RUNNING)
        ).count(),
        "exports_ready": exports.filter(status=ExportStatus.READY).count(),
        "agreements_to_answer": agreements_of(partner=partner)
        .filter(partner=partner, status=AgreementStatus.PROPOSED)
        .count(),
        "grants_to_review": access_selectors.grants_to_review(user=user).count(),
    }
