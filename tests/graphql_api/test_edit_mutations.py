"""The API corrects records through the portal's services: the same people may (the
engagement's owner and managers; any caseworker for contacts), the same reasons are
asked for and kept in the history, and refusals name this API's input fields."""

from datetime import date, timedelta

import pytest

from casework import selectors_history
from casework.models import Consultation, Contact, Engagement, ServiceDelivery
from casework.services.contacts import contact_create
from casework.services.engagements import delivery_create, engagement_close
from tests.graphql_api.helpers import codes, global_id, payload, run

ERRORS = "errors { field message code }"
DELIVERY_UPDATE = f"""mutation($input: DeliveryUpdateInput!) {{ deliveryUpdate(input: $input)
  {{ delivery {{ id attendance durationMinutes }} {ERRORS} }} }}"""
DELIVERY_REMOVE = f"""mutation($id: ID!, $reason: String!) {{ deliveryRemove(input: {{id: $id,
  reason: $reason}}) {{ delivery {{ id }} {ERRORS} }} }}"""
ENGAGEMENT_UPDATE = f"""mutation($input: EngagementUpdateInput!) {{
  engagementUpdate(input: $input) {{ engagement {{ id referralSource stage }} {ERRORS} }} }}"""
CONSULTATION_UPDATE = f"""mutation($input: ConsultationUpdateInput!) {{
  consultationUpdate(input: $input) {{ consultation {{ id notes }} {ERRORS} }} }}"""
CONSULTATION_REMOVE = f"""mutation($id: ID!, $reason: String!) {{ consultationRemove(input:
  {{id: $id, reason: $reason}}) {{ consultation {{ id }} {ERRORS} }} }}"""
CONTACT_UPDATE = f"""mutation($input: ContactUpdateInput!) {{ contactUpdate(input: $input)
  {{ contact {{ id dateOfBirth }} {ERRORS} }} }}"""
MEMBER_REMOVE = f"""mutation($h: ID!, $c: ID!, $reason: String!) {{ householdMemberRemove(input:
  {{householdId: $h, contactId: $c, reason: $reason}}) {{ household {{ name members {{ firstName }} }}
  {ERRORS} }} }}"""


@pytest.mark.parametrize(
    ("who", "outcome"),
    [
        ("owner", None),
        ("manager", None),
        ("shared", (None, "REFUSED")),  # sees it, may not change it
        ("other", ("id", "NOT_FOUND")),  # may not see it at all
    ],
)
def test_who_may_change_and_remove_an_engagements_work(world, who, outcome):
    w = world
    user = w.users[who]
    # The world's delivery is a month old: a reason is needed.
    data = payload(
        run(
            user,
            DELIVERY_UPDATE,
            {
                "input": {
                    "id": global_id("ServiceDelivery", w.delivery),
                    "attendance": "absent",
                    "reason": "Register checked",
                }
            },
        ),
        "deliveryUpdate",
    )
    engagement = payload(
        run(
            user,
            ENGAGEMENT_UPDATE,
            {"input": {"id": global_id("Engagement", w.engagement), "referralSource": "GP"}},
        ),
        "engagementUpdate",
    )
    consultation = payload(
        run(
            user,
            CONSULTATION_REMOVE,
            {"id": global_id("Consultation", w.consultation), "reason": "Entered in error"},
        ),
        "consultationRemove",
    )
    delivery = ServiceDelivery.objects.get(pk=w.delivery.pk)
    if outcome is None:
        assert data["errors"] == [] and data["delivery"]["attendance"] == "absent"
        assert engagement["engagement"]["referralSource"] == "GP"
        assert consultation["errors"] == []
        assert delivery.attendance == "absent"
        assert Consultation.objects.get(pk=w.consultation.pk).removed_by == user
        return
    for answer in (data, engagement, consultation):
        assert codes(answer) == {outcome}, answer
    assert delivery.attendance == "attended"
    assert Engagement.objects.get(pk=w.engagement.pk).referral_source == ""
    assert Consultation.objects.get(pk=w.consultation.pk).removed_at is None


def test_refusals_name_the_apis_fields_and_change_nothing(world):
    w = world
    owner = w.users["owner"]
    gid = global_id("ServiceDelivery", w.delivery)
    no_reason = payload(
        run(owner, DELIVERY_UPDATE, {"input": {"id": gid, "durationMinutes": 30}}),
        "deliveryUpdate",
    )
    assert codes(no_reason) == {("reason", "INVALID")}
    bad = payload(
        run(
            owner,
            DELIVERY_UPDATE,
            {
                "input": {
                    "id": gid,
                    "date": (date.today() + timedelta(days=1)).isoformat(),
                    "attendance": "sleeping",
                    "reason": "x",
                }
            },
        ),
        "deliveryUpdate",
    )
    assert codes(bad) == {("date", "INVALID"), ("attendance", "INVALID")}
    unknown_service = payload(
        run(owner, DELIVERY_UPDATE, {"input": {"id": gid, "serviceId": gid, "reason": "x"}}),
        "deliveryUpdate",
    )
    assert codes(unknown_service) == {("serviceId", "NOT_FOUND")}
    ended = payload(
        run(
            owner,
            ENGAGEMENT_UPDATE,
            {"input": {"id": global_id("Engagement", w.engagement), "stage": "closed"}},
        ),
        "engagementUpdate",
    )
    assert codes(ended) == {("stage", "INVALID")}
    blank = payload(
        run(
            owner,
            CONSULTATION_UPDATE,
            {"input": {"id": global_id("Consultation", w.consultation), "notes": None}},
        ),
        "consultationUpdate",
    )
    assert codes(blank) == {("notes", "INVALID")}
    no_removal_reason = payload(
        run(owner, DELIVERY_REMOVE, {"id": gid, "reason": " "}), "deliveryRemove"
    )
    assert codes(no_removal_reason) == {("reason", "INVALID")}
    delivery = ServiceDelivery.objects.get(pk=w.delivery.pk)
    assert (delivery.duration_minutes, delivery.attendance, delivery.removed_at) == (
        None,
        "attended",
        None,
    )
    assert Engagement.objects.get(pk=w.engagement.pk).stage == "in_progress"


