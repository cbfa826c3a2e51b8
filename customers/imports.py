"""Customers in the Import area (casework.imports offers the registry: it cannot import
us): a borough's residents from its old referral database's customer report, through
customer_create and customer_update, matched to residents already recorded by the one
search (a housing reference, or names with a date of birth, phone or email)."""

from django.core.exceptions import ValidationError

from casework.imports.mapping import import_reason, imported_get, imported_keep
from casework.imports.matching import same_person
from casework.imports.registry import (
    ImportField,
    ImportKind,
    Outcome,
    Preset,
    import_kind_register,
)
from casework.imports.values import date_of, fingerprint
from customers import policy, selectors
from customers.models import Customer
from customers.services.customers import customer_create, customer_update

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
    source_id = values.get("source_id", "")
    if not source_id:
        raise ValidationError({"source_id": "Enter the record's id in the old system."})
    details = {
        "first_name": values.get("first_name", ""),
        "last_name": values.get("last_name", ""),
        "date_of_birth": date_of("date_of_birth", values.get("date_of_birth", "")),
        "postcode": values.get("postcode", ""),
        "phone": values.get("phone", ""),
        "email": values.get("email", ""),
        "housing_reference": values.get("housing_reference", ""),
    }
    digest = fingerprint(values)
    known = imported_get(job=job, record_type="customer", source_id=source_id)
    if known is not None:
        customer = Customer.objects.get(pk=known.object_id)
        if known.fingerprint == digest:
            return Outcome("unchanged", str(customer))
        customer = customer_update(
            actor=actor, customer=customer, reason=import_reason(job), **details
        )
        imported_keep(
            job=job,
            record_type="customer",
            source_id=source_id,
            object_id=customer.pk,
            fingerprint=digest,
            known=known,
        )
        return Outcome("updated", str(customer))
    found, matched_on = same_person(
        selectors.customers_visible_to(user=actor), columns=selectors.CUSTOMERS, **details
    )
    if found is not None:
        imported_keep(
            job=job,
            record_type="customer",
            source_id=source_id,
            object_id=found.pk,
            fingerprint=digest,
        )
        return Outcome("matched", str(found), matched_on)
    customer = customer_create(actor=actor, **details)
    imported_keep(
        job=job,
        record_type="customer",
        source_id=source_id,
        object_id=customer.pk,
        fingerprint=digest,
    )
    return Outcome("created", str(customer))


def register() -> None:
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
