"""Corrections through GraphQL: the same services as the portal's edit screens, so the
same rules. Field errors are named after the API's inputs; the reason reaches the
change history; nothing is changed by a refused request."""

from datetime import date, timedelta

import pytest

from casework.models import Contact, ContactEvent
from customers.models import Appointment, AppointmentEvent, Customer, CustomerEvent
from referrals.models import LocalReferral, SupportCase, SupportCaseEvent
from referrals.services.cases import case_create, local_referral_add, support_case_update
from tests.customers.journey import TODAY, a_customer, inside
from tests.graphql_api.employment import data_of, fields
from tests.graphql_api.helpers import global_id, run
from tests.partners import PASSWORD
from tests.referrals.helpers import anonymous_caller, consented_caller
from tests.tenants.accounts.helpers import make_user

ERRORS = "errors { field message code }"
CUSTOMER = f"""mutation($input: CustomerUpdateInput!) {{ customerUpdate(input: $input)
  {{ customer {{ id firstName lastName housingReference phone }} {ERRORS} }} }}"""
APPOINTMENT = f"""mutation($input: AppointmentUpdateInput!) {{ appointmentUpdate(input: $input)
  {{ appointment {{ id on at place adviserName }} {ERRORS} }} }}"""
CALLER = f"""mutation($input: CallerUpdateInput!) {{ callerUpdate(input: $input)
  {{ caller {{ id firstName consent }} {ERRORS} }} }}"""
CASE = f"""mutation($input: SupportCaseUpdateInput!) {{ supportCaseUpdate(input: $input)
  {{ case {{ id title }} {ERRORS} }} }}"""
LOCAL = f"""mutation($input: LocalReferralUpdateInput!) {{ localReferralUpdate(input: $input)
  {{ case {{ id }} {ERRORS} }} }}"""


def test_customer_update_names_the_input_and_keeps_the_reason(people):
    customer = a_customer(people.officer, housing_reference="HS-1")
    a_customer(people.officer, first_name="Ann", housing_reference="HS-2")
    cid = global_id("Customer", customer)
    clash = data_of(
        run(people.officer, CUSTOMER, {"input": {"customerId": cid, "housingReference": "hs-2"}}),
        "customerUpdate",
    )
    assert fields(clash) == [("housingReference", "INVALID")]
    assert "already has the housing reference HS-2" in clash["errors"][0]["message"]
    unexplained = data_of(
        run(people.officer, CUSTOMER, {"input": {"customerId": cid, "firstName": "Jordy"}}),
        "customerUpdate",
    )
    assert fields(unexplained) == [("reason", "INVALID")]
    assert Customer.objects.get(pk=customer.pk).first_name == "Jordan"
    done = data_of(
        run(
            people.officer,
            CUSTOMER,
            {"input": {"customerId": cid, "firstName": "Jordy", "reason": "Known as Jordy"}},
        ),
        "customerUpdate",
    )
    assert done["errors"] == [] and done["customer"]["firstName"] == "Jordy"
    assert done["customer"]["housingReference"] == "HS-1"  # not given: unchanged
    event = CustomerEvent.objects.filter(pgh_obj=customer).order_by("-pgh_id").first()
    assert event.pgh_context["reason"] == "Known as Jordy"
    refused = data_of(
        run(people.editor, CUSTOMER, {"input": {"customerId": cid, "phone": "0"}}),
        "customerUpdate",
    )
    assert fields(refused) == [("customerId", "NOT_FOUND")]


