"""Correcting a customer: every detail through customer_update (portal and GraphQL the
same), one housing reference per record, a reason for a changed name or date of birth,
bad input changes nothing and names the field, History shows old → new with the reason
and who changed it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from customers import selectors
from customers.models import Customer, CustomerEvent, NotInterestedReason
from customers.policy import CustomersRefused
from customers.services import customer_record_interest, customer_update
from tests.casework.screens import body, user_with
from tests.clients import signed_in
from tests.customers.journey import TODAY, a_customer


def history_entries(user, customer):
    _, page = selectors.customer_history(user=user, public_id=customer.public_id)
    return list(page.object_list)


def test_phone_and_postcode_change_without_a_reason(people):
    customer = a_customer(people.officer)
    customer_update(
        actor=people.colleague, customer=customer, phone="07700 900123", postcode="m11ae"
    )
    customer.refresh_from_db()
    assert (customer.phone, customer.phone_digits, customer.postcode) == (
        "07700 900123",
        "07700900123",
        "M1 1AE",
    )
    entry = history_entries(people.officer, customer)[0]
    assert entry.who == people.colleague.get_full_name()
    changes = {c.label: (c.old, c.new) for c in entry.changes}
    assert changes["Phone"] == ("07700 900777", "07700 900123")
    assert changes["Postcode"] == ("SW1A 1AA", "M1 1AE")
    assert entry.reason == ""


def test_a_changed_name_or_date_of_birth_needs_a_reason(people):
    customer = a_customer(people.officer, date_of_birth=date(1990, 1, 2))
    with pytest.raises(ValidationError) as refused:
        customer_update(actor=people.officer, customer=customer, last_name="Okafer")
    assert "last name" in refused.value.message_dict["reason"][0]
    with pytest.raises(ValidationError) as refused:
        customer_update(actor=people.officer, customer=customer, date_of_birth=date(1990, 2, 1))
    assert "date of birth" in refused.value.message_dict["reason"][0]
    customer.refresh_from_db()
    assert (customer.last_name, customer.date_of_birth) == ("Okafor", date(1990, 1, 2))
    customer_update(
        actor=people.officer,
        customer=customer,
        last_name="Okafer",
        reason="Spelt wrongly at the first visit",
    )
    entry = history_entries(people.colleague, customer)[0]
    assert entry.reason == "Spelt wrongly at the first visit"
    assert [(c.label, c.old, c.new) for c in entry.changes] == [("Last name", "Okafor", "Okafer")]
    event = CustomerEvent.objects.filter(pgh_obj=customer).order_by("-pgh_id").first()
    assert event.pgh_context["action"] == "customer_update"
    # A date of birth recorded for the first time is not a correction.
    other = a_customer(people.officer, first_name="Ola")
    customer_update(actor=people.officer, customer=other, date_of_birth=date(1991, 3, 4))
    other.refresh_from_db()
    assert other.date_of_birth == date(1991, 3, 4)


def test_bad_input_changes_nothing_and_names_the_field(people):
    customer = a_customer(people.officer)
    for changes, field in [
        ({"first_name": " "}, "first_name"),
        ({"postcode": "not a postcode"}, "postcode"),
        ({"email": "nobody"}, "email"),
        ({"date_of_birth": date(2999, 1, 1)}, "date_of_birth"),
        ({"housing_reference": "HAS SPACE!"}, "housing_reference"),
        ({"interest": "interested"}, "interest"),
    ]:
        with pytest.raises(ValidationError) as refused:
            customer_update(actor=people.officer, customer=customer, phone="0161 000", **changes)
        assert field in refused.value.message_dict, changes
    customer.refresh_from_db()
    assert customer.phone == "07700 900777"
    assert CustomerEvent.objects.filter(pgh_obj=customer, pgh_label="update").count() == 0


def test_a_housing_reference_still_names_one_customer(people):
    a_customer(people.officer, first_name="Ann", housing_reference="HS-1")
    customer = a_customer(people.officer, housing_reference="HS-2")
    with pytest.raises(ValidationError) as refused:
        customer_update(actor=people.officer, customer=customer, housing_reference="hs-1")
    message = refused.value.message_dict["housing_reference"][0]
    assert "Ann Okafor already has the housing reference HS-1" in message
    customer.refresh_from_db()
    assert customer.housing_reference == "HS-2"
    # Keeping one's own reference (any case, any spacing) is no clash.
    customer_update(actor=people.officer, customer=customer, housing_reference=" hs-2 ")
    customer_update(actor=people.officer, customer=customer, housing_reference="HS-3")
    assert Customer.objects.get(pk=customer.pk).housing_reference == "HS-3"


def test_who_may_change_a_customer(people):
    customer = a_customer(people.officer)
    for outsider in (people.editor, user_with("integrator")):
        with pytest.raises(CustomersRefused):
            customer_update(actor=outsider, customer=customer, phone="0")
    customer_update(actor=people.champion, customer=customer, phone="0161 496 0000")
    assert Customer.objects.get(pk=customer.pk).phone == "0161 496 0000"


def test_a_corrected_answer_keeps_its_reason(people):
    customer = a_customer(people.officer)
    customer_record_interest(
        actor=people.officer, customer=customer, interest="interested", on=TODAY
    )
    reason = NotInterestedReason.objects.create(name="Shift work")
    customer_record_interest(
        actor=people.officer,
        customer=customer,
        interest="not_interested",
        on=TODAY,
        reasons=[reason],
        reason="Recorded against the wrong resident",
    )
    entries = history_entries(people.officer, customer)
    assert {e.reason for e in entries[:2]} == {"Recorded against the wrong resident"}
    assert any(
        (c.label, c.old, c.new) == ("Interest", "Interested", "Not interested")
        for e in entries
        for c in e.changes
    )


# --- the screens ---


def test_the_record_offers_change_links_and_the_screen_saves(people):
    customer = a_customer(people.officer, housing_reference="HS-9")
    client = signed_in(people.borough, people.colleague)
    page = body(client.get(f"/customers/{customer.public_id}/"))
    assert f"/customers/{customer.public_id}/change/#id_housing_reference" in page
    assert page.count(">Change<") >= 7
    form = body(client.get(f"/customers/{customer.public_id}/change/"))
    assert 'value="HS-9"' in form and "Reason for the change" in form
    response = client.post(
        f"/customers/{customer.public_id}/change/",
        {
            "first_name": "Jordan",
            "last_name": "Okafor-Smith",
            "postcode": "SW1A 1AA",
            "phone": "07700 900777",
            "housing_reference": "HS-9",
        },
    )
    assert response.status_code == 200
    assert "Say why the last name changed" in body(response)
    assert Customer.objects.get(pk=customer.pk).last_name == "Okafor"
    response = client.post(
        f"/customers/{customer.public_id}/change/",
        {
            "first_name": "Jordan",
            "last_name": "Okafor-Smith",
            "postcode": "SW1A 1AA",
            "phone": "07700 900777",
            "housing_reference": "HS-9",
            "reason": "Married last month",
        },
    )
    assert response.status_code == 302
    history = body(client.get(f"/customers/{customer.public_id}/history/"))
    assert "Reason: Married last month" in history
    assert "Okafor → Okafor-Smith" in history
    assert people.colleague.get_full_name() in history


@pytest.mark.security
def test_the_change_screen_access(people):
    customer = a_customer(people.officer)
    url = f"/customers/{customer.public_id}/change/"
    assert signed_in(people.borough, people.editor).get(url).status_code == 404
    assert signed_in(people.borough, people.officer).get(url).status_code == 200
    assert (
        signed_in(people.borough, people.officer)
        .get("/customers/00000000-0000-0000-0000-000000000000/change/")
        .status_code
        == 404
    )


def test_a_date_of_birth_is_cleared_with_a_reason_on_the_screen(people):
    customer = a_customer(people.officer, date_of_birth=date(1990, 1, 2))
    client = signed_in(people.borough, people.officer)
    url = f"/customers/{customer.public_id}/change/"
    # Shown as it is typed, so saving the screen as shown keeps it.
    assert 'name="date_of_birth" type="text" value="2/1/1990"' in body(client.get(url))
    details = {
        "first_name": "Jordan",
        "last_name": "Okafor",
        "date_of_birth": "",
        "postcode": "SW1A 1AA",
        "phone": "07700 900777",
    }
    refused = client.post(url, details)
    assert refused.status_code == 200
    assert "Say why the date of birth changed" in body(refused)
    assert Customer.objects.get(pk=customer.pk).date_of_birth == date(1990, 1, 2)
    assert client.post(url, details | {"reason": "Belongs to her sister"}).status_code == 302
    assert Customer.objects.get(pk=customer.pk).date_of_birth is None
    entry = history_entries(people.officer, customer)[0]
    assert entry.reason == "Belongs to her sister"
    assert [c.label for c in entry.changes] == ["Date of birth"]
