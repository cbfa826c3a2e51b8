"""A provider's appointments imported from the HELP database's appointment report
(issue 18): the columns come mapped; the dry run writes nothing and refuses with the
services' own words; past appointments are recorded as held (attended, did not attend,
cancelled) on both copies of the referral, a future one is booked by appointment_book's
rules; the refused rows download with their reason; the same file again changes
nothing; only a provider's outcome recorders are offered the kind."""

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from casework.imports import services
from casework.imports.models import ImportJob
from customers.models import Appointment, AppointmentStatus, OutcomeStep, StepKind
from customers.services.appointments import appointment_book
from customers.services.appointments_imported import appointment_record_imported
from referrals.models import Referral, ReferralStatus
from tests.casework.imports.helpers import imported, upload
from tests.casework.screens import user_with
from tests.customers.journey import a_customer, inside, received_copy, refer

SAMPLE = Path(__file__).parent / "files" / "help-appointments.csv"
A = AppointmentStatus


@pytest.fixture
def provider(people, partner_c):
    w = people
    w.kappa = partner_c
    w.sent = {n: refer(w.officer, a_customer(w.officer, first_name=n), partner_c) for n in "AB"}
    with inside(partner_c):
        w.manager = user_with("provider-manager")
        w.adviser = user_with("adviser")
        w.adviser.full_name = "Ash Adviser"
        w.adviser.save(update_fields=["full_name"])
        w.received = {n: received_copy(partner_c, sent) for n, sent in w.sent.items()}
    return w


def _file(w) -> bytes:
    text = SAMPLE.read_text()
    text = text.replace("{ANN}", str(w.sent["A"].public_id))
    return text.replace("{BEN}", str(w.sent["B"].public_id)).encode()


def test_a_provider_imports_its_appointments_as_history(
    provider, django_capture_on_commit_callbacks
):
    w, capture = provider, django_capture_on_commit_callbacks
    with inside(w.kappa):
        job = imported(capture, w.manager, "appointments", "help.csv", _file(w), run=False)
        assert job.source_system == "HELP database"
        assert job.mapping["on"] == "Appointment Date" and job.mapping["place"] == "Venue"
        assert job.report["dry_run"]["counts"]["created"] == 4
        assert job.report["dry_run"]["counts"]["refused"] == 3
        assert not Appointment.objects.exists()  # the dry run wrote nothing
        refused = {(r["row"], r["field"]): r["reason"] for r in job.report["dry_run"]["refused"]}
        # appointment_book's own rule: a booking is never in the past
        assert refused[(6, "Date")] == "The appointment date cannot be in the past."
        assert refused[(7, "Status")] == (
            "The appointment is on 15/06/2099: it cannot be recorded as attended before then."
        )
        assert "is not a time" in refused[(8, "Time")]

        with capture(execute=True):
            services.import_start(actor=w.manager, job=job)
        job.refresh_from_db()
        assert job.report["import"]["counts"] == job.report["dry_run"]["counts"]
        ann = {a.on: a for a in Appointment.objects.filter(referral=w.received["A"])}
        held = ann[date(2024, 3, 12)]
        assert (held.status, held.adviser, held.place) == (A.ATTENDED, w.adviser, "Job hub")
        missed = ann[date(2024, 4, 2)]
        assert (missed.status, missed.adviser, missed.adviser_name) == (
            A.DID_NOT_ATTEND,
            None,
            "Former Adviser",
        )
        ben = {a.on: a for a in Appointment.objects.filter(referral=w.received["B"])}
        cancelled = ben[date(2024, 3, 5)]
        assert (cancelled.status, cancelled.cancelled_by, cancelled.at) == (
            A.CANCELLED,
            "customer",
            time(14, 15),
        )
        assert ben[date(2099, 6, 15)].status == A.BOOKED  # booked through appointment_book
        # The first attendance ticks the checklist and starts the work, as on the day.
        assert OutcomeStep.objects.filter(
            referral=w.received["A"], kind=StepKind.FIRST_ATTENDED
        ).exists()
        assert Referral.objects.get(pk=w.received["A"].pk).status == ReferralStatus.IN_PROGRESS
        event = held.history.order_by("pgh_id").first()
        assert event.pgh_context["user"] == w.manager.pk
        assert event.pgh_context["reason"] == "Imported from HELP database (help.csv)"
        with job.refused_file.open("rb") as out:
            download = out.read().decode()
        assert "The appointment date cannot be in the past." in download
        assert "APP-0007" in download

        again = imported(capture, w.manager, "appointments", "help.csv", _file(w))
        counts = again.report["import"]["counts"]
        assert (counts["unchanged"], counts["created"], counts["refused"]) == (4, 0, 3)
        assert Appointment.objects.count() == 4
    # The referring borough's copy moved too (both copies, through the exchange).
    assert Referral.objects.get(pk=w.sent["A"].pk).status == ReferralStatus.IN_PROGRESS


def test_a_later_file_records_what_happened_at_an_appointment_booked_before(
    provider, django_capture_on_commit_callbacks
):
    w, capture = provider, django_capture_on_commit_callbacks
    header = SAMPLE.read_text().splitlines()[0]
    today = date.today()
    row = f"APP-9,{w.sent['A'].public_id},Ann,{today:%d/%m/%Y},09:00,Ash Adviser,Job hub,"
    with inside(w.kappa):
        imported(capture, w.manager, "appointments", "a.csv", f"{header}\n{row}Booked,\n".encode())
        assert Appointment.objects.get().status == A.BOOKED
        later = imported(
            capture, w.manager, "appointments", "a.csv", f"{header}\n{row}Attended,\n".encode()
        )
        assert later.report["import"]["counts"]["updated"] == 1
        assert Appointment.objects.get().status == A.ATTENDED


def test_the_imported_record_checks_its_fields_as_booking_does(provider):
    w = provider
    with inside(w.kappa):
        referral = w.received["A"]
        with pytest.raises(ValidationError) as booked:
            appointment_book(
                actor=w.manager, referral=referral, on=None, at=None, adviser=None, place=" "
            )
        with pytest.raises(ValidationError) as recorded:
            appointment_record_imported(
                actor=w.manager,
                referral=referral,
                on=None,
                at=None,
                adviser=None,
                place=" ",
                status=A.ATTENDED,
            )
        assert recorded.value.message_dict == booked.value.message_dict
        with pytest.raises(ValidationError) as not_held:
            appointment_record_imported(
                actor=w.manager,
                referral=referral,
                on=date.today() - timedelta(days=3),
                at=time(9),
                adviser=w.adviser,
                place="Job hub",
                status=A.BOOKED,
            )
        assert set(not_held.value.message_dict) == {"status"}
        assert not Appointment.objects.exists()


def test_only_those_who_record_outcomes_are_offered_appointments(provider):
    w = provider
    with pytest.raises(ValidationError, match="Choose what the file holds"):
        services.import_upload(
            actor=w.champion, kind_key="appointments", uploaded=upload("a.csv", _file(w))
        )
    assert not ImportJob.objects.exists()
