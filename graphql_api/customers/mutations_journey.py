"""Employment support referrals: the officer refers a customer (a request, or a direct
booking made by phone); the provider's advisers book, record the day's status and the
outcome checklist. The same services as the portal's journey screens, so the same
rules; anything the user may not see is "not found"."""

from datetime import date, time

import strawberry
from strawberry import relay
from strawberry.types import Info

from customers import selectors
from customers.services.appointments import (
    appointment_book,
    appointment_record_status,
    appointment_update,
)
from customers.services.outcomes import outcome_step_correct, outcome_step_record
from customers.services.referring import Booking, customer_refer
from graphql_api.auth import check_can_write, user_of
from graphql_api.corrections import CorrectionInput
from graphql_api.customers.types_journey import (
    AppointmentType,
    OutcomeStepCorrectionType,
    OutcomeStepType,
)
from graphql_api.errors import INVALID, FieldError, not_found, payload_of
from graphql_api.ids import public_id_of
from graphql_api.referrals.mutations_exchange import ReferralPayload


@strawberry.type
class AppointmentPayload:
    appointment: AppointmentType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class OutcomeStepPayload:
    outcome_step: OutcomeStepType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class OutcomeStepCorrectPayload:
    correction: OutcomeStepCorrectionType | None = None
    outcome_step: OutcomeStepType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input(description="What the officer was told on the phone.")
class DirectBookingInput:
    appointment_date: date | None = None
    appointment_time: time | None = None
    adviser: str = strawberry.field(default="", description="The adviser's name they gave.")
    place: str = ""


@strawberry.input
class CustomerReferInput:
    customer_id: relay.GlobalID
    provider: str = strawberry.field(
        description="The provider's slug: one employmentProviders offers for the customer."
    )
    support_wanted: str = ""
    agreed_on: date | None = strawberry.field(
        default=None, description="When the resident agreed to be referred."
    )
    direct_booking: DirectBookingInput | None = strawberry.field(
        default=None,
        description="An appointment you booked with the provider by phone. Without it, a "
        "request: the provider contacts the resident and books.",
    )


@strawberry.input
class AppointmentBookInput:
    referral_id: relay.GlobalID = strawberry.field(description="A received referral.")
    on: date | None = None
    at: time | None = None
    adviser_id: relay.GlobalID | None = strawberry.field(
        default=None, description="One of `advisers` (their User id)."
    )
    place: str = ""


@strawberry.input(description="Only the fields given change; until the day before it.")
class AppointmentUpdateInput:
    appointment_id: relay.GlobalID
    on: date | None = None
    at: time | None = None
    adviser_id: relay.GlobalID | None = strawberry.field(
        default=None, description="One of `advisers` (their User id)."
    )
    place: str | None = None
    reason: str = strawberry.field(default="", description="Why it changed (kept on History).")


@strawberry.input
class AppointmentStatusInput:
    appointment_id: relay.GlobalID
    status: str = strawberry.field(
        description="attended, did_not_attend, rescheduled (with newOn) or cancelled (with "
        "cancelledBy)."
    )
    new_on: date | None = strawberry.field(default=None, description="The new date.")
    new_at: time | None = strawberry.field(
        default=None, description="The new time (the same time when not given)."
    )
    cancelled_by: str = strawberry.field(default="", description="customer, provider or borough.")


@strawberry.input
class OutcomeStepInput:
    referral_id: relay.GlobalID = strawberry.field(description="A received referral.")
    kind: str = strawberry.field(
        description="first_attended, intervention, training_started, training_completed, "
        "qualification, employment, sustained_13 or sustained_26."
    )
    on: date | None = None
    intervention: str = strawberry.field(
        default="",
        description="For an intervention: advice, cv, job_search, interview, benefits or other.",
    )
    note: str = ""
    course: str = strawberry.field(default="", description="For training started or completed.")
    qualification: str = strawberry.field(default="", description="For a qualification: its name.")
    level: str = strawberry.field(default="", description="For a qualification (e.g. Level 2).")
    hours: int | None = strawberry.field(default=None, description="For employment: a week.")
    employment_type: str = strawberry.field(
        default="",
        description="For employment: full_time, part_time, self_employed or apprenticeship.",
    )


