from casework.services.engagements import delivery_create
from tests.casework.screens import new_child, new_engagement, user_with
from tests.graphql_api.conftest import gql

PAGE = """
query Page($first: Int!) {
  engagements(first: $first) {
    totalCount
    edges { cursor node { id stage startDate contact { id firstName household { name } }
      deliveries(first: 5) { totalCount edges { node { id date service { name } } } } } }
  }
}
"""


def test_smoke(client_a, token_a, catalogue):
    programme, service = catalogue
    owner = user_with("practitioner")
    child = new_child(owner)
    engagement = new_engagement(owner, child, programme)
    delivery_create(actor=owner, engagement=engagement, service=service, on=engagement.start_date)
    status, data = gql(client_a, PAGE, {"first": 10}, token=token_a)
    print(data)
    assert status == 200
    assert data["data"]["engagements"]["totalCount"] == 1
