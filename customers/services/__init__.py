"""Writes for a borough's customers. The rules live in the modules below; this package
re-exports the public names so `from customers.services import customer_create` works:

- `customers`: creating customers, correcting their details, recording their interest;
- `reasons`: the list of reasons for not being interested;
- `appointments`, `outcomes`, `referring`, `both_sides`: the employment support journey
  (import those from their modules).
"""

from customers.services.customers import (
    CUSTOMER_DETAILS,
    REFERENCE_RE,
    customer_create,
    customer_record_interest,
    customer_update,
)
from customers.services.reasons import reason_add, reason_retire

__all__ = [
    "CUSTOMER_DETAILS",
    "REFERENCE_RE",
    "customer_create",
    "customer_record_interest",
    "customer_update",
    "reason_add",
    "reason_retire",
]
