"""Borough customers: find before create, the housing reference, interest and the
reasons list the borough keeps."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from customers.models import Customer, Interest, NotInterestedReason
from customers.policy import CustomersRefused
from customers.selectors import customer_matches, customers_search, customers_visible_to
from customers.services import (
    customer_create,
    customer_record_interest,
    reason_add,
    reason_retire,
)
from tenants.accounts.models import AuditEntry

TODAY = date.today()


def add(actor, first="Jordan", last="Okafor", **extra):
    return customer_create(actor=actor, first_name=first, last_name=last, **extra)


def test_find_before_create_by_name_reference_and_birth_date(people):
    jordan = add(
        people.officer,
        date_of_birth=date(1990, 5, 1),
        postcode="m1 1ae",
        housing_reference=" hs-0042 ",
    )
    assert jordan.housing_reference == "HS-0042" and jordan.postcode == "M1 1AE"
    add(people.officer, first="Kim", last="Taylor")
    found = dict(customer_matches(user=people.colleague, first_name="Jordon", last_name="Okafor"))
    assert list(found) == [jordan] and found[jordan] == ["first name", "last name"]
    # The one search's typo tolerance: one slip in each name, or the names swapped.
    found = dict(customer_matches(user=people.colleague, first_name="Jodran", last_name="Okafro"))
    assert found[jordan] == ["first name", "last name"]
    found = dict(customer_matches(user=people.colleague, first_name="Okafor", last_name="Jordan"))
    assert found[jordan] == ["names swapped"]
    found = dict(customer_matches(user=people.colleague, housing_reference="hs-0042"))
    assert found[jordan] == ["housing reference"]
    found = dict(customer_matches(user=people.colleague, date_of_birth=date(1990, 5, 1)))
    assert found[jordan] == ["date of birth"]
    assert customer_matches(user=people.colleague) == []
    # The housing reference is searchable from the list too, in any case and spacing.
    assert list(customers_search(user=people.colleague, query="hs-0042")) == [jordan]
    assert list(customers_search(user=people.colleague, query="Okaf")) == [jordan]


def test_one_record_per_housing_reference(people):
    add(people.officer, housing_reference="HS-1")
    with pytest.raises(ValidationError) as refused:
        add(people.colleague, first="Someone", last="Else", housing_reference="hs-1")
    assert "Jordan Okafor already has the housing reference HS-1" in str(refused.value)
    assert Customer.objects.count() == 1


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"first_name": " "}, "first_name"),
        ({"postcode": "not a postcode"}, "postcode"),
        ({"email": "nope"}, "email"),
        ({"housing_reference": "HS 1 ; DROP"}, "housing_reference"),
        ({"date_of_birth": TODAY + timedelta(days=1)}, "date_of_birth"),
    ],
)
def test_bad_details_are_named(people, extra, field):
    details = {"first_name": "Jordan", "last_name": "Okafor"} | extra
    with pytest.raises(ValidationError) as refused:
        customer_create(actor=people.officer, **details)
    assert field in refused.value.message_dict
    assert not Customer.objects.exists()


def test_not_interested_needs_a_reason_or_other_text(people):
    jordan = add(people.officer)
    with pytest.raises(ValidationError) as refused:
        customer_record_interest(
            actor=people.officer, customer=jordan, interest=Interest.NOT_INTERESTED, on=TODAY
        )
    assert "reasons" in refused.value.message_dict
    caring = NotInterestedReason.objects.get(name="Caring responsibilities")
    customer_record_interest(
        actor=people.officer,
        customer=jordan,
        interest=Interest.NOT_INTERESTED,
        on=TODAY,
        reasons=[caring],
        other="Moving away next month",
    )
    jordan.refresh_from_db()
    assert jordan.interest == Interest.NOT_INTERESTED
    assert list(jordan.not_interested_reasons.all()) == [caring]
    assert jordan.not_interested_other == "Moving away next month"
    # Asked again later, they say yes: the reasons go.
    customer_record_interest(
        actor=people.officer, customer=jordan, interest=Interest.INTERESTED, on=TODAY
    )
    jordan.refresh_from_db()
    assert jordan.interest == Interest.INTERESTED
    assert not jordan.not_interested_reasons.exists() and jordan.not_interested_other == ""
    assert AuditEntry.objects.filter(action="customer.interest").count() == 2


def test_other_text_alone_is_enough_and_bad_answers_are_named(people):
    jordan = add(people.officer)
    customer_record_interest(
        actor=people.officer,
        customer=jordan,
        interest=Interest.NOT_INTERESTED,
        on=TODAY,
        other="Prefers to wait",
    )
    retired = reason_retire(
        actor=people.champion, reason=NotInterestedReason.objects.get(name="Not the right time")
    )
    for kwargs, field in (
        ({"interest": "maybe", "on": TODAY}, "interest"),
        ({"interest": Interest.INTERESTED, "on": TODAY + timedelta(days=2)}, "on"),
        ({"interest": Interest.INTERESTED, "on": None}, "on"),
        ({"interest": Interest.NOT_INTERESTED, "on": TODAY, "reasons": [retired]}, "reasons"),
    ):
        with pytest.raises(ValidationError) as refused:
            customer_record_interest(actor=people.officer, customer=jordan, **kwargs)
        assert field in refused.value.message_dict, kwargs


def test_the_borough_keeps_its_reasons_list(people):
    names = set(NotInterestedReason.objects.values_list("name", flat=True))
    assert "Already in work" in names  # the list every borough starts with
    with pytest.raises(CustomersRefused):
        reason_add(actor=people.officer, name="Shift work")
    reason = reason_add(actor=people.champion, name="Shift work")
    with pytest.raises(ValidationError, match="already on the list"):
        reason_add(actor=people.champion, name="shift work")
    reason_retire(actor=people.champion, reason=reason)
    again = reason_add(actor=people.champion, name="Shift Work")
    assert again.pk == reason.pk and again.is_active
    with pytest.raises(CustomersRefused):
        reason_retire(actor=people.officer, reason=reason)


def test_roles_without_customers_see_none_and_create_none(people, partner_a):
    add(people.officer)
    assert customers_visible_to(user=people.editor).count() == 0
    with pytest.raises(CustomersRefused):
        add(people.editor)
