"""Training copies of a borough and a provider: made-up customers, referrals and
appointments of their own kind (no family-centre children), none of the live partner's
records, and nothing practised there ever reaches another partner."""

from datetime import timedelta

from django.db import connection
from django_tenants.utils import schema_context

from casework.models import Contact, Engagement
from customers.models import (
    Appointment,
    Customer,
    CustomerReferral,
    NotInterestedReason,
    OutcomeStep,
)
from customers.services import customer_create
from customers.services.appointments import appointment_record_status, appointment_update
from referrals.models import Referral
from tenants.models import Partner
from tenants.services.training import training_copy_create
from tests.casework.screens import user_with
from tests.customers.journey import inside


def test_a_borough_copy_has_made_up_customers_and_no_live_ones(people):
    customer_create(
        actor=people.officer, first_name="Live", last_name="Resident", housing_reference="HS-77"
    )
    training, created = training_copy_create(actor=people.champion, partner=people.borough)
    assert training.kind == "borough" and training.training_of_id == people.borough.pk
    with schema_context(training.schema_name):
        assert not Contact.objects.exists()  # no family-centre children
        assert Engagement.objects.count() == 0
        assert not Customer.objects.filter(housing_reference="HS-77").exists()
        assert Customer.objects.filter(housing_reference__startswith="TR-").count() == 4
        assert Customer.objects.filter(interest="not_interested").count() == 1
        assert CustomerReferral.objects.count() == 2
        # The referrals name a made-up provider and point at the copy itself.
        assert set(Referral.objects.values_list("other_partner_id", flat=True)) == {training.pk}
        assert OutcomeStep.objects.filter(kind="first_attended").count() == 1
        assert NotInterestedReason.objects.filter(name="Already in work").exists()
    assert created.user.username == people.champion.username


def test_a_provider_copy_has_received_referrals_and_appointments(partner_c):
    connection.set_tenant(partner_c)
    champion = user_with("champion", privileges={"accounts.manage_users"})
    training, _ = training_copy_create(actor=champion, partner=partner_c)
    before = {p.schema_name: None for p in Partner.objects.exclude(pk=training.pk)}
    with schema_context(training.schema_name):
        assert not Contact.objects.exists() and not Customer.objects.exists()
        received = Referral.objects.filter(direction="received")
        assert received.count() == 3
        assert {a.status for a in Appointment.objects.all()} == {"booked", "attended"}
        # A trainee practises on them: the steps stay inside the copy.
        adviser = user_with("adviser")
        later = Appointment.objects.get(status="booked")
        appointment_update(
            actor=adviser,
            appointment=later,
            on=later.on + timedelta(days=1),
            at=later.at,
            adviser=adviser,
            place="Practice room",
        )
        appointment_record_status(
            actor=adviser, appointment=later, status="cancelled", cancelled_by="customer"
        )
        assert Referral.objects.get(pk=later.referral_id).events.count() == 2
    for schema in before:
        if schema == "public":
            continue
        with schema_context(schema):
            assert not Referral.objects.filter(other_partner_name__contains="made up").exists()
    with inside(partner_c):
        assert not Appointment.objects.filter(place="Practice room").exists()
