"""The borough-to-provider journey's fixtures: the gamma borough's officers (`people`,
inside `borough`, which tests/conftest.py keeps) and four residents referred to kappa
(`known`). A plugin named by tests/conftest.py, because the employment API's tests
(tests/graphql_api) use them too."""

from datetime import timedelta

import pytest

from customers.models import StepKind
from customers.services.outcomes import outcome_step_record
from referrals.services.exchange import referral_withdraw
from tenants.accounts import capabilities as cap
from tests.casework.screens import user_with
from tests.customers.journey import TODAY, a_customer, inside, received_copy, refer


class World:
    pass


@pytest.fixture
def people(borough):
    w = World()
    w.borough = borough
    w.officer = user_with("housing-officer")
    w.colleague = user_with("housing-officer")
    w.champion = user_with("champion", privileges={cap.MANAGE_USERS})
    w.editor = user_with("editor")
    return w


@pytest.fixture
def known(people, partner_c):
    """Four residents referred to kappa: one reaches a sustained job, one attends only,
    one nothing yet, one withdrawn."""
    w = people
    w.kappa = partner_c
    w.colleague.full_name = "Robin Colleague"  # activity is counted by name
    w.colleague.save(update_fields=["full_name"])
    names = ["Ann", "Ben", "Cal", "Dee"]
    w.sent = {n: refer(w.officer, a_customer(w.officer, first_name=n), partner_c) for n in names}
    referral_withdraw(actor=w.colleague, referral=w.sent["Dee"], reason="Moved away")
    with inside(partner_c):
        w.adviser = user_with("adviser")
        w.manager = user_with("provider-manager")
        start = TODAY - timedelta(weeks=30)

        def step(name, kind, on, **details):
            outcome_step_record(
                actor=w.adviser,
                referral=received_copy(partner_c, w.sent[name]),
                kind=kind,
                on=on,
                details=details,
            )

        step("Ann", StepKind.FIRST_ATTENDED, start)
        step("Ann", StepKind.TRAINING_STARTED, start, course="Retail skills")
        step("Ann", StepKind.QUALIFICATION, start, qualification="Retail", level="Level 1")
        step("Ann", StepKind.EMPLOYMENT, start, hours="35", employment_type="full_time")
        step("Ann", StepKind.SUSTAINED_13, start + timedelta(weeks=13))
        step("Ann", StepKind.SUSTAINED_26, start + timedelta(weeks=26))
        step("Ben", StepKind.FIRST_ATTENDED, TODAY)
    return w
