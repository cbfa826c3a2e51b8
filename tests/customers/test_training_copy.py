"""A borough's training copy: made-up people without programmes, and none of the
borough's customers."""

from django_tenants.utils import schema_context

from casework.models import Contact, Engagement
from customers.models import Customer, NotInterestedReason
from customers.services import customer_create
from tenants.services.training import training_copy_create


def test_a_borough_copy_has_made_up_people_and_no_live_customers(people):
    customer_create(
        actor=people.officer, first_name="Live", last_name="Resident", housing_reference="HS-77"
    )
    training, created = training_copy_create(actor=people.champion, partner=people.borough)
    assert training.kind == "borough" and training.training_of_id == people.borough.pk
    with schema_context(training.schema_name):
        assert Contact.objects.count() == 8  # four made-up families, a child and a parent each
        assert Engagement.objects.count() == 0  # boroughs keep no programmes
        assert not Customer.objects.exists()
        assert NotInterestedReason.objects.filter(name="Already in work").exists()
    assert created.user.username == people.champion.username
