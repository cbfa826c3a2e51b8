"""A task by hand about a customer: titled with the housing reference and initials, given
to a colleague who can see the customer, refused to someone who cannot."""

import pytest
from django.core.exceptions import ValidationError

from casework.worklist.models import Task
from casework.worklist.policy import WorklistRefused
from casework.worklist.services import task_create
from tests.casework.screens import body
from tests.clients import signed_in
from tests.customers.journey import a_customer


def test_a_task_about_a_customer(people):
    customer = a_customer(people.officer, housing_reference="NB-0042")
    task = task_create(
        actor=people.officer, record=customer, assignee=people.colleague, title="Call back"
    )
    assert task.title == "NB-0042 (J. O.): Call back"
    assert task.link_url == f"/customers/{customer.public_id}/"
    with pytest.raises(ValidationError) as exc:
        task_create(actor=people.officer, record=customer, assignee=people.editor, title="x")
    assert "cannot see this customer" in exc.value.message_dict["assignee"][0]
    with pytest.raises(WorklistRefused):
        task_create(actor=people.editor, record=customer, assignee=people.editor, title="x")


def test_the_customer_page_offers_a_task(people):
    customer = a_customer(people.officer)
    client = signed_in(people.borough, people.officer)
    link = f"/tasks/new/customer/{customer.public_id}/"
    assert link in body(client.get(f"/customers/{customer.public_id}/"))
    response = client.post(
        link, {"title": "Post the form", "assignee": str(people.colleague.public_id)}
    )
    assert response.status_code == 302
    assert Task.objects.get(assignee=people.colleague).title == "Customer (J. O.): Post the form"
