"""Consultations, imported: each row through consultation_create (or consultation_update
when the old system's row changed), on the engagement imported with the id it names;
who it was held with in words (old systems keep no link to contacts for it)."""

from casework.imports.kinds_engagements import missing_error
from casework.imports.mapping import (
    imported_get,
    imported_upsert,
    source_id_of,
    update_through,
)
from casework.imports.registry import ImportField, Outcome
from casework.imports.values import all_errors, choice_of, date_of
from casework.models import Consultation, ConsultationMethod, Engagement
from casework.services.consultations import consultation_update
from casework.services.engagements import consultation_create

CONSULTATION_FIELDS = (
    ImportField("source_id", "Id in the old system", required=True),
    ImportField("engagement_source_id", "Engagement's id in the old system", required=True),
    ImportField("date", "Date", required=True),
    ImportField("method", "How it was held"),
    ImportField("held_with", "Held with", required=True),
    ImportField("notes", "Notes", required=True),
)
METHOD_WORDS = {
    "meeting": ConsultationMethod.MEETING,
    "in person": ConsultationMethod.MEETING,
    "face to face": ConsultationMethod.MEETING,
    "phone": ConsultationMethod.PHONE,
    "phone call": ConsultationMethod.PHONE,
    "telephone": ConsultationMethod.PHONE,
    "email": ConsultationMethod.EMAIL,
    "conversation": ConsultationMethod.CONVERSATION,
}


def consultation_row_import(*, actor, values: dict, job) -> Outcome:
    source_id_of(values)
    on, method = all_errors(
        lambda: date_of("date", values.get("date", "")),
        lambda: choice_of(
            "method", values.get("method", ""), METHOD_WORDS, ConsultationMethod.MEETING
        ),
    )
    engagement_id = values.get("engagement_source_id", "")
    engagement_known = imported_get(job=job, record_type="engagement", source_id=engagement_id)
    if engagement_known is None:
        raise missing_error(job.source_system, "engagement", engagement_id, "engagement_source_id")
    details = {
        "date": on,
        "method": method,
        "held_with": values.get("held_with", "").strip(),
        "notes": values.get("notes", "").strip(),
    }

    def create():
        consultation = consultation_create(
            actor=actor,
            engagement=Engagement.objects.get(pk=engagement_known.object_id),
            on=on,
            method=method,
            held_with=details["held_with"],
            notes=details["notes"],
        )
        return consultation, Outcome("created", str(consultation))

    return imported_upsert(
        job=job,
        record_type="consultation",
        values=values,
        records=Consultation.objects,
        update=update_through(
            consultation_update, actor=actor, keyword="consultation", wanted=details
        ),
        create=create,
    )
