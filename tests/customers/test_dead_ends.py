"""A screen that cannot go on says why in the officer's words and links the fix."""

from django.urls import NoReverseMatch, reverse

from customers.models import Customer
from tests.casework.screens import body, user_with
from tests.clients import signed_in
from tests.customers.journey import a_customer


def _fix_url(customer) -> str:
    try:
        return reverse("customer_edit", kwargs={"public_id": customer.public_id})
    except NoReverseMatch:
        return reverse("customer_detail", kwargs={"public_id": customer.public_id})


def test_refer_says_why_no_provider_and_links_the_fix(people, partner_c):
    officer = user_with("housing-officer")
    client = signed_in(people.borough, officer)
    unknown = a_customer(officer, first_name="Nia")
    # A record from before postcodes were checked against the known areas.
    Customer.objects.filter(pk=unknown.pk).update(postcode="NM2 1AA")
    page = body(client.get(f"/customers/{unknown.public_id}/refer/"))
    assert "No provider takes employment support referrals for NM2 (area unknown)." in page
    assert f'href="{_fix_url(unknown)}" data-testid="fix">Change the customer&#x27;s postcode' in (
        page.replace("Change the customer's", "Change the customer&#x27;s")
    )
    nowhere = a_customer(officer, first_name="Sky", postcode="")
    page = body(client.get(f"/customers/{nowhere.public_id}/refer/"))
    assert "for a customer with no postcode on their record" in page
    assert "Add the customer" in page and f'href="{_fix_url(nowhere)}"' in page
    uncovered = a_customer(officer, first_name="Lee", postcode="LS1 4AP")
    page = body(client.get(f"/customers/{uncovered.public_id}/refer/"))
    assert "for LS1 (Yorkshire and the Humber) at the moment" in page
    assert 'data-testid="fix"' not in page  # not the officer's to change
    covered = a_customer(officer, first_name="Cam")  # SW1A: the provider covers London
    assert 'data-testid="no-providers"' not in body(
        client.get(f"/customers/{covered.public_id}/refer/")
    )


def test_a_customer_in_an_unknown_area_is_refused_where_it_is_typed(people):
    import pytest
    from django.core.exceptions import ValidationError

    from customers.services import customer_create

    with pytest.raises(ValidationError) as refused:
        customer_create(
            actor=people.officer, first_name="Nia", last_name="Moss", postcode="nm2 1aa"
        )
    assert "NM is not one" in refused.value.message_dict["postcode"][0]
    assert not Customer.objects.exists()
