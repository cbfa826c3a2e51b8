"""Capacity (accepting / waiting list / closed) kept by the partner on its /directory/
page and shown where referrals are sent; closed services are never offered; a partner
with more than one service, routed by type and area as before; partners keep only
their own services."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from referrals.selectors_directory import directory_matches
from referrals.services.directory import directory_entry_update
from tenants.models import DirectoryEntry
from tests.clients import signed_in
from tests.referrals.helpers import anonymous_caller, ready_case_with_food

ROUTING = {
    "referral_types": ["food"],
    "regions": ["north_west"],
    "districts": [],
    "response_hours": 24,
}
FORM = {
    "name": "Beta food bank",
    "status": "active",
    "referral_types": ["food"],
    "regions": ["north_west"],
    "districts": "",
    "response_hours": "24",
}


def offered(partner) -> list:
    return [
        e
        for e in directory_matches(referral_type="food", region="north_west")
        if e.partner_id == partner.pk
    ]


def test_capacity_on_the_portal_page_and_where_referrals_are_sent(
    partner_b, partner_c, supervisor, handler
):
    kappa = signed_in(partner_c, "provider-manager")
    page = kappa.get("/directory/").content.decode()
    assert "Are you taking referrals?" in page
    kappa_form = {**FORM, "name": "Kappa food help", "referral_types": ["food"]}
    refused = kappa.post("/directory/", {**kappa_form, "capacity": "waiting_list"})
    assert "Enter the current wait in weeks." in refused.content.decode()
    response = kappa.post(
        "/directory/", {**kappa_form, "capacity": "waiting_list", "wait_weeks": "3"}
    )
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get(partner=partner_c)
    assert (entry.capacity, entry.wait_weeks, entry.accepting) == ("waiting_list", 3, True)
    again = kappa.get(response.url).content.decode()
    assert 'value="waiting_list" checked' in again and 'value="3"' in again

    # The sender's review screen offers it, with the wait.
    connection.set_tenant(partner_b)
    case, _local = ready_case_with_food(handler, caller=anonymous_caller(handler, "M1"))
    reviewer = "data-team"
    review = signed_in(partner_b, reviewer).get(f"/review/{case.public_id}/")
    assert "Kappa Advice Provider (answers within 24 hours; waiting list of about 3 weeks)" in (
        review.content.decode()
    )
    # Closed: not offered at all.
    kappa.post("/directory/", {**kappa_form, "capacity": "closed", "wait_weeks": "3"})
    entry.refresh_from_db()
    assert (entry.capacity, entry.wait_weeks) == ("closed", None)
    assert offered(partner_c) == []
    review = signed_in(partner_b, reviewer).get(f"/review/{case.public_id}/").content.decode()
    assert "Kappa Advice Provider (answers" not in review


def test_several_services_per_partner_each_kept_by_its_partner_only(
    partner_b, partner_c, supervisor
):
    manager = supervisor
    first = directory_entry_update(actor=manager, partner=partner_b, accepting=False, **ROUTING)
    second = directory_entry_update(
        actor=manager,
        partner=partner_b,
        accepting=True,
        new=True,
        service={"name": "Beta pantry", "status": "active"},
        **ROUTING,
    )
    assert first.pk != second.pk and DirectoryEntry.objects.filter(partner=partner_b).count() == 2
    # Routing over the new model: the open one is offered (once), the closed one is not.
    assert [e.pk for e in offered(partner_b)] == [second.pk]
    with pytest.raises(ValidationError):
        directory_entry_update(
            actor=manager, partner=partner_b, accepting=True, wait_weeks=0, **ROUTING
        )

    client = signed_in(partner_b, supervisor)
    page = client.get("/directory/").content.decode()
    assert "Beta pantry" in page and "Add another service" in page
    response = client.post(
        "/directory/?service=new", {**FORM, "name": "Beta clothes", "capacity": "accepting"}
    )
    assert response.status_code == 302
    assert DirectoryEntry.objects.filter(partner=partner_b).count() == 3
    edit = client.post(
        f"/directory/?service={second.public_id}",
        {**FORM, "name": "Beta pantry", "capacity": "waiting_list", "wait_weeks": "2"},
    )
    assert edit.status_code == 302
    second.refresh_from_db()
    assert second.wait_weeks == 2
    # Another partner's service is not this partner's to open or change.
    kappa = DirectoryEntry.objects.get(partner=partner_c)
    assert client.get(f"/directory/?service={kappa.public_id}").status_code == 404
    response = client.post(f"/directory/?service={kappa.public_id}", {**FORM, "capacity": "closed"})
    assert response.status_code == 404
    kappa.refresh_from_db()
    assert kappa.accepting and kappa.name != "Beta food bank"
    with pytest.raises(ValidationError):
        directory_entry_update(
            actor=manager, partner=partner_b, entry=kappa, accepting=False, **ROUTING
        )


def test_the_borough_refer_screen_names_the_wait(partner_c):
    """A borough's refer screen (customers) labels each provider offered with its
    waiting list, which customers.selectors.providers_for copies from the entry."""
    from customers.forms_journey import ReferForm

    entry = DirectoryEntry.objects.get(partner=partner_c)
    entry.wait_weeks = 2
    assert entry.wait_words == "waiting list of about 2 weeks"
    partner_c.wait_words = entry.wait_words
    choices = dict(ReferForm(providers=[partner_c]).fields["provider"].choices)
    assert choices[str(partner_c.pk)] == "Kappa Advice Provider (waiting list of about 2 weeks)"
    entry.accepting = False
    assert entry.wait_words == ""
