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