def test_customer_update_clears_a_date_of_birth_given_as_null(people):
    """Null clears a detail (with the reason a date of birth's change needs); a detail
    left out is kept; a name cannot be cleared."""
    customer = a_customer(people.officer, date_of_birth=date(1990, 1, 2))
    cid = global_id("Customer", customer)
    query = f"""mutation($input: CustomerUpdateInput!) {{ customerUpdate(input: $input)
      {{ customer {{ dateOfBirth phone }} {ERRORS} }} }}"""

    def update(**given):
        return data_of(
            run(people.officer, query, {"input": {"customerId": cid, **given}}), "customerUpdate"
        )

    assert fields(update(dateOfBirth=None)) == [("reason", "INVALID")]
    assert "date of birth" in update(dateOfBirth=None)["errors"][0]["message"]
    assert ("firstName", "INVALID") in fields(update(firstName=None, reason="Unknown"))
    assert Customer.objects.get(pk=customer.pk).date_of_birth == date(1990, 1, 2)
    kept = update(phone="0161 496 0000")
    assert kept["errors"] == [] and kept["customer"]["dateOfBirth"] == "1990-01-02"
    cleared = update(dateOfBirth=None, phone=None, reason="Belongs to her sister")
    assert cleared["errors"] == []
    assert cleared["customer"] == {"dateOfBirth": None, "phone": ""}
    customer.refresh_from_db()
    assert (customer.date_of_birth, customer.phone, customer.phone_digits) == (None, "", "")
    event = CustomerEvent.objects.filter(pgh_obj=customer).order_by("-pgh_id").first()
    assert event.pgh_context["reason"] == "Belongs to her sister"


def test_appointment_update_before_the_day(booked, kappa):
    adviser, sent, appointment_id = booked
    day = TODAY + timedelta(days=6)
    with inside(kappa):
        moved = data_of(
            run(
                adviser,
                APPOINTMENT,
                {"input": {"appointmentId": appointment_id, "on": str(day), "reason": "Holiday"}},
            ),
            "appointmentUpdate",
        )
        assert moved["errors"] == [] and moved["appointment"]["on"] == str(day)
        assert moved["appointment"]["place"] == "Library"  # not given: unchanged
        appointment = Appointment.objects.get()
        event = AppointmentEvent.objects.filter(pgh_obj=appointment).order_by("-pgh_id").first()
        assert event.pgh_context["reason"] == "Holiday"
        past = data_of(
            run(
                adviser,
                APPOINTMENT,
                {"input": {"appointmentId": appointment_id, "on": str(TODAY - timedelta(days=1))}},
            ),
            "appointmentUpdate",
        )
        assert fields(past) == [("on", "INVALID")]
        Appointment.objects.filter(pk=appointment.pk).update(on=TODAY)
        today = data_of(
            run(adviser, APPOINTMENT, {"input": {"appointmentId": appointment_id, "place": "Hub"}}),
            "appointmentUpdate",
        )
        assert fields(today) == [("on", "INVALID")]
        assert "on or after the day" in today["errors"][0]["message"]
        assert Appointment.objects.get().place == "Library"
    assert sent.events.filter(action="appointment changed").count() == 1


def test_caller_update_keeps_the_consent_rules(handler):
    caller = anonymous_caller(handler)
    cid = global_id("Contact", caller)
    named = data_of(
        run(handler, CALLER, {"input": {"callerId": cid, "firstName": "Robin"}}), "callerUpdate"
    )
    assert fields(named) == [("firstName", "INVALID")]
    assert Contact.objects.get(pk=caller.pk).first_name == ""
    consented = data_of(
        run(
            handler,
            CALLER,
            {
                "input": {
                    "callerId": cid,
                    "consent": "given",
                    "consentDecidedOn": str(date.today()),
                    "firstName": "Robin",
                    "lastName": "Hill",
                    "postcode": "M1 1AE",
                }
            },
        ),
        "callerUpdate",
    )
    assert consented["errors"] == [] and consented["caller"]["consent"] == "given"
    event = ContactEvent.objects.filter(pgh_obj=caller).order_by("-pgh_id").first()
    assert event.pgh_context["action"] == "caller_update"


