"""A casework screen that cannot go on says why and who can fix it."""

from casework.models import Programme
from tests.casework.screens import body, new_child, user_with
from tests.clients import signed_in


def test_no_programme_to_open_an_engagement_on_says_so_and_links_the_fix(in_partner_a):
    practitioner = user_with("practitioner")
    child = new_child(practitioner)
    url = f"/contacts/{child.public_id}/engagements/new/"
    page = body(signed_in(in_partner_a, practitioner).get(url))
    assert "no programme is taking new engagements" in page
    assert "Ask a manager to add a programme" in page and 'data-testid="fix"' not in page
    manager_page = body(signed_in(in_partner_a, user_with("manager")).get(url))
    assert 'href="/programmes/" data-testid="fix">Add a programme' in manager_page
    Programme.objects.create(name="Riverside Families", code_prefix="RF")
    page = body(signed_in(in_partner_a, practitioner).get(url))
    assert 'data-testid="no-programmes"' not in page and "Riverside Families" in page
