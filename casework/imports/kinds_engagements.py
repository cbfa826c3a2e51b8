"""Engagements and their deliveries, imported: each row through engagement_open (and
engagement_close when it ended), delivery_create, or their *_update; each finds its
contact or engagement by the old system's id."""

from django.core.exceptions import ValidationError

from casework import selectors
from casework.duplicates.contacts import CONTACTS
from casework.imports.mapping import (
    batch_lookup,
    imported_get,
    imported_object,
    imported_upsert,
    source_id_of,
    update_through,
)
from casework.imports.registry import (
    ImportField,
    Outcome,
)
from casework.imports.values import all_errors, choice_of, date_of, number_of
from casework.models import (
    ENDED_STAGES,
    Attendance,
    Contact,
    Engagement,
    ServiceDelivery,
    Stage,
)
from casework.services.deliveries import delivery_update
from casework.services.engagements import (
    delivery_create,
    engagement_close,
    engagement_open,
    engagement_update,
)


def missing_error(source, kind_name, source_id, field):
    return ValidationError(
        {
            field: f"No {kind_name} imported from {source} has the id “{source_id[:40]}”: "
            f"import the {kind_name}s first."
        }
    )


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


def engagement_read(actor, values: dict, job) -> tuple:
    """An engagement row read: (start, end, referral date, stage, where its contact came
    from, its programme), or the refusal (every field's at once, then the contact's, then
    the programme's)."""
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
        raise missing_error(
            job.source_system, "contact", values.get("contact_source_id", ""), "contact_source_id"
        )
    name = values.get("programme", "").strip().lower()
    programme = batch_lookup(
        ("programme", name),
        lambda: selectors.programmes_visible_to(user=actor).filter(name__iexact=name).first(),
    )
    if programme is None:
        raise ValidationError(
            {
                "programme": f"There is no programme called “{values.get('programme', '')[:60]}”: "
                "add it to the catalogue first, or change the name in the file."
            }
        )
    return start, ended_on, referred_on, stage, contact_known, programme


def engagement_row_import(*, actor, values: dict, job) -> Outcome:
    source_id_of(values)
    start, ended_on, referred_on, stage, contact_known, programme = engagement_read(
        actor, values, job
    )
    details = {
        "referral_source": values.get("referral_source", ""),
        "referral_date": referred_on,
        "referral_reason": values.get("referral_reason", ""),
    }

    wanted = details | {
        "programme": programme,
        "start_date": start,
        "stage": stage,
        "closed_on": ended_on if stage in ENDED_STAGES else None,
    }

    def create():
        engagement = engagement_open(
            actor=actor,
            contact=imported_object(contact_known, records=Contact.objects, kind=CONTACTS),
            programme=programme,
            start_date=start,
            stage=Stage.IN_PROGRESS if stage in ENDED_STAGES else stage,
            **details,
        )
        if stage in ENDED_STAGES:
            engagement = engagement_close(
                actor=actor, engagement=engagement, closed_on=ended_on, stage=stage
            )
        return engagement, Outcome("created", str(engagement))

    return imported_upsert(
        job=job,
        record_type="engagement",
        values=values,
        records=Engagement.objects,
        update=update_through(engagement_update, actor=actor, keyword="engagement", wanted=wanted),
        create=create,
    )


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


def delivery_values(values: dict) -> tuple:
    """A delivery row's date, attendance, minutes and quantity, read (every field's
    refusal at once)."""
    return all_errors(
        lambda: date_of("date", values.get("date", "")),
        lambda: choice_of(
            "attendance", values.get("attendance", ""), ATTENDANCE_WORDS, Attendance.ATTENDED
        ),
        lambda: number_of("duration_minutes", values.get("duration_minutes", "")),
        lambda: number_of("quantity", values.get("quantity", "")),
    )


def delivery_service(actor, values: dict):
    """The row's service, by name in the catalogue (looked up once a batch)."""
    name = values.get("service", "").strip().lower()
    service = batch_lookup(
        ("service", name),
        lambda: selectors.services_visible_to(user=actor).filter(name__iexact=name).first(),
    )
    if service is None:
        raise ValidationError(
            {
                "service": f"There is no service called “{values.get('service', '')[:60]}”: "
                "add it to the catalogue first, or change the name in the file."
            }
        )
    return service


def delivery_engagement_known(job, values: dict):
    """Where the row's engagement came from (ImportedRecord), or the refusal."""
    engagement_known = imported_get(
        job=job, record_type="engagement", source_id=values.get("engagement_source_id", "")
    )
    if engagement_known is None:
        raise missing_error(
            job.source_system,
            "engagement",
            values.get("engagement_source_id", ""),
            "engagement_source_id",
        )
    return engagement_known


def delivery_row_import(*, actor, values: dict, job) -> Outcome:
    source_id_of(values)
    on, attendance, minutes, quantity = delivery_values(values)
    engagement_known = delivery_engagement_known(job, values)
    service = delivery_service(actor, values)
    details = {
        "service": service,
        "attendance": attendance,
        "duration_minutes": minutes,
        "quantity": quantity,
        "summary": values.get("summary", ""),
    }

    def create():
        engagement = Engagement.objects.get(pk=engagement_known.object_id)
        delivery = delivery_create(actor=actor, engagement=engagement, on=on, **details)
        return delivery, Outcome("created", str(delivery))

    return imported_upsert(
        job=job,
        record_type="delivery",
        values=values,
        records=ServiceDelivery.objects,
        update=update_through(
            delivery_update, actor=actor, keyword="delivery", wanted=details | {"date": on}
        ),
        create=create,
    )
