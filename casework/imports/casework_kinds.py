"""Casework's own kinds of import: contacts with their households, engagements and
deliveries. Each row goes through the services the screens use (contact_create,
engagement_open, delivery_create and their *_update), so a refused row gives the
screens' own messages, and every change is attributed to the person who ran the import,
with the import named as its reason."""

from datetime import date

from django.core.exceptions import ValidationError

from casework import policy, selectors
from casework.imports.mapping import import_reason, imported_get, imported_keep
from casework.imports.matching import same_person
from casework.imports.registry import (
    ImportField,
    ImportKind,
    Outcome,
    Preset,
    import_kind_register,
)
from casework.imports.values import all_errors, choice_of, date_of, fingerprint, number_of
from casework.models import (
    ENDED_STAGES,
    AdultRole,
    Attendance,
    Contact,
    ContactKind,
    Engagement,
    Household,
    ServiceDelivery,
    Stage,
)
from casework.people_search import CONTACTS
from casework.services.contacts import contact_create, contact_update
from casework.services.deliveries import delivery_update
from casework.services.engagements import (
    delivery_create,
    engagement_close,
    engagement_open,
    engagement_update,
)
from casework.services.households import household_address_update

ADULT_FROM = 18


def _missing(source, kind_name, source_id, field):
    return ValidationError(
        {
            field: f"No {kind_name} imported from {source} has the id “{source_id[:40]}”: "
            f"import the {kind_name}s first."
        }
    )


# --- contacts and their households -----------------------------------------------------

CONTACT_FIELDS = (
    ImportField("source_id", "Id in the old system", required=True),
    ImportField("household_source_id", "Household (account) id"),
    ImportField("first_name", "First name", required=True),
    ImportField("last_name", "Last name", required=True),
    ImportField("date_of_birth", "Date of birth"),
    ImportField("kind", "Child or adult"),
    ImportField("phone", "Phone"),
    ImportField("email", "Email"),
    ImportField("address_line_1", "Address line 1"),
    ImportField("address_line_2", "Address line 2"),
    ImportField("town", "Town or city"),
    ImportField("postcode", "Postcode"),
)
KIND_WORDS = {
    "child": ContactKind.CHILD,
    "young person": ContactKind.CHILD,
    "adult": ContactKind.ADULT,
    "parent": ContactKind.ADULT,
    "carer": ContactKind.ADULT,
}
ROLE_WORDS = {"parent": AdultRole.PARENT, "carer": AdultRole.CARER}


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _contact_values(values: dict) -> dict:
    born, kind = all_errors(
        lambda: date_of("date_of_birth", values.get("date_of_birth", "")),
        lambda: choice_of("kind", values.get("kind", ""), KIND_WORDS),
    )
    if not kind:
        # Old systems rarely say: a birthday under 18 years ago is a child's.
        young = born is not None and _age_on(born, date.today()) < ADULT_FROM
        kind = ContactKind.CHILD if young else ContactKind.ADULT
    role = ROLE_WORDS.get(values.get("kind", "").strip().lower(), "")
    return {
        "kind": kind,
        "adult_role": role if kind == ContactKind.ADULT else "",
        "first_name": values.get("first_name", ""),
        "last_name": values.get("last_name", ""),
        "date_of_birth": born,
        "phone": values.get("phone", ""),
        "email": values.get("email", ""),
    }


def _address(values: dict) -> dict:
    return {
        key: values.get(key, "") for key in ("address_line_1", "address_line_2", "town", "postcode")
    }


def _address_changed(household: Household, address: dict) -> bool:
    if not address["postcode"]:
        return False  # a row without an address leaves the household's as it is
    kept = _address(vars(household))
    compact = {k: v.replace(" ", "").upper() for k, v in address.items()}
    return compact != {k: v.replace(" ", "").upper() for k, v in kept.items()}