def test_caller_update_clears_a_detail_given_as_null_and_keeps_one_left_out(handler):
    """As contactUpdate and customerUpdate: null clears, left out keeps; a name may not be
    cleared while consent is given, and nothing is saved when one detail is refused."""
    caller = consented_caller(handler, email="morgan@example.org", alerts="Hard of hearing")
    cid = global_id("Contact", caller)
    query = f"""mutation($input: CallerUpdateInput!) {{ callerUpdate(input: $input)
      {{ caller {{ firstName lastName alerts }} {ERRORS} }} }}"""

    def update(**given):
        return data_of(run(handler, query, {"input": {"callerId": cid, **given}}), "callerUpdate")

    refused = update(firstName=None, phone=None, reason="Not their name")
    assert fields(refused) == [("firstName", "INVALID")]
    assert "first name" in refused["errors"][0]["message"]
    kept = Contact.objects.get(pk=caller.pk)
    assert (kept.first_name, kept.phone) == ("Morgan", "07700 900123")  # nothing half-saved
    cleared = update(phone=None, alerts=None)
    assert cleared == {
        "caller": {"firstName": "Morgan", "lastName": "Fairweather", "alerts": ""},
        "errors": [],
    }
    caller = Contact.objects.get(pk=caller.pk)
    assert (caller.phone, caller.phone_digits, caller.alerts) == ("", "", "")
    assert (caller.email, caller.last_name) == ("morgan@example.org", "Fairweather")
    assert fields(update(consent=None)) == [("consent", "INVALID")]
    assert Contact.objects.get(pk=caller.pk).consent == "given"


def test_support_case_update_clears_a_field_given_as_null_and_keeps_one_left_out(handler):
    """As contactUpdate, customerUpdate and callerUpdate: null clears (a yes/no to no), left
    out keeps; the title and an activated safeguarding's reason may not be cleared, and
    nothing is saved when one field is refused."""
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    support_case_update(
        actor=handler,
        case=case,
        psychosocial_support=True,
        feedback_consent=True,
        safeguarding_activated=True,
        safeguarding_reason="Child at risk",
    )
    gid = global_id("SupportCase", case)

    def update(**given):
        return data_of(run(handler, CASE, {"input": {"caseId": gid, **given}}), "supportCaseUpdate")

    refused = update(title=None, psychosocialSupport=None)
    assert fields(refused) == [("title", "INVALID")]
    assert "title" in refused["errors"][0]["message"]
    no_reason = update(safeguardingReason=None, feedbackConsent=None)
    assert fields(no_reason) == [("safeguardingReason", "INVALID")]
    assert "reason safeguarding was activated" in no_reason["errors"][0]["message"]
    kept = SupportCase.objects.get(pk=case.pk)  # nothing half-saved
    assert (kept.title, kept.psychosocial_support, kept.feedback_consent) == ("Food", True, True)
    assert update(psychosocialSupport=None) == {"case": {"id": gid, "title": "Food"}, "errors": []}
    case = SupportCase.objects.get(pk=case.pk)
    assert case.psychosocial_support is False
    assert (case.feedback_consent, case.safeguarding_reason) == (True, "Child at risk")
    assert update(safeguardingActivated=None)["errors"] == []
    case = SupportCase.objects.get(pk=case.pk)
    assert (case.safeguarding_activated, case.safeguarding_reason) == (False, "")


def test_a_callers_alerts_through_the_api(handler):
    created = data_of(
        run(
            handler,
            f"""mutation {{ callerCreate(input: {{consent: "given", consentDecidedOn: "{date.today()}",
              firstName: "Ali", lastName: "Brook", postcode: "M1 1AE", alerts: "Hard of hearing"}})
              {{ caller {{ id alerts }} {ERRORS} }} }}""",
        ),
        "callerCreate",
    )
    assert created["errors"] == [] and created["caller"]["alerts"] == "Hard of hearing"
    query = f"""mutation($input: CallerUpdateInput!) {{ callerUpdate(input: $input)
      {{ caller {{ alerts }} {ERRORS} }} }}"""
    cid = created["caller"]["id"]
    changed = data_of(
        run(handler, query, {"input": {"callerId": cid, "alerts": "Uses a relay service"}}),
        "callerUpdate",
    )
    assert changed == {"caller": {"alerts": "Uses a relay service"}, "errors": []}
    caller = Contact.objects.get(first_name="Ali")
    event = ContactEvent.objects.filter(pgh_obj=caller).order_by("-pgh_id").first()
    assert (event.alerts, event.pgh_context["action"]) == ("Uses a relay service", "caller_update")
    anonymous = global_id("Contact", anonymous_caller(handler))
    refused = data_of(
        run(handler, query, {"input": {"callerId": anonymous, "alerts": "Angry"}}), "callerUpdate"
    )
    assert fields(refused) == [("alerts", "INVALID")]


