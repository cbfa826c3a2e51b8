"""Creating customers and recording their interest. Each function checks the policy
and writes an audit entry."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from casework.services.contacts import phone_key
from casework.tracking import attributed
from customers import policy
from customers.models import Customer, Interest, NotInterestedReason
from tenants.accounts.services.audit import audit_record
from tenants.postcodes import normalise_postcode

REFERENCE_RE = re.compile(r"^[A-Z0-9][A-Z0-9/_.-]{0,39}$")


def normalise_reference(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


@attributed
def customer_create(
    *,
    actor,
    first_name: str,
    last_name: str,
    date_of_birth: date | None = None,
    postcode: str = "",
    phone: str = "",
    email: str = "",
    housing_reference: str = "",
) -> Customer:
    policy.check_work_with_customers(actor)
    errors = {}
    if not first_name.strip():
        errors["first_name"] = "Enter the first name."
    if not last_name.strip():
        errors["last_name"] = "Enter the last name."
    if date_of_birth and date_of_birth > date.today():
        errors["date_of_birth"] = "The date of birth cannot be in the future."
    if postcode.strip():
        try:
            postcode = normalise_postcode(postcode)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if email.strip():
        try:
            validate_email(email.strip())
        except ValidationError:
            errors["email"] = f"“{email}” is not an email address (for example name@example.org)."
    reference = normalise_reference(housing_reference)
    if reference and not REFERENCE_RE.match(reference):
        errors["housing_reference"] = (
            "A housing reference is up to 40 letters, digits, slashes, dots, hyphens or "
            "underscores."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if reference:
            existing = Customer.objects.select_for_update().filter(housing_reference=reference)
            if existing.exists():
                raise ValidationError(
                    {
                        "housing_reference": f"{existing.first()} already has the housing "
                        f"reference {reference}: open their record instead."
                    }
                )
        customer = Customer.objects.create(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            date_of_birth=date_of_birth,
            postcode=postcode.strip(),
            phone=phone.strip(),
            phone_digits=phone_key(phone),
            email=email.strip(),
            housing_reference=reference,
            created_by=actor,
        )
        audit_record(actor=actor, action="customer.create", detail=f"customer {customer.public_id}")
    return customer


@attributed
def customer_record_interest(
    *,
    actor,
    customer: Customer,
    interest: str,
    on: date | None,
    reasons: list[NotInterestedReason] | None = None,
    other: str = "",
) -> Customer:
    """Interested, or not interested with at least one reason from the list or "other"
    with its text. Asked again, the new answer replaces the old one."""
    policy.check_work_with_customers(actor)
    reasons, other = list(reasons or []), other.strip()
    errors = {}
    if interest not in (Interest.INTERESTED, Interest.NOT_INTERESTED):
        errors["interest"] = "Choose interested or not interested."
    if not on:
        errors["on"] = "Enter the date they were asked."
    elif on > date.today():
        errors["on"] = "The date they were asked cannot be in the future."
    if interest == Interest.NOT_INTERESTED and not reasons and not other:
        errors["reasons"] = "Choose at least one reason, or give another reason in “Other”."
    if any(not r.is_active for r in reasons):
        errors["reasons"] = "Choose reasons from the list."
    if len(other) > 300:
        errors["other"] = "Keep the other reason to 300 characters or fewer."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=customer.pk)
        customer.interest = interest
        customer.interest_recorded_on = on
        customer.not_interested_other = other if interest == Interest.NOT_INTERESTED else ""
        customer.save(update_fields=["interest", "interest_recorded_on", "not_interested_other"])
        customer.not_interested_reasons.set(reasons if interest == Interest.NOT_INTERESTED else [])
        audit_record(
            actor=actor,
            action="customer.interest",
            detail=f"customer {customer.public_id}: {interest}",
        )
    return customer


def reason_add(*, actor, name: str) -> NotInterestedReason:
    policy.check_keep_reasons(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter the reason."})
    if len(name) > 120:
        raise ValidationError({"name": "Keep the reason to 120 characters or fewer."})
    with transaction.atomic():
        existing = NotInterestedReason.objects.select_for_update().filter(name__iexact=name).first()
        if existing and existing.is_active:
            raise ValidationError({"name": f"“{existing.name}” is already on the list."})
        if existing:  # a retired reason comes back rather than a near-duplicate
            existing.is_active = True
            existing.save(update_fields=["is_active"])
            reason = existing
        else:
            reason = NotInterestedReason.objects.create(name=name)
        audit_record(actor=actor, action="customer.reason_add", detail=reason.name)
    return reason


def reason_retire(*, actor, reason: NotInterestedReason) -> NotInterestedReason:
    """Taken off the list for new answers; past answers keep it."""
    policy.check_keep_reasons(actor)
    with transaction.atomic():
        reason = NotInterestedReason.objects.select_for_update().get(pk=reason.pk)
        reason.is_active = False
        reason.save(update_fields=["is_active"])
        audit_record(actor=actor, action="customer.reason_retire", detail=reason.name)
    return reason
