"""Creating customers, correcting their details and recording their interest. Each
function checks the policy and writes an audit entry."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from casework.services.contacts import phone_key
from casework.tracking import attributed
from customers import policy
from customers.models import Customer, Interest, NotInterestedReason, normalise_reference
from tenants.accounts.services.audit import audit_record
from tenants.postcodes import normalise_postcode

REFERENCE_RE = re.compile(r"^[A-Z0-9][A-Z0-9/_.-]{0,39}$")


CUSTOMER_DETAILS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "postcode",
    "phone",
    "email",
    "housing_reference",
)


def _customer_clean(values: dict) -> tuple[dict, dict]:
    """(cleaned values, errors naming the field) for a customer's details as they will be
    saved: one rule for creating and changing."""
    errors, cleaned = {}, {}
    for name in ("first_name", "last_name", "postcode", "phone", "email"):
        cleaned[name] = (values.get(name) or "").strip()
    if not cleaned["first_name"]:
        errors["first_name"] = "Enter the first name."
    if not cleaned["last_name"]:
        errors["last_name"] = "Enter the last name."
    for name, limit in (("first_name", 100), ("last_name", 100), ("phone", 40)):
        if len(cleaned[name]) > limit:
            errors[name] = f"Keep it to {limit} characters or fewer."
    date_of_birth = values.get("date_of_birth")
    if date_of_birth and date_of_birth > date.today():
        errors["date_of_birth"] = "The date of birth cannot be in the future."
    cleaned["date_of_birth"] = date_of_birth or None
    if cleaned["postcode"]:
        try:
            cleaned["postcode"] = normalise_postcode(cleaned["postcode"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if cleaned["email"]:
        try:
            validate_email(cleaned["email"])
        except ValidationError:
            errors["email"] = (
                f"“{cleaned['email']}” is not an email address (for example name@example.org)."
            )
    reference = normalise_reference(values.get("housing_reference") or "")
    if reference and not REFERENCE_RE.match(reference):
        errors["housing_reference"] = (
            "A housing reference is up to 40 letters, digits, slashes, dots, hyphens or "
            "underscores."
        )
    cleaned["housing_reference"] = reference
    return cleaned, errors


def _check_reference_free(reference: str, *, other_than: Customer | None = None) -> None:
    """One resident, one record: a housing reference names one customer (locks the match)."""
    if not reference:
        return
    # A stub merged into another record keeps its reference without holding it.
    existing = Customer.objects.select_for_update().filter(
        housing_reference=reference, removed_at__isnull=True
    )
    if other_than is not None:
        existing = existing.exclude(pk=other_than.pk)
    holder = existing.first()
    if holder is not None:
        raise ValidationError(
            {
                "housing_reference": f"{holder} already has the housing reference "
                f"{reference}: open their record instead."
            }
        )


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
    cleaned, errors = _customer_clean(
        {
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": date_of_birth,
            "postcode": postcode,
            "phone": phone,
            "email": email,
            "housing_reference": housing_reference,
        }
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _check_reference_free(cleaned["housing_reference"])
        customer = Customer.objects.create(
            **cleaned, phone_digits=phone_key(cleaned["phone"]), created_by=actor
        )
        audit_record(actor=actor, action="customer.create", detail=f"customer {customer.public_id}")
    return customer


@attributed
def customer_update(*, actor, customer: Customer, reason: str = "", **changes) -> Customer:
    """Correct a customer's details. Only the fields given change; the whole record is
    checked as it will be saved; a changed name or date of birth needs a reason."""
    policy.check_work_with_customers(actor)
    unknown = set(changes) - set(CUSTOMER_DETAILS)
    if unknown:
        raise ValidationError({name: "This detail cannot be changed here." for name in unknown})
    with transaction.atomic():
        customer = Customer.objects.select_for_update().get(pk=customer.pk)
        current = {name: getattr(customer, name) for name in CUSTOMER_DETAILS}
        cleaned, errors = _customer_clean(current | changes)
        changed = {name: value for name, value in cleaned.items() if value != current[name]}
        errors |= policy.reason_missing(
            policy.customer_change_needs_reason(customer, changed), reason
        )
        if errors:
            raise ValidationError(errors)
        if not changed:
            return customer
        if "housing_reference" in changed:
            _check_reference_free(changed["housing_reference"], other_than=customer)
        for name, value in changed.items():
            setattr(customer, name, value)
        customer.phone_digits = phone_key(customer.phone)
        try:
            with transaction.atomic():  # a reference taken at the same moment elsewhere
                customer.save()
        except IntegrityError:
            raise ValidationError(
                {
                    "housing_reference": f"Another customer already has the housing "
                    f"reference {customer.housing_reference}: open their record instead."
                }
            ) from None
        audit_record(
            actor=actor,
            action="customer.update",
            detail=f"customer {customer.public_id}: {', '.join(sorted(changed))}",
        )
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
    reason: str = "",
) -> Customer:
    """Interested, or not interested with at least one reason from the list or "other"
    with its text. Asked again, or corrected, the new answer replaces the old one (the
    old one stays on the History tab, with `reason` when it was a correction)."""
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