def test_support_case_and_local_referral_updates(handler):
    case = case_create(actor=handler, caller=consented_caller(handler), title="Food")
    local = local_referral_add(
        actor=handler, case=case, response_type="food", details={"household_size": "3"}
    )
    gid = global_id("SupportCase", case)
    bad = data_of(run(handler, CASE, {"input": {"caseId": gid, "title": " "}}), "supportCaseUpdate")
    assert fields(bad) == [("title", "INVALID")]
    done = data_of(
        run(handler, CASE, {"input": {"caseId": gid, "title": "Food bank", "reason": "Clearer"}}),
        "supportCaseUpdate",
    )
    assert done["errors"] == [] and done["case"]["title"] == "Food bank"
    event = SupportCaseEvent.objects.filter(pgh_obj=case).order_by("-pgh_id").first()
    assert event.pgh_context["reason"] == "Clearer"
    lid = global_id("LocalReferral", local)
    wrong = data_of(
        run(
            handler, LOCAL, {"input": {"localReferralId": lid, "details": {"household_size": "x"}}}
        ),
        "localReferralUpdate",
    )
    assert fields(wrong) == [("householdSize", "INVALID")]
    fixed = data_of(
        run(
            handler, LOCAL, {"input": {"localReferralId": lid, "details": {"household_size": "5"}}}
        ),
        "localReferralUpdate",
    )
    assert fixed["errors"] == []
    assert LocalReferral.objects.get(pk=local.pk).details == {"household_size": 5}
    # A colleague who has not confirmed the caller's identity changes nothing.
    colleague = make_user(role_key="call-handler", password=PASSWORD)
    refused = data_of(
        run(colleague, CASE, {"input": {"caseId": gid, "title": "Forged"}}), "supportCaseUpdate"
    )
    assert fields(refused) == [("verified", "INVALID")]
    assert SupportCase.objects.get(pk=case.pk).title == "Food bank"


PROVIDER_ROLES = {"adviser": True, "provider-manager": True, "champion": True, "integrator": False}
BOROUGH_ROLES = {"housing-officer": True, "champion": True, "integrator": False, "editor": False}


@pytest.mark.parametrize("role", list(PROVIDER_ROLES))
def test_who_may_change_an_appointment(booked, kappa, role):
    _, sent, appointment_id = booked
    with inside(kappa):
        user = make_user(role_key=role, password=PASSWORD)
        payload = data_of(
            run(user, APPOINTMENT, {"input": {"appointmentId": appointment_id, "place": "Hub"}}),
            "appointmentUpdate",
        )
        if PROVIDER_ROLES[role]:
            assert payload["errors"] == [] and payload["appointment"]["place"] == "Hub"
        else:
            assert fields(payload) == [("appointmentId", "NOT_FOUND")]
            assert Appointment.objects.get().place == "Library"


@pytest.mark.parametrize("role", list(BOROUGH_ROLES))
def test_who_may_change_a_customer_and_nobody_at_the_borough_an_appointment(booked, people, role):
    _, sent, appointment_id = booked
    user = make_user(role_key=role, password=PASSWORD)
    customer = Customer.objects.get()
    payload = data_of(
        run(
            user,
            CUSTOMER,
            {"input": {"customerId": global_id("Customer", customer), "phone": "0161 1"}},
        ),
        "customerUpdate",
    )
    if BOROUGH_ROLES[role]:
        assert payload["errors"] == [] and payload["customer"]["phone"] == "0161 1"
    else:
        assert fields(payload) == [("customerId", "NOT_FOUND")]
        assert Customer.objects.get().phone == "07700 900777"
    appointment = data_of(
        run(user, APPOINTMENT, {"input": {"appointmentId": appointment_id, "place": "X"}}),
        "appointmentUpdate",
    )
    assert fields(appointment) == [("appointmentId", "NOT_FOUND")]
