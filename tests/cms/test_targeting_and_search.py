"""Role targeting (in browse, search, help and direct links) and Wagtail search over the
manual, in each partner's own schema."""

import pytest
from django.core.exceptions import ValidationError

from cms import selectors
from cms.models import ManualChapterPage, ManualTopicPage
from tenants.accounts.models import User
from tests.clients import signed_in
from tests.cms.helpers import main_text, topic

MANAGERS_ONLY = "/manual/family-centres/safeguarding-closure/"


def test_a_page_for_managers_is_shown_to_managers(in_partner_a):
    client = signed_in(in_partner_a, "manager")
    assert "Approving safeguarding closure" in main_text(client.get("/manual/"))
    assert "Approving safeguarding closure" in main_text(client.get("/manual/family-centres/"))
    assert client.get(MANAGERS_ONLY).status_code == 200
    results = main_text(client.get("/manual/search/?q=approve closure"))
    assert "Approving safeguarding closure" in results
    assert client.get("/manual/help/closure-approval/")["Location"] == MANAGERS_ONLY


def test_a_page_for_managers_is_not_shown_to_a_practitioner(in_partner_a):
    client = signed_in(in_partner_a, "practitioner")
    assert "Approving safeguarding closure" not in main_text(client.get("/manual/"))
    assert "Approving safeguarding closure" not in main_text(client.get("/manual/family-centres/"))
    assert client.get(MANAGERS_ONLY).status_code == 404
    results = main_text(client.get("/manual/search/?q=approve closure"))
    assert "Approving safeguarding closure" not in results
    assert client.get("/manual/help/closure-approval/")["Location"].startswith("/manual/?")
    # ...nor as a related topic on a page the practitioner can read.
    closing = client.get("/manual/family-centres/closing-an-engagement/")
    assert closing.status_code == 200
    assert MANAGERS_ONLY not in closing.content.decode()
    manager_view = signed_in(in_partner_a, "manager").get(
        "/manual/family-centres/closing-an-engagement/"
    )
    assert MANAGERS_ONLY in manager_view.content.decode()


def test_a_chapter_for_other_roles_hides_all_its_topics(in_partner_a):
    # The integrators' chapter is for integrators and champions.
    practitioner = signed_in(in_partner_a, "practitioner")
    assert "API tokens" not in main_text(practitioner.get("/manual/"))
    assert practitioner.get("/manual/integrators/").status_code == 404
    assert practitioner.get("/manual/integrators/api-tokens/").status_code == 404
    assert "API tokens" not in main_text(practitioner.get("/manual/search/?q=token"))
    integrator = signed_in(in_partner_a, "integrator")
    assert integrator.get("/manual/integrators/api-tokens/").status_code == 200
    assert "API tokens" in main_text(integrator.get("/manual/search/?q=token"))


def test_targets_name_the_kind_so_a_support_line_sees_no_family_centre_chapter(in_partner_b):
    client = signed_in(in_partner_b, "call-handler")
    home = main_text(client.get("/manual/"))
    assert "Getting started" in home
    assert "Family centres" not in home
    assert client.get("/manual/family-centres/engagements/").status_code == 404
    # A champion exists in every kind: the champions' chapter is theirs everywhere.
    assert "Champions: managing user accounts" in main_text(
        signed_in(in_partner_b, "champion").get("/manual/")
    )


def test_the_editor_offers_this_partners_roles_as_tick_boxes(in_partner_b):
    client = signed_in(in_partner_b, "editor")
    page = ManualTopicPage.objects.get(slug="welcome")
    html = client.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    assert 'name="for_roles" value="support_line:call-handler"' in html
    assert 'value="family_centre:practitioner"' not in html  # pruned with the other kinds


def test_search_finds_topics_by_words_in_their_body(in_partner_a):
    client = signed_in(in_partner_a, "practitioner")
    # "anonymous attendees" appears only in the deliveries topic's callout.
    response = client.get("/manual/search/?q=anonymous attendees")
    assert response.status_code == 200
    text = main_text(response)
    assert "Deliveries and bulk deliveries" in text
    assert "result" in text
    assert client.get("/manual/search/?q=zzqxj").status_code == 200
    assert "0 results" in main_text(client.get("/manual/search/?q=zzqxj"))


def test_search_sees_only_live_content(in_partner_a):
    page = topic("consultations")
    page.summary = "Recording a quokka conversation."
    page.save_revision()  # a draft: not published
    practitioner = User.objects.get(username="practitioner")
    assert selectors.topics_search(actor=practitioner, query="quokka") == []
    page.get_latest_revision().publish()
    found = selectors.topics_search(actor=practitioner, query="quokka")
    assert [p.slug for p in found] == ["consultations"]


def test_an_empty_search_shows_no_results_list(in_partner_a):
    response = signed_in(in_partner_a, "practitioner").get("/manual/search/?q=")
    assert response.status_code == 200
    assert 'data-testid="search-results"' not in response.content.decode()


def test_reserved_chapter_slugs_are_refused(in_partner_a):
    home = selectors.manual_home()
    with pytest.raises(ValidationError):
        home.add_child(instance=ManualChapterPage(title="Search", slug="search"))