def _received(user, global_id):
    public_id = public_id_of(global_id, "Referral")
    return selectors.journey_received_get(user=user, public_id=public_id) if public_id else None


BOOKING_FIELDS = {
    name: f"directBooking.{name}" for name in ("appointmentDate", "appointmentTime", "adviser")
} | {"place": "directBooking.place"}


def _booking(data: DirectBookingInput | None) -> tuple[Booking | None, list[FieldError]]:
    if data is None:
        return None, []
    missing = [
        FieldError(field=f"directBooking.{field}", message=message, code=INVALID)
        for field, value, message in (
            ("appointmentDate", data.appointment_date, "Enter the appointment date."),
            ("appointmentTime", data.appointment_time, "Enter the appointment time."),
        )
        if value is None
    ]
    if missing:
        return None, missing
    booking = Booking(
        on=data.appointment_date, at=data.appointment_time, adviser=data.adviser, place=data.place
    )
    return booking, []


@strawberry.type
class EmploymentMutation:
    @strawberry.mutation(
        description="Refer a customer to a provider: a request, or with directBooking the "
        "appointment you booked by phone (it reaches the provider with the referral)."
    )
    def customer_refer(self, info: Info, input: CustomerReferInput) -> ReferralPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(input.customer_id, "Customer")
        customer = selectors.customer_get(user=user, public_id=public_id) if public_id else None
        if customer is None:
            return ReferralPayload(errors=not_found("customer_id", "customer"))
        offered = {p.slug: p for p in selectors.providers_for(customer=customer)}
        provider = offered.get(input.provider)
        errors = []
        if provider is None:
            errors.append(
                FieldError(
                    field="provider",
                    message="Choose a provider the directory offers for this area "
                    "(employmentProviders).",
                    code=INVALID,
                )
            )
        booking, booking_errors = _booking(input.direct_booking)
        if errors or booking_errors:
            return ReferralPayload(errors=errors + booking_errors)
        return payload_of(
            ReferralPayload,
            lambda: ReferralPayload(
                referral=customer_refer(
                    actor=user,
                    customer=customer,
                    provider=provider,
                    support_wanted=input.support_wanted,
                    agreed_on=input.agreed_on,
                    booking=booking,
                )
            ),
            renamed=BOOKING_FIELDS,
        )

    @strawberry.mutation(description="Provider: book an appointment for a received referral.")
    def appointment_book(self, info: Info, input: AppointmentBookInput) -> AppointmentPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        referral = _received(user, input.referral_id)
        if referral is None:
            return AppointmentPayload(errors=not_found("referral_id", "referral"))
        adviser = None
        if input.adviser_id is not None:
            wanted = public_id_of(input.adviser_id, "User")
            advisers = selectors.advisers_offered_to(user=user)
            adviser = next((a for a in advisers if a.public_id == wanted), None)
            if adviser is None:
                return AppointmentPayload(errors=not_found("adviser_id", "adviser"))
        return payload_of(
            AppointmentPayload,
            lambda: AppointmentPayload(
                appointment=appointment_book(
                    actor=user,
                    referral=referral,
                    on=input.on,
                    at=input.at,
                    adviser=adviser,
                    place=input.place,
                )
            ),
            renamed={"adviser": "adviserId", "referral": "referralId"},
        )

    @strawberry.mutation(
        description="Provider: correct or move an appointment's date, time, adviser or place "
        "before the day (the referring borough sees the change)."
    )
    def appointment_update(self, info: Info, input: AppointmentUpdateInput) -> AppointmentPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(input.appointment_id, "Appointment")
        appointment = (
            selectors.appointment_get(user=user, public_id=public_id) if public_id else None
        )
        if appointment is None:
            return AppointmentPayload(errors=not_found("appointment_id", "appointment"))
        adviser = appointment.adviser
        if input.adviser_id is not None:
            wanted = public_id_of(input.adviser_id, "User")
            advisers = selectors.advisers_offered_to(user=user)
            adviser = next((a for a in advisers if a.public_id == wanted), None)
            if adviser is None:
                return AppointmentPayload(errors=not_found("adviser_id", "adviser"))
        return payload_of(
            AppointmentPayload,
            lambda: AppointmentPayload(
                appointment=appointment_update(
                    actor=user,
                    appointment=appointment,
                    on=appointment.on if input.on is None else input.on,
                    at=appointment.at if input.at is None else input.at,
                    adviser=adviser,
                    place=appointment.place if input.place is None else input.place,
                    reason=input.reason,
                )
            ),
            renamed={
                "adviser": "adviserId",
                "referral": "appointmentId",
                "status": "appointmentId",
            },
        )

    @strawberry.mutation(
        description="Provider: what happened at an appointment (once, not before its date "
        "for attended or did not attend)."
    )
    def appointment_record_status(
        self,
        info: Info,
        input: AppointmentStatusInput,  # noqa: A002
    ) -> AppointmentPayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(input.appointment_id, "Appointment")
        appointment = (
            selectors.appointment_get(user=user, public_id=public_id) if public_id else None
        )
        if appointment is None:
            return AppointmentPayload(errors=not_found("appointment_id", "appointment"))
        return payload_of(
            AppointmentPayload,
            lambda: AppointmentPayload(
                appointment=appointment_record_status(
                    actor=user,
                    appointment=appointment,
                    status=input.status,
                    new_on=input.new_on,
                    new_at=input.new_at,
                    cancelled_by=input.cancelled_by,
                )
            ),
            renamed={"referral": "appointmentId"},
        )

    @strawberry.mutation(
        description="Provider: record a step of the outcome checklist (the referring borough "
        "sees it on its customer's journey)."
    )
    def outcome_step_record(self, info: Info, input: OutcomeStepInput) -> OutcomeStepPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        referral = _received(user, input.referral_id)
        if referral is None:
            return OutcomeStepPayload(errors=not_found("referral_id", "referral"))
        details = {
            "intervention": input.intervention,
            "note": input.note,
            "course": input.course,
            "qualification": input.qualification,
            "level": input.level,
            "hours": "" if input.hours is None else str(input.hours),
            "employment_type": input.employment_type,
        }
        return payload_of(
            OutcomeStepPayload,
            lambda: OutcomeStepPayload(
                outcome_step=outcome_step_record(
                    actor=user, referral=referral, kind=input.kind, on=input.on, details=details
                )
            ),
            renamed={"referral": "referralId"},
        )

    @strawberry.mutation(
        description="Provider: correct a step of the outcome checklist (entered in error, or "
        "the corrected text). The step stays, marked as corrected, and the correction is "
        "copied to the referring borough like the step."
    )
    def outcome_step_correct(
        self,
        info: Info,
        outcome_step_id: relay.GlobalID,
        input: CorrectionInput,  # noqa: A002
    ) -> OutcomeStepCorrectPayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(outcome_step_id, "OutcomeStep")
        step = (
            selectors.outcome_step_to_correct(user=user, public_id=public_id) if public_id else None
        )
        if step is None:
            return OutcomeStepCorrectPayload(errors=not_found("outcome_step_id", "outcome step"))
        return payload_of(
            OutcomeStepCorrectPayload,
            lambda: OutcomeStepCorrectPayload(
                correction=outcome_step_correct(
                    actor=user, step=step, kind=input.kind, text=input.text
                ),
                outcome_step=step,
            ),
            renamed={"step": "outcomeStepId"},
        )
