"""A support line's callers and cases imported from its old Dynamics 365 database
(issue 18): the consent rules of a call hold (a named person without consent is refused
with the call screen's message), cases find their callers by the old ids, and the same
files again change nothing."""

from datetime import date

from casework.duplicates.merging import contacts_merge
from casework.models import Consent, Contact
from referrals.models import SupportCase
from referrals.services.callers import caller_create
from tests.casework.imports.helpers import imported, sample
from tests.casework.screens import body
from tests.clients import signed_in


def test_callers_then_cases_from_dynamics(
    supervisor, handler, partner_b, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    callers = imported(capture, supervisor, "callers", "c.csv", sample("dynamics-contacts.csv"))
    assert callers.source_system == "Dynamics 365"
    report = callers.report["import"]
    assert (report["counts"]["created"], report["counts"]["refused"]) == (3, 1), report["refused"]
    refused = {r["field"]: r["reason"] for r in report["refused"] if r["row"] == 5}
    assert refused["First name"].startswith("Without consent, do not record the first name")
    cases = imported(capture, supervisor, "cases", "k.csv", sample("dynamics-cases.csv"))
    counts = cases.report["import"]["counts"]
    assert (counts["created"], counts["refused"]) == (3, 1)
    assert "import the callers first" in cases.report["import"]["refused"][0]["reason"]
    case = SupportCase.objects.get(title="Food parcel")
    assert case.caller.last_name == "Quennell" and case.beneficiary == case.caller
    again = imported(capture, supervisor, "cases", "k.csv", sample("dynamics-cases.csv"))
    assert again.report["import"]["counts"]["unchanged"] == 3
    assert SupportCase.objects.count() == 3
    # The supervisor finds Import on the Callers page; a call handler neither.
    assert "imports-link" in body(signed_in(partner_b, supervisor).get("/calls/"))
    assert "imports-link" not in body(signed_in(partner_b, handler).get("/calls/"))


def test_cases_of_a_caller_merged_away_go_to_the_record_kept(
    supervisor, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    imported(capture, supervisor, "callers", "c.csv", sample("dynamics-contacts.csv"))
    stub = Contact.objects.get(first_name="Mara", last_name="Quennell")
    kept = caller_create(
        actor=supervisor,
        consent=Consent.GIVEN,
        consent_decided_on=date(2025, 10, 1),
        first_name="Mara",
        last_name="Quenell",
        phone="07700 900399",
        postcode="M1 1AE",
        postcode_district="M1",
    )
    contacts_merge(actor=supervisor, survivor=kept, merged=stub, reason="The same caller")
    imported(capture, supervisor, "cases", "k.csv", sample("dynamics-cases.csv"))
    assert SupportCase.objects.get(title="Food parcel").caller == kept
