"""Casework's own kinds of import: contacts with their households, engagements,
deliveries and consultations. Each row goes through the services the screens use (contact_create,
engagement_open, delivery_create and their *_update), so a refused row gives the
screens' own messages, and every change is attributed to the person who ran the import,
with the import named as its reason."""

from casework import policy
from casework.imports.bulk_contacts import contacts_import_batch
from casework.imports.bulk_deliveries import deliveries_import_batch
from casework.imports.bulk_engagements import engagements_import_batch
from casework.imports.kinds_consultations import CONSULTATION_FIELDS, consultation_row_import
from casework.imports.kinds_contacts import CONTACT_FIELDS, contact_row_import
from casework.imports.kinds_engagements import (
    DELIVERY_FIELDS,
    ENGAGEMENT_FIELDS,
    delivery_row_import,
    engagement_row_import,
)
from casework.imports.registry import ImportKind, Preset, import_kind_register

SALESFORCE = "Salesforce"
DYNAMICS = "Dynamics 365"


def _keeps_casework(user) -> bool:
    """Casework's records are imported where a programme catalogue is kept (family
    centres: their managers and champions), not at a support line or a borough."""
    return policy.can_manage_programmes(user)


def register() -> None:
    import_kind_register(
        ImportKind(
            key="contacts",
            label="Contacts and households",
            fields=CONTACT_FIELDS,
            presets=(
                Preset(
                    SALESFORCE,
                    "NPSP contacts report",
                    {
                        "Contact ID": "source_id",
                        "Account ID": "household_source_id",
                        "First Name": "first_name",
                        "Last Name": "last_name",
                        "Birthdate": "date_of_birth",
                        "Contact Type": "kind",
                        "Phone": "phone",
                        "Email": "email",
                        "Mailing Street": "address_line_1",
                        "Mailing City": "town",
                        "Mailing Zip/Postal Code": "postcode",
                    },
                ),
                Preset(
                    DYNAMICS,
                    "contacts export",
                    {
                        "(Do Not Modify) Contact": "source_id",
                        "First Name": "first_name",
                        "Last Name": "last_name",
                        "Birthday": "date_of_birth",
                        "Mobile Phone": "phone",
                        "Email": "email",
                        "Address 1: Street 1": "address_line_1",
                        "Address 1: Street 2": "address_line_2",
                        "Address 1: City": "town",
                        "Address 1: ZIP/Postal Code": "postcode",
                    },
                ),
            ),
            row_import=contact_row_import,
            batch_import=contacts_import_batch,
            allowed=_keeps_casework,
            order=10,
        )
    )
    import_kind_register(
        ImportKind(
            key="engagements",
            label="Engagements",
            fields=ENGAGEMENT_FIELDS,
            presets=(
                Preset(
                    SALESFORCE,
                    "Program Management Module engagements",
                    {
                        "Program Engagement ID": "source_id",
                        "Contact ID": "contact_source_id",
                        "Program": "programme",
                        "Start Date": "start_date",
                        "Stage": "stage",
                        "End Date": "closed_on",
                        "Application Date": "referral_date",
                    },
                ),
            ),
            row_import=engagement_row_import,
            batch_import=engagements_import_batch,
            allowed=_keeps_casework,
            order=20,
        )
    )
    import_kind_register(
        ImportKind(
            key="deliveries",
            label="Deliveries",
            fields=DELIVERY_FIELDS,
            presets=(
                Preset(
                    SALESFORCE,
                    "Program Management Module service deliveries",
                    {
                        "Service Delivery ID": "source_id",
                        "Program Engagement ID": "engagement_source_id",
                        "Service": "service",
                        "Delivery Date": "date",
                        "Attendance Status": "attendance",
                        "Quantity": "quantity",
                        "Comments": "summary",
                    },
                ),
            ),
            row_import=delivery_row_import,
            batch_import=deliveries_import_batch,
            allowed=_keeps_casework,
            order=30,
        )
    )
    import_kind_register(
        ImportKind(
            key="consultations",
            label="Consultations",
            fields=CONSULTATION_FIELDS,
            # No known export keeps them: columns are chosen on the columns form.
            presets=(),
            row_import=consultation_row_import,
            allowed=_keeps_casework,
            order=35,
        )
    )
