"""Who may see and change customers: the borough's (and provider's) staff who refer
residents. The reasons list is kept by those who also see all casework (champions,
provider managers)."""

from django.core.exceptions import PermissionDenied

from tenants.accounts import capabilities as cap


class CustomersRefused(PermissionDenied):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def can_work_with_customers(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(cap.REFER_CUSTOMERS)


def check_work_with_customers(user) -> None:
    if not can_work_with_customers(user):
        raise CustomersRefused("Your role does not include working with customers.")


def can_keep_reasons(user) -> bool:
    return can_work_with_customers(user) and user.has_perm(cap.VIEW_ALL_CASEWORK)


def check_keep_reasons(user) -> None:
    if not can_keep_reasons(user):
        raise CustomersRefused("Only a champion or manager keeps the list of reasons.")


def can_review_duplicates(user) -> bool:
    """Likely duplicate customers (side by side), merging them and undoing a merge: the
    borough's champion or manager, who sees every customer and their referrals."""
    return can_keep_reasons(user)


def check_review_duplicates(user) -> None:
    if not can_review_duplicates(user):
        raise CustomersRefused("Only a champion or manager reviews and merges duplicate customers.")


def can_refer_customers(user) -> bool:
    """Sending a customer to a provider: the borough's referring officers."""
    return can_work_with_customers(user)


def can_record_outcomes(user) -> bool:
    """Booking appointments, recording their status and the outcome checklist: the
    provider's advisers and managers."""
    return user.is_authenticated and user.is_active and user.has_perm(cap.RECORD_OUTCOMES)


def check_record_outcomes(user) -> None:
    if not can_record_outcomes(user):
        raise CustomersRefused("Your role does not include recording appointments and outcomes.")


def can_correct_outcome_step(user, step) -> bool:
    """The provider's advisers and managers, on the copy their partner received."""
    return can_record_outcomes(user) and step.referral.direction == "received"


# Corrections that matter: who the person is. Changing one that was already recorded
# needs a reason, kept on the change history.
IDENTITY = {"first_name": "first name", "last_name": "last name", "date_of_birth": "date of birth"}


def customer_change_needs_reason(customer, changes: dict) -> list[str]:
    """The labels of the changes that must be explained (empty when none)."""
    return [
        label
        for name, label in IDENTITY.items()
        if name in changes
        and getattr(customer, name) not in (None, "")
        and changes[name] != getattr(customer, name)
    ]


def reason_missing(labels: list[str], reason: str) -> dict:
    """The refusal when a change that matters comes without its reason."""
    if not labels or (reason or "").strip():
        return {}
    return {"reason": f"Say why the {' and '.join(labels)} changed: it is kept with the change."}


def appointment_change_refusal(appointment, today) -> dict:
    """An appointment's details (date, time, adviser, place) may be corrected until the
    day before it; from the day on, what happened is recorded instead. {} when allowed."""
    if appointment.status != "booked":
        return {
            "status": f"This appointment is {appointment.get_status_display().lower()}: "
            "its details cannot be changed."
        }
    if appointment.on <= today:
        when = "today" if appointment.on == today else f"on {appointment.on:%d/%m/%Y}"
        return {
            "on": f"The appointment is {when}: its details cannot be changed on or after "
            "the day. Record what happened (rescheduled, cancelled) instead."
        }
    return {}
