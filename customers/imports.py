"""Customers in the Import area (casework.imports offers the registry: it cannot import
us): a borough's residents from its old referral database's customer report, through
customer_create and customer_update, matched to residents already recorded by the one
search (a housing reference, or names with a date of birth, phone or email). A provider's
appointments are customers.appointment_imports'."""

from casework.imports.mapping import imported_upsert, source_id_of
from casework.imports.matching import matched
from casework.imports.registry import (
    ImportField,
    ImportKind,
    Outcome,
    Preset,
    import_kind_register,
)
from casework.imports.values import date_of
from customers import policy, selectors
from customers.appointment_imports import APPOINTMENTS
from customers.models import Customer
from customers.services.customers import customer_create, customer_update
from customers.services.duplicates import CUSTOMERS

CUSTOMER_FIELDS = (
    ImportField("source_id", "Id in the old system", required=True),
    ImportField("first_name", "First name", required=True),
    ImportField("last_name", "Last name", required=True),
    ImportField("date_of_birth", "Date of birth"),
    ImportField("postcode", "Postcode"),
    ImportField("phone", "Phone"),
    ImportField("email", "Email"),
    ImportField("housing_reference", "Housing reference"),
)


def customer_row_import(*, actor, values: dict, job) -> Outcome:
    source_id_of(values)
    details = {
        "first_name": values.get("first_name", ""),
        "last_name": values.get("last_name", ""),
        "date_of_birth": date_of("date_of_birth", values.get("date_of_birth", "")),
        "postcode": values.get("postcode", ""),
        "phone": values.get("phone", ""),
        "email": values.get("email", ""),
        "housing_reference": values.get("housing_reference", ""),
    }

    def update(customer, reason):
        return customer_update(actor=actor, customer=customer, reason=reason, **details)

    def create():
        found = matched(
            selectors.customers_visible_to(user=actor), columns=selectors.CUSTOMERS, **details
        )
        if found is not None:
            return found
        customer = customer_create(actor=actor, **details)
        return customer, Outcome("created", str(customer))

    return imported_upsert(
        job=job,
        record_type="customer",
        values=values,
        records=Customer.objects,
        update=update,
        create=create,
        kind=CUSTOMERS,
    )


def register() -> None:
    import_kind_register(APPOINTMENTS)
    import_kind_register(
        ImportKind(
            key="customers",
            label="Customers",
            fields=CUSTOMER_FIELDS,
            presets=(
                Preset(
                    "HELP database",
                    "customer report",
                    {
                        "Customer ID": "source_id",
                        "Forename": "first_name",
                        "Surname": "last_name",
                        "Date of Birth": "date_of_birth",
                        "Postcode": "postcode",
                        "Telephone": "phone",
                        "Email": "email",
                        "Housing Reference": "housing_reference",
                    },
                ),
            ),
            row_import=customer_row_import,
            allowed=policy.can_work_with_customers,
            order=50,
        )
    )
