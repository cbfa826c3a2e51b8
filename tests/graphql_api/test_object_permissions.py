"""The object-permission matrix for every type, by node(id:), by the top-level list and
nested under a visible parent: the owner of an engagement, another practitioner, a
manager, a colleague it is shared with, and an editor (no casework at all)."""

import pytest

from tests.casework.screens import user_with
from tests.graphql_api.helpers import global_id, run

pytestmark = pytest.mark.security

WHO = ("owner", "other", "manager", "shared", "editor")
Y, N = True, False

# type name → (world attribute, top-level list field, visible to each of WHO)
MATRIX = {
    "Contact": ("child", "contacts", (Y, Y, Y, Y, N)),
    "Household": ("household", "households", (Y, Y, Y, Y, N)),
    "Programme": ("programme", "programmes", (Y, Y, Y, Y, N)),
    "Service": ("service", "services", (Y, Y, Y, Y, N)),
    "Engagement": ("engagement", "engagements", (Y, N, Y, Y, N)),
    "ServiceDelivery": ("delivery", "deliveries", (Y, N, Y, Y, N)),
    "Consultation": ("consultation", "consultations", (Y, N, Y, Y, N)),
    "SafeguardingCase": ("case", "safeguardingCases", (Y, N, Y, Y, N)),
    "ApprovalRequest": ("closure", "approvalRequests", (Y, N, Y, Y, N)),
    # A person's own: the owner's task for the new case, the manager's notification.
    "Task": ("task", "tasks", (Y, N, N, N, N)),
    "Notification": ("notification", "notifications", (N, N, Y, N, N)),
    # Accounts are listed for those who manage users (champions); each sees themself.
    "User": (None, "users", (Y, N, N, N, N)),
}


@pytest.fixture
def world_with_editor(world):
    world.users["editor"] = user_with("editor")
    return world


def _object(w, type_name, attr):
    return w.users["owner"] if attr is None else getattr(w, attr)


@pytest.mark.parametrize("type_name", list(MATRIX))
@pytest.mark.parametrize("who", WHO)
def test_matrix(world_with_editor, who, type_name):
    w = world_with_editor
    attr, list_field, expected = MATRIX[type_name]
    visible = expected[WHO.index(who)]
    obj = _object(w, type_name, attr)
    gid = global_id(type_name, obj)
    user = w.users[who]

    result = run(user, "query($id: ID!) { node(id: $id) { id } }", {"id": gid})
    assert result.errors is None, result.errors
    assert (result.data["node"] is not None) == visible, (who, type_name, "node")

    result = run(user, f"{{ {list_field}(first: 100) {{ edges {{ node {{ id }} }} }} }}")
    assert result.errors is None, result.errors
    ids = {edge["node"]["id"] for edge in result.data[list_field]["edges"]}
    assert (gid in ids) == visible, (who, type_name, "list")


@pytest.mark.parametrize("who", WHO)
def test_nested_lists_obey_visibility(world_with_editor, who):
    """A contact every practitioner sees must not leak its engagements, or their work."""
    w = world_with_editor
    engagement_visible = MATRIX["Engagement"][2][WHO.index(who)]
    contact_visible = MATRIX["Contact"][2][WHO.index(who)]
    query = """query($id: ID!) { node(id: $id) { ... on Contact {
        engagements(first: 10) { totalCount edges { node { id
          deliveries(first: 10) { totalCount edges { node { summary } } }
          consultations(first: 10) { totalCount edges { node { notes } } } } } }
        household { members { firstName } }
        relationships { kind other { firstName } } } } }"""
    result = run(w.users[who], query, {"id": global_id("Contact", w.child)})
    assert result.errors is None, result.errors
    node = result.data["node"]
    if not contact_visible:
        assert node is None
        return
    engagements = node["engagements"]
    assert engagements["totalCount"] == (1 if engagement_visible else 0)
    text = str(result.data)
    assert ("Delivery summary marker" in text) == engagement_visible
    assert ("Consultation notes marker" in text) == engagement_visible
    assert {m["firstName"] for m in node["household"]["members"]} == {"Zephyrine", "Jane"}
    assert node["relationships"] == [{"kind": "child", "other": {"firstName": "Jane"}}]


def test_a_champion_sees_every_account_but_only_through_users(world_with_editor):
    from tenants.accounts.models import User

    champion = User.objects.get(username="champion")
    owner = world_with_editor.users["owner"]
    result = run(
        champion,
        "query($id: ID!) { node(id: $id) { ... on User { username } } }",
        {"id": global_id("User", owner)},
    )
    assert result.data["node"] == {"username": owner.username}
    result = run(champion, "{ users(first: 100) { totalCount } }")
    assert result.data["users"]["totalCount"] == User.objects.count()


def test_an_engagements_owner_is_named_even_to_those_who_cannot_list_accounts(world_with_editor):
    w = world_with_editor
    result = run(
        w.users["manager"],
        "query($id: ID!) { node(id: $id) { ... on Engagement { owner { fullName } } } }",
        {"id": global_id("Engagement", w.engagement)},
    )
    assert result.data["node"]["owner"]["fullName"] == w.users["owner"].full_name
