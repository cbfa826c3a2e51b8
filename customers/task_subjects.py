"""Customers as things a task can be about (see casework.worklist.subjects)."""

from django.urls import reverse

from casework.worklist.subjects import TaskSubject, person_initials, register
from customers import selectors
from customers.models import Customer


def customer_words(customer: Customer) -> str:
    reference = customer.housing_reference or "Customer"
    return f"{reference} ({person_initials(customer)})"


def register_subjects() -> None:
    register(
        TaskSubject(
            kind="customer",
            model=Customer,
            type_name="Customer",
            label="customer",
            find=lambda user, public_id: selectors.customer_get(user=user, public_id=public_id),
            describe=customer_words,
            url=lambda c: reverse("customer_detail", args=[c.public_id]),
        )
    )
