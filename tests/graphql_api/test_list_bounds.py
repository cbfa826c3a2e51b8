"""Lists the API returns whole (no paging) are counted by the cost limit at their real
maximum, and that maximum is enforced where the list is written (issue 22)."""

import pytest
from django.core.exceptions import ValidationError
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, parse

from casework.models import Contact, Relationship
from casework.services.contacts import contact_create, contact_move_household
from casework.services.relationships import relationship_create
from graphql_api.limits import LIST_BOUNDS, NOT_YET_BOUNDED, query_cost
from graphql_api.schema import schema
from tenants.accounts.models import User
from tests.casework.screens import new_child, user_with
from tests.graphql_api.helpers import refused_without_sql

pytestmark = pytest.mark.security


def _unwrap(gql_type):
    listed = False
    while isinstance(gql_type, GraphQLNonNull | GraphQLList):
        listed = listed or isinstance(gql_type, GraphQLList)
        gql_type = gql_type.of_type
    return gql_type, listed


def unpaged_lists() -> set[tuple[str, str]]:
    found = set()
    for name, gql_type in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(gql_type, GraphQLObjectType):
            continue
        if name.endswith(("Connection", "Edge")):
            continue
        for field_name, field in gql_type.fields.items():
            inner, listed = _unwrap(field.type)
            if listed and hasattr(inner, "fields"):
                found.add((name, field_name))
    return found


def test_every_unpaged_list_has_a_maximum_or_says_why_not():
    unknown = {
        (t, f)
        for t, f in unpaged_lists()
        if (t, f) not in LIST_BOUNDS
        and (t, f) not in NOT_YET_BOUNDED
        and ("*", f) not in NOT_YET_BOUNDED
    }
    assert not unknown, (
        "An unpaged list of objects: page it, or enforce a maximum where it is written and "
        "add it to LIST_BOUNDS in graphql_api/limits.py",
        sorted(unknown),
    )
    assert set(LIST_BOUNDS) <= unpaged_lists(), "a bounded list no longer exists"


@pytest.fixture
def integrator(in_partner_a):
    return User.objects.get(username="integrator")


def test_the_cost_counts_a_list_at_its_real_maximum(integrator):
    # 100 households of up to HOUSEHOLD_MEMBERS_MAX members, each with up to
    # RELATIONSHIPS_MAX relationships: counted as 20 each before.
    members = LIST_BOUNDS[("Household", "members")]
    error = refused_without_sql(
        integrator,
        "{ households(first: 100) { edges { node { members { id relationships { kind } } } } } }",
    )
    assert error.extensions["code"] == "TOO_COSTLY"
    each = LIST_BOUNDS[("Contact", "relationships")]
    assert f"{100 + 100 * members + 100 * members * each} objects" in error.message


REFERRAL_PAGES = """{ referrals(first: 100) { edges { node { id
  events%s { edges { node { action } } }
  appointments%s { edges { node { id } } }
  outcomeSteps%s { edges { node { id } } } } } } }"""


def test_a_referrals_lists_and_a_customers_journey_are_paged(integrator):
    """They were plain lists guessed at 20 items whatever they held; now each is a page,
    counted by its size: 100 a page when `first` is not given."""
    for field in ("events", "appointments", "outcomeSteps"):
        assert (("Referral", field)) not in unpaged_lists()
    assert ("Customer", "journey") not in unpaged_lists()
    error = refused_without_sql(integrator, REFERRAL_PAGES % ("", "", ""))
    assert error.extensions["code"] == "TOO_COSTLY"
    assert f"{100 + 3 * 100 * 100} objects" in error.message
    # A page of referrals that asks for as many of each as it means to read is allowed.
    paged = parse(REFERRAL_PAGES % ("(first: 20)", "(first: 5)", "(first: 10)"))
    assert query_cost(schema._schema, paged, {}) == 100 + 100 * (20 + 5 + 10)
    journeys = parse(
        "{ customers(first: 100) { edges { node { journey { edges { node { referral { id"
        " outcomeSteps(first: 10) { edges { node { id } } } } } } } } } } }"
    )
    assert query_cost(schema._schema, journeys, {}) == 100 + 100 * 100 * (1 + 1 + 10)


def test_a_household_holds_at_most_its_maximum(in_partner_a, monkeypatch):
    monkeypatch.setattr("casework.services.contacts.HOUSEHOLD_MEMBERS_MAX", 2)
    actor = user_with("practitioner")
    sam = new_child(actor)
    contact_create(
        actor=actor, kind="adult", first_name="Jane", last_name="Bunny", household=sam.household
    )
    with pytest.raises(ValidationError) as refused:
        contact_create(
            actor=actor, kind="adult", first_name="Jim", last_name="Bunny", household=sam.household
        )
    assert "the most a household can have" in refused.value.message_dict["household"][0]
    assert not Contact.objects.filter(first_name="Jim").exists()
    elsewhere = contact_create(actor=actor, kind="adult", first_name="Kit", last_name="Far")
    with pytest.raises(ValidationError):
        contact_move_household(actor=actor, contact=elsewhere, household=sam.household)
    elsewhere.refresh_from_db()
    assert elsewhere.household_id != sam.household_id


def test_a_person_has_at_most_their_maximum_of_relationships(in_partner_a, monkeypatch):
    monkeypatch.setattr("casework.services.relationships.RELATIONSHIPS_MAX", 1)
    actor = user_with("practitioner")
    sam = new_child(actor)
    kate = contact_create(actor=actor, kind="adult", first_name="Kate", last_name="Doyle")
    jim = contact_create(actor=actor, kind="adult", first_name="Jim", last_name="Doyle")
    relationship_create(actor=actor, contact=kate, other=sam, kind="mother")
    with pytest.raises(ValidationError) as refused:
        relationship_create(actor=actor, contact=jim, other=sam, kind="father")
    assert "the most one person can have" in refused.value.message_dict["other"][0]
    assert Relationship.objects.filter(contact=jim).count() == 0
