"""Demo retention at the support line: a case closed long ago is due; an old case of a
caller with an open safeguarding case, and one of a caller under a legal hold, are shown
as held; the list waits for the data protection officer's confirmation."""

from datetime import date, timedelta

from django.utils import timezone

from casework.models import Consent
from privacy.retention.models import DisposalBatch, LegalHold
from privacy.retention.services import batch_prepare, hold_place
from referrals.models import CaseStatus, SupportCase
from referrals.services.callers import caller_create
from referrals.services.cases import case_create, case_note_add

LONG_AGO = timedelta(days=7 * 366)


def _old_reviewed_case(handler, caller, title: str, note: str) -> SupportCase:
    case = case_create(actor=handler, caller=caller, title=title)
    case_note_add(actor=handler, case=case, text=note)
    SupportCase.objects.filter(pk=case.pk).update(
        status=CaseStatus.REVIEWED, updated_at=timezone.now() - LONG_AGO
    )
    return case


def _caller(handler, first_name: str, last_name: str, phone: str, postcode: str):
    return caller_create(
        actor=handler,
        consent=Consent.GIVEN,
        consent_decided_on=date.today() - LONG_AGO,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        postcode=postcode,
    )


def retention_demo_seed(*, handler, officer) -> None:
    """Idempotent: each part once."""
    if not SupportCase.objects.filter(title="Council tax advice").exists():
        pat = _caller(handler, "Pat", "Oldcastle", "07700 900321", "M1 1AE")
        _old_reviewed_case(handler, pat, "Council tax advice", "Signposted to the council.")
        alex = _caller(handler, "Alex", "Holdsworth", "07700 900654", "M1 2AB")
        _old_reviewed_case(handler, alex, "Energy bills", "Helped with a payment plan.")
        worried = case_create(actor=handler, caller=alex, title="Worried about a child next door")
        SupportCase.objects.filter(pk=worried.pk).update(
            safeguarding_activated=True, safeguarding_reason="Child left alone at night"
        )
    if not LegalHold.objects.exists():
        kit = _caller(handler, "Kit", "Courtney", "07700 900987", "M1 1AE")
        _old_reviewed_case(handler, kit, "Landlord dispute", "Gave the tenancy relations number.")
        hold_place(
            actor=officer, subject=kit, reason="Asked for by the county court (claim M1-2019-044)."
        )
    if not DisposalBatch.objects.exists():
        batch_prepare(actor=officer)