def test_a_childs_date_of_birth_through_the_api_keeps_the_reason(world):
    w = world
    other = w.users["other"]  # any caseworker corrects a contact
    born = date.today() - timedelta(days=900)
    variables = {"input": {"id": global_id("Contact", w.child), "dateOfBirth": born.isoformat()}}
    refused = payload(run(other, CONTACT_UPDATE, variables), "contactUpdate")
    assert codes(refused) == {("reason", "INVALID")}
    variables["input"]["reason"] = "Birth certificate seen"
    done = payload(run(other, CONTACT_UPDATE, variables), "contactUpdate")
    assert done["errors"] == [] and done["contact"]["dateOfBirth"] == born.isoformat()
    entry = selectors_history.contact_history(user=other, public_id=w.child.public_id)[1][0]
    assert entry.reason == "Birth certificate seen" and entry.who == other.get_full_name()


def test_removing_through_the_api_shows_on_history_with_the_reason(world):
    w = world
    manager = w.users["manager"]
    fresh = delivery_create(
        actor=w.users["owner"], engagement=w.engagement, service=w.service, on=date.today()
    )
    data = payload(
        run(
            manager,
            DELIVERY_REMOVE,
            {"id": global_id("ServiceDelivery", fresh), "reason": "Wrong day"},
        ),
        "deliveryRemove",
    )
    assert data["errors"] == []
    entries = selectors_history.engagement_history(user=manager, public_id=w.engagement.public_id)[
        1
    ]
    newest = entries.object_list[0]
    assert newest.what.startswith("Service delivery removed") and newest.reason == "Wrong day"
    listed = run(
        manager,
        "query($id: ID!) { node(id: $id) { ... on Engagement { deliveries(first: 10) "
        "{ totalCount } } } }",
        {"id": global_id("Engagement", w.engagement)},
    )
    assert listed.data["node"]["deliveries"]["totalCount"] == 1  # the world's own, not fresh
    again = payload(
        run(
            manager,
            DELIVERY_REMOVE,
            {"id": global_id("ServiceDelivery", fresh), "reason": "Twice"},
        ),
        "deliveryRemove",
    )
    assert codes(again) == {("id", "NOT_FOUND")}


def test_a_closed_engagement_is_changed_only_by_a_manager_with_a_reason(world):
    w = world
    engagement_close(actor=w.users["owner"], engagement=w.engagement, closed_on=date.today())
    gid = global_id("Engagement", w.engagement)
    refused = payload(
        run(w.users["owner"], ENGAGEMENT_UPDATE, {"input": {"id": gid, "referralSource": "x"}}),
        "engagementUpdate",
    )
    assert codes(refused) == {(None, "REFUSED")}
    no_reason = payload(
        run(w.users["manager"], ENGAGEMENT_UPDATE, {"input": {"id": gid, "referralSource": "x"}}),
        "engagementUpdate",
    )
    assert codes(no_reason) == {("reason", "INVALID")}
    done = payload(
        run(
            w.users["manager"],
            ENGAGEMENT_UPDATE,
            {"input": {"id": gid, "referralSource": "School nurse", "reason": "From the letter"}},
        ),
        "engagementUpdate",
    )
    assert done["errors"] == [] and done["engagement"]["referralSource"] == "School nurse"


def test_a_household_member_entered_in_error_is_removed(world):
    w = world
    wrong = contact_create(
        actor=w.users["owner"],
        kind="adult",
        first_name="Wrong",
        last_name="Person",
        household=w.household,
    )
    h = global_id("Household", w.household)
    child_refused = payload(
        run(
            w.users["other"],
            MEMBER_REMOVE,
            {"h": h, "c": global_id("Contact", w.child), "reason": "Entered in error"},
        ),
        "householdMemberRemove",
    )
    assert codes(child_refused) == {("contactId", "INVALID")}  # has engagements: moved instead
    data = payload(
        run(
            w.users["other"],
            MEMBER_REMOVE,
            {"h": h, "c": global_id("Contact", wrong), "reason": "Entered in error"},
        ),
        "householdMemberRemove",
    )
    assert data["errors"] == []
    assert "Wrong" not in [m["firstName"] for m in data["household"]["members"]]
    assert data["household"]["name"] == "Quillfeather Household"
    assert Contact.objects.get(pk=wrong.pk).removal_reason == "Entered in error"
