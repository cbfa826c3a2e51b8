"""Writing a journey step on both copies of a referral, through the exchange's lifecycle
(referrals.services.exchange.lifecycle.referral_step, which locks the copies and writes
each side's event): the provider's copy and the referring borough's, in one
transaction, so the officer sees every step on the customer's record and nothing else
of the provider's. What is the journey's own: its audit name, the officers' notice and
how the referral's status follows the journey (journey_moves)."""

from collections.abc import Callable

from django.urls import reverse

from customers.models import CustomerReferral
from referrals import notify
from referrals.models import Direction, Referral, ReferralStatus
from referrals.services.exchange.lifecycle import referral_step
from referrals.types import EMPLOYMENT_SUPPORT as EMPLOYMENT_SUPPORT  # re-exported
from tenants.accounts import capabilities as cap

S = ReferralStatus


def on_both_sides(
    *,
    actor,
    referral: Referral,
    action: str,
    detail: str,
    check: Callable[[Referral], None] | None = None,
    write: Callable[[Referral], None] | None = None,
    moves: Callable[[Referral], tuple[str, dict] | None] | None = None,
) -> None:
    """Lock both copies (the exchange's order), run check on our own copy (it raises to
    refuse, before anything is written), then write an event and whatever write adds on
    each side, move both copies' status when moves says so, audit our side and tell the
    referring officers."""

    def tell(copy: Referral) -> None:
        if copy.direction == Direction.SENT:
            _tell_officers(copy, f"{action.capitalize()}: {detail}"[:200])

    referral_step(
        actor=actor,
        referral=referral,
        action=action,
        detail=detail,
        check=check,
        write=write,
        moves=moves,
        tell=tell,
        audit_as="journey",
    )


def journey_moves(referral: Referral, *, booked=False, started=False, ended: str = ""):
    """The referral's status, following the journey (the same on both copies): a booked
    appointment answers the referral (sent → accepted), the first attendance starts the
    work (→ in progress), and the last step or a cancellation that leaves nothing booked
    closes it with its outcome. None when the status stays."""
    if referral.status not in (S.SENT, S.ACCEPTED, S.IN_PROGRESS):
        return None
    if ended:
        return S.CLOSED, {"outcome": ended[:2000]}
    if started and referral.status != S.IN_PROGRESS:
        return S.IN_PROGRESS, {}
    if booked and referral.status == S.SENT:
        return S.ACCEPTED, {}
    return None


def _tell_officers(sent: Referral, title: str) -> None:
    link = CustomerReferral.objects.filter(referral=sent).select_related("customer").first()
    url = (
        reverse("customer_detail", kwargs={"public_id": link.customer.public_id})
        if link
        else reverse("referral_sent", kwargs={"public_id": sent.public_id})
    )
    notify.notify(
        recipients=list(notify.users_with(cap.REFER_CUSTOMERS)),
        title=f"{sent.other_partner_name}: {title}",
        link_url=url,
    )
