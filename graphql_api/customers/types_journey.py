"""A referred resident's journey: the provider's appointments and the outcome checklist,
read through customers.selectors. Appointments stay with the provider (its advisers and
managers); checklist steps are on both copies of the referral, so the referring
borough's staff read them on their customer's journey, and nothing else of the
provider's."""

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import relay
from strawberry.types import Info

from customers import models, selectors
from graphql_api.auth import user_of
from graphql_api.corrections import Correction
from graphql_api.fields import model_type
from graphql_api.visibility import within

if TYPE_CHECKING:
    from graphql_api.referrals.types import ReferralType

Referral = Annotated["ReferralType", strawberry.lazy("graphql_api.referrals.types")]


@strawberry_django.filter_type(models.Appointment)
class AppointmentFilter:
    status: strawberry.auto
    on: strawberry.auto
    direct: strawberry.auto


@model_type(
    models.Appointment,
    name="Appointment",
    filters=AppointmentFilter,
    description="An appointment for a received employment support referral (provider side).",
)
class AppointmentType(relay.Node):
    public_id: relay.NodeID[str]
    referral: Referral
    direct: bool = strawberry_django.field(
        description="A direct booking the referring officer made by phone; false: booked by "
        "the provider after the officer's request."
    )
    on: date
    at: time
    adviser_name: str = strawberry_django.field(
        description="The adviser (as the officer was told, for a direct booking)."
    )
    place: str
    status: str = strawberry_django.field(
        description="booked, attended, did_not_attend, rescheduled or cancelled."
    )
    cancelled_by: str = strawberry_django.field(
        description="customer, provider or borough when cancelled; empty otherwise."
    )
    rescheduled_to: "AppointmentType | None" = strawberry_django.field(
        description="The new appointment when this one was rescheduled."
    )
    status_recorded_at: datetime | None
    status_recorded_by_name: str
    missing_flagged_at: datetime | None = strawberry_django.field(
        description="When the adviser was told no status was recorded the day after."
    )
    booked_by_name: str
    booked_at: datetime

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.appointments_visible_to(user=user_of(info)))


@model_type(
    models.OutcomeStep,
    name="OutcomeStep",
    description="One step of the outcome checklist; its id is the same on both copies.",
)
class OutcomeStepType(relay.Node):
    public_id: relay.NodeID[str]
    referral: Referral
    kind: str = strawberry_django.field(
        description="first_attended, intervention, training_started, training_completed, "
        "qualification, employment, sustained_13 or sustained_26."
    )
    on: date
    details: strawberry.scalars.JSON = strawberry_django.field(
        description="The step's own fields: intervention and note; course; qualification and "
        "level; hours and employment_type."
    )
    summary: str = strawberry_django.field(description="The step in words, as the officer sees it.")
    recorded_at: datetime
    recorded_by_name: str

    @strawberry_django.field(only=["kind"])
    def kind_label(self, root: models.OutcomeStep) -> str:
        return root.get_kind_display()

    @strawberry_django.field(
        prefetch_related=["corrections"],
        description="Corrections of this step, oldest first, on both copies like the step "
        "(never edited). A step corrected as entered in error no longer counts.",
    )
    def corrected_by(self, root: models.OutcomeStep) -> list["OutcomeStepCorrectionType"]:
        return list(root.corrections.all())

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        return within(queryset, selectors.outcome_steps_visible_to(user=user_of(info)))


@strawberry.type(name="OutcomeStepCorrection")
class OutcomeStepCorrectionType(Correction):
    @classmethod
    def is_type_of(cls, obj, info) -> bool:
        return isinstance(obj, models.OutcomeStepCorrection)

    @strawberry.field(description="The outcome step this corrects.")
    def corrects(self) -> OutcomeStepType:
        return self.step


@model_type(
    models.CustomerReferral,
    name="CustomerReferral",
    description="One referral of the customer: the borough's copy, with the journey the "
    "exchange copied back.",
)
class CustomerReferralType:
    referral: Referral

    @classmethod
    def get_queryset(cls, queryset, info: Info, **kwargs):
        visible = selectors.customer_referrals_visible_to(user=user_of(info))
        return within(queryset, visible).order_by("-referral__sent_at", "-pk")


@strawberry.type(name="Adviser", description="An adviser a booking may name.")
class AdviserType:
    id: relay.GlobalID = strawberry.field(description="Their User id, for appointmentBook.")
    full_name: str
    job_title: str
