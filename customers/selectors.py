"""Reads of customers, scoped to the user: all of a partner's referring staff see its
customers; nobody else sees any."""

from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from casework.access import policy as access_policy
from casework.people_search import Columns, people_matching, read_query, typed_fields
from customers import policy
from customers.models import Customer, NotInterestedReason
from referrals.types import EMPLOYMENT_SUPPORT


def customers_visible_to(*, user) -> QuerySet[Customer]:
    if not policy.can_work_with_customers(user):
        return Customer.objects.none()
    # Not a stub merged into another record (customers.services.duplicates): its pages lead there.
    return Customer.objects.filter(removed_at__isnull=True)


def customer_get(*, user, public_id) -> Customer | None:
    try:
        return customers_visible_to(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def customer_for_who_looked(*, user, public_id) -> Customer | None:
    """A customer, for whom may see who looked at them (casework.access.policy)."""
    if not access_policy.can_see_who_looked(user):
        return None
    try:
        return Customer.objects.filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def customer_history(*, user, public_id, page=1):
    """(customer, a page of history) or None, for whoever may see the customer: their
    details and answers, the reasons they gave, the referrals sent for them and merges
    with a duplicate record (either side: who merged, when and why)."""
    from casework.history import events_page, history_of
    from customers.models import (
        CustomerEvent,
        CustomerMergeEvent,
        CustomerReasonEvent,
        CustomerReferralEvent,
    )

    customer = customer_get(user=user, public_id=public_id)
    if customer is None:
        return None
    events = history_of(
        CustomerEvent,
        CustomerReasonEvent,
        CustomerReferralEvent,
        CustomerMergeEvent,
        references=customer,
    ).filter(
        Q(pgh_model="customers.CustomerEvent", pgh_obj_id=str(customer.pk))
        | Q(pgh_model="customers.CustomerReasonEvent", pgh_data__customer_id=customer.pk)
        | Q(pgh_model="customers.CustomerReferralEvent", pgh_data__customer_id=customer.pk)
        | Q(pgh_model="customers.CustomerMergeEvent")
    )
    return customer, events_page(events, number=page)


# The one search (casework.people_search) over a borough's customers.
CUSTOMERS = Columns(
    postcode="postcode", reference="housing_reference", sound_indexed_table="customers_customer"
)


def customers_search(*, user, query: str, limit: int = 50):
    """The Customers list: every customer when nothing is typed; otherwise the one search
    (a name with typos, housing reference, date of birth, phone, postcode, email), best
    first, each saying what matched (`matched`)."""
    if len(query.strip()) < 2:
        return customers_visible_to(user=user)
    return [customer for customer, _ in customer_search(user=user, query=query, limit=limit)]


def customer_search(*, user, query: str, limit: int = 20) -> list[tuple[Customer, list[str]]]:
    """One search box over customers, with what matched."""
    return people_matching(
        customers_visible_to(user=user),
        read_query(query, references=True),
        columns=CUSTOMERS,
        limit=limit,
    )


def customer_matches(
    *,
    user,
    first_name="",
    last_name="",
    date_of_birth=None,
    postcode="",
    phone="",
    email="",
    housing_reference="",
    limit=10,
) -> list[tuple[Customer, list[str]]]:
    """Find before create: who this might already be, and why (the one search)."""
    typed = typed_fields(
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        postcode=postcode,
        phone=phone,
        email=email,
        housing_reference=housing_reference,
    )
    return people_matching(customers_visible_to(user=user), typed, columns=CUSTOMERS, limit=limit)


def reasons_offered() -> QuerySet[NotInterestedReason]:
    return NotInterestedReason.objects.filter(is_active=True)


def reasons_kept() -> QuerySet[NotInterestedReason]:
    """Every reason, offered or taken off the list (what their keeper sees)."""
    return NotInterestedReason.objects.all()


def reason_get(*, pk: str) -> NotInterestedReason | None:
    """One reason by the row id the list's form sends; None for anything else."""
    return NotInterestedReason.objects.filter(pk=pk).first() if pk.isdigit() else None


# --- The journey after a referral ---


def customer_journey(*, user, customer: Customer) -> list:
    """Borough side: the customer's referrals with every step the exchange copied back
    (the provider's own records stay with the provider)."""
    from django.db.models import Prefetch

    from customers.models import OutcomeStep
    from referrals.models import Referral, ReferralEvent

    if not policy.can_work_with_customers(user):
        return []
    return list(
        Referral.objects.filter(direction="sent", customer_link__customer=customer)
        .prefetch_related(
            Prefetch("events", queryset=ReferralEvent.objects.order_by("at", "id")),
            Prefetch(
                "outcome_steps",
                queryset=OutcomeStep.objects.order_by("on", "id").prefetch_related("corrections"),
            ),
        )
        .order_by("-sent_at")
    )


def providers_for(*, customer: Customer):
    """Providers the directory offers for employment support in the customer's area."""
    from referrals.selectors_directory import directory_matches
    from referrals.services.exchange.common import current_partner
    from referrals.services.exchange.sending import postcode_area

    district, region = postcode_area(customer.postcode)
    entries = directory_matches(
        referral_type=EMPLOYMENT_SUPPORT,
        region=region,
        district=district,
        sender=current_partner(),
    )
    providers = []
    for entry in entries:
        # What the refer screen says of its capacity ("waiting list of about 3 weeks").
        entry.partner.wait_words = entry.wait_words
        providers.append(entry.partner)
    return providers


def why_no_providers(*, customer: Customer) -> tuple[str, str]:
    """Why the directory offers no provider for a customer, in the officer's words, and
    what would fix it: "postcode" (the customer's postcode: missing, or in no known
    area) or "directory" (no provider covers a known area: not the officer's to change)."""
    from referrals.services.exchange.sending import postcode_area
    from tenants.models import Region

    district, region = postcode_area(customer.postcode)
    what = "No provider takes employment support referrals"
    if not customer.postcode:
        return f"{what} for a customer with no postcode on their record.", "postcode"
    if not region:
        return f"{what} for {district} (area unknown).", "postcode"
    return (
        f"{what} for {district} ({Region(region).label}) at the moment, or none has a "
        "data-sharing agreement with us for them.",
        "directory",
    )


def journeys_received_visible_to(*, user):
    """Provider side: received employment support referrals, for advisers and managers."""
    from referrals.models import Referral

    if not policy.can_record_outcomes(user):
        return Referral.objects.none()
    return Referral.objects.filter(direction="received", referral_type=EMPLOYMENT_SUPPORT)


def journey_received_get(*, user, public_id):
    try:
        return journeys_received_visible_to(user=user).filter(public_id=public_id).first()
    except (ValueError, TypeError, ValidationError):
        return None


def appointments_visible_to(*, user):
    """Provider side: appointments of the received referrals the user works. They stay
    with the provider: the referring borough sees them as events of its own copy."""
    from customers.models import Appointment

    if not policy.can_record_outcomes(user):
        return Appointment.objects.none()
    return Appointment.objects.filter(referral__in=journeys_received_visible_to(user=user))


def appointment_get(*, user, public_id):
    try:
        return (
            appointments_visible_to(user=user)
            .filter(public_id=public_id)
            .select_related("referral")
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def outcome_steps_visible_to(*, user):
    """Checklist steps: the provider's advisers on the referrals they received; the
    borough's referring staff on the copies of their customers' referrals (what the
    exchange copied back, shown on the customer's journey)."""
    from customers.models import OutcomeStep
    from referrals.models import Direction

    visible = []
    if policy.can_record_outcomes(user):
        visible.append(Q(referral__in=journeys_received_visible_to(user=user)))
    if policy.can_work_with_customers(user):
        visible.append(Q(referral__direction=Direction.SENT, referral__customer_link__isnull=False))
    if not visible:
        return OutcomeStep.objects.none()
    return OutcomeStep.objects.filter(reduce(or_, visible))


def outcome_step_to_correct(*, user, public_id):
    """A step on a referral the user's provider received (only the provider corrects)."""
    from django.core.exceptions import ValidationError

    if not policy.can_record_outcomes(user):
        return None
    received = journeys_received_visible_to(user=user)
    try:
        return (
            outcome_steps_visible_to(user=user)
            .filter(referral__in=received, public_id=public_id)
            .select_related("referral")
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def customer_referrals_visible_to(*, user):
    """Which referral of which customer: for the customer's journey."""
    from customers.models import CustomerReferral

    if not policy.can_work_with_customers(user):
        return CustomerReferral.objects.none()
    return CustomerReferral.objects.filter(referral__direction="sent")


def advisers_offered():
    from referrals import notify
    from tenants.accounts import capabilities as cap

    return list(notify.users_with(cap.RECORD_OUTCOMES))


def advisers_offered_to(*, user) -> list:
    """The advisers a booking may name, for those who book."""
    return advisers_offered() if policy.can_record_outcomes(user) else []
