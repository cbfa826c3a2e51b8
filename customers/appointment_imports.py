"""Appointments in the Import area: a provider's appointments from the HELP database's
appointment report, each on a referral the provider received here (named by its
reference, the one on the referral's page and in its address).

Imported appointments are history. One still to come (today or later, booked) goes
through appointment_book, with its rules; one already held is recorded as the file says
(attended, did not attend, or cancelled, by whom) through appointment_record_imported,
with the same checks of its date, time, adviser and place. A past appointment the file
calls booked is refused (what happened is not known); one attended in the future too.
The same file again changes nothing; a later file moves an appointment still booked
(appointment_update) or records what happened (appointment_record_status)."""

import uuid

from django.core.exceptions import ValidationError
from django.db.models import Q

from casework.imports.mapping import batch_lookup, import_reason, imported_upsert, source_id_of
from casework.imports.registry import ImportField, ImportKind, Outcome, Preset
from casework.imports.values import all_errors, choice_of, date_of, time_of
from customers import policy
from customers.models import Appointment, AppointmentStatus, CancelledBy
from customers.services.appointments import (
    appointment_book,
    appointment_record_status,
    appointment_update,
)
from customers.services.appointments_imported import appointment_record_imported
from referrals import notify
from referrals.models import Direction, Referral
from tenants.accounts import capabilities as cap

A = AppointmentStatus
HELP = "HELP database"

APPOINTMENT_FIELDS = (
    ImportField("source_id", "Id in the old system", required=True),
    ImportField("referral", "Referral (its reference here)", required=True),
    ImportField("on", "Date", required=True),
    ImportField("at", "Time", required=True),
    ImportField("adviser", "Adviser"),
    ImportField("place", "Place", required=True),
    ImportField("status", "Status"),
    ImportField("cancelled_by", "Cancelled by"),
)
STATUS_WORDS = {
    "booked": A.BOOKED,
    "attended": A.ATTENDED,
    "did not attend": A.DID_NOT_ATTEND,
    "dna": A.DID_NOT_ATTEND,
    "cancelled": A.CANCELLED,
    "canceled": A.CANCELLED,
}
CANCELLED_WORDS = {
    "customer": CancelledBy.CUSTOMER,
    "client": CancelledBy.CUSTOMER,
    "provider": CancelledBy.PROVIDER,
    "borough": CancelledBy.BOROUGH,
    "council": CancelledBy.BOROUGH,
}
PRESET = Preset(
    HELP,
    "appointment report",
    {
        "Appointment ID": "source_id",
        "Referral ID": "referral",
        "Appointment Date": "on",
        "Appointment Time": "at",
        "Adviser": "adviser",
        "Venue": "place",
        "Appointment Status": "status",
        "Cancelled By": "cancelled_by",
    },
)


def _referral(text: str) -> Referral:
    reference = text.strip()
    try:
        uuid.UUID(reference)
    except ValueError:
        raise ValidationError(
            {
                "referral": f"“{reference[:40]}” is not a referral's reference: copy it from "
                "the referral's page."
            }
        ) from None
    found = batch_lookup(
        ("referral", reference.lower()),
        lambda: Referral.objects.filter(public_id=reference, direction=Direction.RECEIVED).first(),
    )
    if found is None:
        raise ValidationError(
            {"referral": f"No referral received here has the reference “{reference}”."}
        )
    return found


def _adviser(text: str):
    """The user who records outcomes here named by the file (full name or email), or None."""
    name = text.strip()
    if not name:
        return None
    return batch_lookup(
        ("adviser", name.lower()),
        lambda: (
            notify.users_with(cap.RECORD_OUTCOMES)
            .filter(Q(email__iexact=name) | Q(full_name__iexact=name))
            .order_by("pk")
            .first()
        ),
    )


def appointment_row_import(*, actor, values: dict, job) -> Outcome:
    source_id_of(values)
    on, at, status, cancelled_by = all_errors(
        lambda: date_of("on", values.get("on", "")),
        lambda: time_of("at", values.get("at", "")),
        lambda: choice_of("status", values.get("status", ""), STATUS_WORDS, A.BOOKED),
        lambda: choice_of("cancelled_by", values.get("cancelled_by", ""), CANCELLED_WORDS),
    )
    referral = _referral(values.get("referral", ""))
    adviser = _adviser(values.get("adviser", ""))
    place = values.get("place", "")
    booking = {"on": on, "at": at, "adviser": adviser, "place": place}

    def create():
        if status == A.BOOKED:
            appointment = appointment_book(actor=actor, referral=referral, **booking)
        else:
            appointment = appointment_record_imported(
                actor=actor,
                referral=referral,
                **booking,
                adviser_name=values.get("adviser", ""),
                status=status,
                cancelled_by=cancelled_by,
                reason=import_reason(job),
            )
        return appointment, Outcome("created", str(appointment))

    def update(appointment, reason):
        kept = {"on": appointment.on, "at": appointment.at, "place": appointment.place}
        if appointment.status == A.BOOKED and kept != {"on": on, "at": at, "place": place.strip()}:
            appointment = appointment_update(
                actor=actor, appointment=appointment, reason=reason, **booking
            )
        if status != appointment.status:
            appointment = appointment_record_status(
                actor=actor, appointment=appointment, status=status, cancelled_by=cancelled_by
            )
        return appointment

    return imported_upsert(
        job=job,
        record_type="appointment",
        values=values,
        records=Appointment.objects.select_related("referral"),
        update=update,
        create=create,
    )


APPOINTMENTS = ImportKind(
    key="appointments",
    label="Appointments",
    fields=APPOINTMENT_FIELDS,
    presets=(PRESET,),
    row_import=appointment_row_import,
    allowed=policy.can_record_outcomes,
    order=60,
)
