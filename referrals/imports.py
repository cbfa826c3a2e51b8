"""Callers and their support cases in the Import area (casework.imports offers the
registry: it cannot import us): a support line's old Dynamics 365 database's contacts and
cases, through caller_create, caller_update and case_create, under the same consent
rules as a call (without consent given, no name is kept: such a row is refused with the
call screen's message)."""

from django.core.exceptions import ValidationError

from casework import selectors as casework_selectors
from casework.duplicates.contacts import CONTACTS as CONTACT_RECORDS
from casework.imports.mapping import (
    imported_get,
    imported_object,
    imported_upsert,
    source_id_of,
    update_through,
)
from casework.imports.matching import matched
from casework.imports.registry import (
    ImportField,
    ImportKind,
    Outcome,
    Preset,
    import_kind_register,
)
from casework.imports.values import all_errors, choice_of, date_of
from casework.models import Consent, Contact
from casework.people_search import CONTACTS
from referrals import policy
from referrals.models import SupportCase
from referrals.services.callers import caller_create, caller_update
from referrals.services.cases import case_create

DYNAMICS = "Dynamics 365"
CALLER_FIELDS = (
    ImportField("source_id", "Id in the old system", required=True),
    ImportField("consent", "Consent (given, refused or not asked)"),
    ImportField("consent_decided_on", "Consent date"),
    ImportField("first_name", "First name"),
    ImportField("last_name", "Last name"),
    ImportField("phone", "Phone"),
    ImportField("email", "Email"),
    ImportField("postcode", "Postcode"),
    ImportField("postcode_district", "Postcode district"),
)
CONSENT_WORDS = {
    "given": Consent.GIVEN,
    "yes": Consent.GIVEN,
    "refused": Consent.REFUSED,
    "no": Consent.REFUSED,
    "not asked": Consent.NOT_REQUESTED,
    "not requested": Consent.NOT_REQUESTED,
}


def caller_row_import(*, actor, values: dict, job) -> Outcome:
    source_id_of(values)
    consent, decided = all_errors(
        lambda: choice_of(
            "consent", values.get("consent", ""), CONSENT_WORDS, Consent.NOT_REQUESTED
        ),
        lambda: date_of("consent_decided_on", values.get("consent_decided_on", "")),
    )
    details = {
        key: values.get(key, "")
        for key in ("first_name", "last_name", "phone", "email", "postcode", "postcode_district")
    } | {"consent": consent, "consent_decided_on": decided}

    def create():
        if consent == Consent.GIVEN:
            typed = ("first_name", "last_name", "postcode", "phone", "email")
            found = matched(
                casework_selectors.contacts_visible_to(user=actor),
                columns=CONTACTS,
                label=lambda caller: caller.display_name,
                **{key: details[key] for key in typed},
            )
            if found is not None:
                return found
        caller = caller_create(actor=actor, **details)
        return caller, Outcome("created", caller.display_name)

    return imported_upsert(
        job=job,
        record_type="contact",
        values=values,
        records=Contact.objects,
        update=update_through(caller_update, actor=actor, keyword="contact", wanted=details),
        create=create,
        label=lambda caller: caller.display_name,
        kind=CONTACT_RECORDS,
    )


CASE_FIELDS = (
    ImportField("source_id", "Id in the old system", required=True),
    ImportField("caller_source_id", "Caller's id in the old system", required=True),
    ImportField("title", "Title", required=True),
)


def case_row_import(*, actor, values: dict, job) -> Outcome:
    source_id_of(values)

    def update(case, reason):
        raise ValidationError(
            {
                "source_id": "This case was imported already: change it on the case "
                "(a case's changes are made after confirming the caller's identity)."
            }
        )

    def create():
        caller_id = values.get("caller_source_id", "")
        caller_known = imported_get(job=job, record_type="contact", source_id=caller_id)
        if caller_known is None:
            raise ValidationError(
                {
                    "caller_source_id": f"No caller imported from {job.source_system} has "
                    f"the id “{caller_id[:40]}”: import the callers first."
                }
            )
        # The old system's record is what the caller's identity is confirmed against.
        case = case_create(
            actor=actor,
            caller=imported_object(caller_known, records=Contact.objects, kind=CONTACT_RECORDS),
            title=values.get("title", ""),
            identity_confirmed=True,
        )
        return case, Outcome("created", case.title)

    return imported_upsert(
        job=job,
        record_type="support_case",
        values=values,
        records=SupportCase.objects,
        update=update,
        create=create,
        label=lambda case: case.title,
    )


def register() -> None:
    import_kind_register(
        ImportKind(
            key="callers",
            label="Callers",
            fields=CALLER_FIELDS,
            presets=(
                Preset(
                    DYNAMICS,
                    "contacts export",
                    {
                        "(Do Not Modify) Contact": "source_id",
                        "Consent": "consent",
                        "Consent Date": "consent_decided_on",
                        "First Name": "first_name",
                        "Last Name": "last_name",
                        "Mobile Phone": "phone",
                        "Email": "email",
                        "Address 1: ZIP/Postal Code": "postcode",
                        "Postcode District": "postcode_district",
                    },
                ),
            ),
            row_import=caller_row_import,
            allowed=policy.can_handle_calls,
            order=40,
        )
    )
    import_kind_register(
        ImportKind(
            key="cases",
            label="Support cases",
            fields=CASE_FIELDS,
            presets=(
                Preset(
                    DYNAMICS,
                    "cases export",
                    {
                        "(Do Not Modify) Case": "source_id",
                        "Customer ID": "caller_source_id",
                        "Case Title": "title",
                    },
                ),
            ),
            row_import=case_row_import,
            allowed=policy.can_handle_calls,
            order=45,
        )
    )
