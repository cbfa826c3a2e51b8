"""Customers in the header's search (casework.header_search): a borough's housing
officers find a customer by name (typos too), housing reference, phone, postcode, date
of birth or email, as in the Customers list."""

from django.urls import reverse

from casework.header_search import Found, Section
from customers import policy, selectors


def customers_found(*, user, query: str) -> Section | None:
    if not policy.can_work_with_customers(user):
        return None  # no Customers heading for those who never see any
    found = selectors.customer_search(user=user, query=query) if len(query.strip()) >= 2 else []
    return Section(
        title="Customers",
        key="customers",
        found=[
            Found(
                name=f"{customer.first_name} {customer.last_name}",
                url=reverse("customer_detail", args=[customer.public_id]),
                details=", ".join(
                    part
                    for part in (
                        customer.housing_reference,
                        f"born {customer.date_of_birth:%-d %b %Y}"
                        if customer.date_of_birth
                        else "",
                    )
                    if part
                ),
                matched=reasons,
            )
            for customer, reasons in found
        ],
        none_found="No customers found.",
    )
