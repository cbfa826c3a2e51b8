"""Writing a journey step on both copies of a referral, through the exchange: the
provider's copy and the referring borough's, in one transaction, each with its event,
so the officer sees every step on the customer's record and nothing else of the
provider's."""

from collections.abc import Callable

from django.db import transaction
from django.urls import reverse

from customers.models import CustomerReferral
from referrals import notify
from referrals.models import Direction, Referral, ReferralEvent
from referrals.services.exchange.common import current_partner, in_schema
from tenants.accounts import capabilities as cap
from tenants.accounts.services.audit import audit_record
from tenants.models import Partner

EMPLOYMENT_SUPPORT = "employment-support"


def on_both_sides(
    *,
    actor,
    referral: Referral,
    action: str,
    detail: str,
    check: Callable[[Referral], None] | None = None,
    write: Callable[[Referral], None] | None = None,
) -> None:
    """Lock both copies (the sender's first, as the exchange does), run check on our own
    copy (it raises to refuse, before anything is written), then write an event and
    whatever write adds on each side, audit our side and tell the referring officers."""
    me = current_partner()
    other = Partner.objects.get(pk=referral.other_partner_id)
    if referral.direction == Direction.SENT:
        schemas = (me.schema_name, other.schema_name)
    else:
        schemas = (other.schema_name, me.schema_name)
    with transaction.atomic():
        copies = {}
        for schema in schemas:
            with in_schema(schema):
                copies[schema] = Referral.objects.select_for_update().get(
                    public_id=referral.public_id
                )
        if check is not None:
            check(copies[me.schema_name])
        for schema, copy in copies.items():
            with in_schema(schema):
                ReferralEvent.objects.create(
                    referral=copy,
                    action=action,
                    partner_name=me.name,
                    by_name=actor.get_full_name(),
                    detail=detail,
                )
                if write is not None:
                    write(copy)
                if schema == me.schema_name:
                    audit_record(
                        actor=actor,
                        action=f"journey.{action.replace(' ', '_')}",
                        detail=f"referral {copy.public_id}: {detail}"[:300],
                    )
                elif copy.direction == Direction.SENT:
                    _tell_officers(copy, f"{action.capitalize()}: {detail}"[:200])


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