def contact_row_import(*, actor, values: dict, job) -> Outcome:
    source_id = values.get("source_id", "")
    if not source_id:
        raise ValidationError({"source_id": "Enter the record's id in the old system."})
    person = _contact_values(values)
    address = _address(values)
    digest = fingerprint(values)
    known = imported_get(job=job, record_type="contact", source_id=source_id)
    if known is not None:
        contact = Contact.objects.select_related("household").get(pk=known.object_id)
        if known.fingerprint == digest:
            return Outcome("unchanged", contact.display_name)
        changes = {
            key: value
            for key, value in person.items()
            if key not in ("kind", "adult_role") and getattr(contact, key) != value
        }
        reason = import_reason(job)
        if changes:
            contact = contact_update(actor=actor, contact=contact, reason=reason, **changes)
        if _address_changed(contact.household, address):
            household_address_update(actor=actor, household=contact.household, **address)
        imported_keep(
            job=job,
            record_type="contact",
            source_id=source_id,
            object_id=contact.pk,
            fingerprint=digest,
            known=known,
        )
        return Outcome("updated", contact.display_name)
    found, matched_on = same_person(
        selectors.contacts_visible_to(user=actor),
        columns=CONTACTS,
        first_name=person["first_name"],
        last_name=person["last_name"],
        date_of_birth=person["date_of_birth"],
        postcode=address["postcode"],
        phone=person["phone"],
        email=person["email"],
    )
    if found is not None:
        imported_keep(
            job=job,
            record_type="contact",
            source_id=source_id,
            object_id=found.pk,
            fingerprint=digest,
        )
        return Outcome("matched", found.display_name, matched_on)
    household_id = values.get("household_source_id", "")
    household_known = imported_get(job=job, record_type="household", source_id=household_id)
    household = (
        Household.objects.filter(pk=household_known.object_id).first() if household_known else None
    )
    contact = contact_create(actor=actor, household=household, **person, **address)
    if household_id and household_known is None:
        imported_keep(
            job=job,
            record_type="household",
            source_id=household_id,
            object_id=contact.household_id,
            fingerprint="",
        )
    imported_keep(
        job=job,
        record_type="contact",
        source_id=source_id,
        object_id=contact.pk,
        fingerprint=digest,
    )
    return Outcome("created", contact.display_name)


# --- engagements -------------------------------------------------------------------------

ENGAGEMENT_FIELDS = (
    ImportField("source_id", "Id in the old system", required=True),
    ImportField("contact_source_id", "Contact's id in the old system", required=True),
    ImportField("programme", "Programme", required=True),
    ImportField("start_date", "Start date", required=True),
    ImportField("stage", "Stage"),
    ImportField("closed_on", "End date"),
    ImportField("referral_source", "Referral source"),
    ImportField("referral_date", "Referral date"),
    ImportField("referral_reason", "Referral reason"),
)
STAGE_WORDS = {
    "applied": Stage.APPLIED,
    "waitlisted": Stage.WAITLISTED,
    "in progress": Stage.IN_PROGRESS,
    "active": Stage.IN_PROGRESS,
    "enrolled": Stage.IN_PROGRESS,
    "closed": Stage.CLOSED,
    "completed": Stage.CLOSED,
    "withdrawn": Stage.WITHDRAWN,
}


def engagement_row_import(*, actor, values: dict, job) -> Outcome:
    source_id = values.get("source_id", "")
    if not source_id:
        raise ValidationError({"source_id": "Enter the record's id in the old system."})
    start, ended_on, referred_on, stage = all_errors(
        lambda: date_of("start_date", values.get("start_date", "")),
        lambda: date_of("closed_on", values.get("closed_on", "")),
        lambda: date_of("referral_date", values.get("referral_date", "")),
        lambda: choice_of("stage", values.get("stage", ""), STAGE_WORDS, Stage.IN_PROGRESS),
    )
    contact_known = imported_get(
        job=job, record_type="contact", source_id=values.get("contact_source_id", "")
    )
    if contact_known is None:
        raise _missing(
            job.source_system, "contact", values.get("contact_source_id", ""), "contact_source_id"
        )
    programme = (
        selectors.programmes_visible_to(user=actor)
        .filter(name__iexact=values.get("programme", "").strip())
        .first()
    )
    if programme is None:
        raise ValidationError(
            {
                "programme": f"There is no programme called “{values.get('programme', '')[:60]}”: "
                "add it to the catalogue first, or change the name in the file."
            }
        )
    details = {
        "referral_source": values.get("referral_source", ""),
        "referral_date": referred_on,
        "referral_reason": values.get("referral_reason", ""),
    }
    digest = fingerprint(values)
    known = imported_get(job=job, record_type="engagement", source_id=source_id)
    if known is not None:
        engagement = Engagement.objects.get(pk=known.object_id)
        if known.fingerprint == digest:
            return Outcome("unchanged", str(engagement))
        changes = {
            key: value
            for key, value in (
                details
                | {
                    "programme": programme,
                    "start_date": start,
                    "stage": stage,
                    "closed_on": ended_on if stage in ENDED_STAGES else None,
                }
            ).items()
            if getattr(engagement, key) != value
        }
        if changes:
            engagement = engagement_update(
                actor=actor, engagement=engagement, reason=import_reason(job), **changes
            )
        imported_keep(
            job=job,
            record_type="engagement",
            source_id=source_id,
            object_id=engagement.pk,
            fingerprint=digest,
            known=known,
        )
        return Outcome("updated", str(engagement))
    contact = Contact.objects.get(pk=contact_known.object_id)
    engagement = engagement_open(
        actor=actor,
        contact=contact,
        programme=programme,
        start_date=start,
        stage=Stage.IN_PROGRESS if stage in ENDED_STAGES else stage,
        **details,
    )
    if stage in ENDED_STAGES:
        engagement = engagement_close(
            actor=actor, engagement=engagement, closed_on=ended_on, stage=stage
        )
    imported_keep(
        job=job,
        record_type="engagement",
        source_id=source_id,
        object_id=engagement.pk,
        fingerprint=digest,
    )
    return Outcome("created", str(engagement))


# --- deliveries --------------------------------------------------------------------------

DELIVERY_FIELDS = (
    ImportField("source_id", "Id in the old system", required=True),
    ImportField("engagement_source_id", "Engagement's id in the old system", required=True),
    ImportField("service", "Service", required=True),
    ImportField("date", "Date", required=True),
    ImportField("attendance", "Attendance"),
    ImportField("duration_minutes", "Minutes"),
    ImportField("quantity", "Quantity"),
    ImportField("summary", "Summary"),
)
ATTENDANCE_WORDS = {
    "attended": Attendance.ATTENDED,
    "present": Attendance.ATTENDED,
    "absent": Attendance.ABSENT,
    "unexcused absence": Attendance.ABSENT,
    "excused": Attendance.EXCUSED,
    "excused absence": Attendance.EXCUSED,
}


def delivery_row_import(*, actor, values: dict, job) -> Outcome:
    source_id = values.get("source_id", "")
    if not source_id:
        raise ValidationError({"source_id": "Enter the record's id in the old system."})
    on, attendance, minutes, quantity = all_errors(
        lambda: date_of("date", values.get("date", "")),
        lambda: choice_of(
            "attendance", values.get("attendance", ""), ATTENDANCE_WORDS, Attendance.ATTENDED
        ),
        lambda: number_of("duration_minutes", values.get("duration_minutes", "")),
        lambda: number_of("quantity", values.get("quantity", "")),
    )
    engagement_known = imported_get(
        job=job, record_type="engagement", source_id=values.get("engagement_source_id", "")
    )
    if engagement_known is None:
        raise _missing(
            job.source_system,
            "engagement",
            values.get("engagement_source_id", ""),
            "engagement_source_id",
        )
    service = (
        selectors.services_visible_to(user=actor)
        .filter(name__iexact=values.get("service", "").strip())
        .first()
    )
    if service is None:
        raise ValidationError(
            {
                "service": f"There is no service called “{values.get('service', '')[:60]}”: "
                "add it to the catalogue first, or change the name in the file."
            }
        )
    details = {
        "service": service,
        "attendance": attendance,
        "duration_minutes": minutes,
        "quantity": quantity,
        "summary": values.get("summary", ""),
    }
    digest = fingerprint(values)
    known = imported_get(job=job, record_type="delivery", source_id=source_id)
    if known is not None:
        delivery = ServiceDelivery.objects.get(pk=known.object_id)
        if known.fingerprint == digest:
            return Outcome("unchanged", str(delivery))
        changes = {
            key: value
            for key, value in (details | {"date": on}).items()
            if getattr(delivery, key) != value
        }
        if changes:
            delivery = delivery_update(
                actor=actor, delivery=delivery, reason=import_reason(job), **changes
            )
        imported_keep(
            job=job,
            record_type="delivery",
            source_id=source_id,
            object_id=delivery.pk,
            fingerprint=digest,
            known=known,
        )
        return Outcome("updated", str(delivery))
    engagement = Engagement.objects.get(pk=engagement_known.object_id)
    delivery = delivery_create(actor=actor, engagement=engagement, on=on, **details)
    imported_keep(
        job=job,
        record_type="delivery",
        source_id=source_id,
        object_id=delivery.pk,
        fingerprint=digest,
    )
    return Outcome("created", str(delivery))


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
            allowed=_keeps_casework,
            order=30,
        )
    )
