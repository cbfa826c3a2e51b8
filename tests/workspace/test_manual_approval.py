"""A manual change waiting for approval tells the approvers under the bell and on their
home page, with a link into Wagtail's edit screen; the editor sees it waiting."""

from django.db import connection

from casework.worklist.models import Notification
from tenants.accounts.models import User
from tests.clients import signed_in
from tests.cms.helpers import editor_post, topic


def test_approvers_are_told_and_see_it_on_their_home_page(partner_a):
    editor = signed_in(partner_a, "editor")
    page = topic("safeguarding-concerns")
    response = editor_post(editor, page, paragraph="Ring the duty lead first.", action="submit")
    assert response.status_code == 302
    connection.set_tenant(partner_a)
    review = f"/cms/pages/{page.pk}/edit/"

    told = Notification.objects.filter(link_url=review)
    approvers = {"manager", "dsl", "champion"}
    assert set(told.values_list("recipient__username", flat=True)) == approvers
    assert not told.filter(recipient__username__in=["editor", "practitioner"]).exists()

    manager = signed_in(partner_a, "manager")
    home = manager.get("/").content.decode()
    panel = home.split('data-testid="panel-manual-approvals"', 1)[1].split("</section>", 1)[0]
    assert "<strong>1</strong> manual change waiting for your approval" in panel
    assert f'href="{review}"' in panel and page.title in panel
    assert manager.get(review).status_code == 200  # Wagtail's review screen opens

    connection.set_tenant(partner_a)
    bell = manager.get("/notifications/").content.decode()
    assert page.title in bell

    mine = editor.get("/").content.decode()
    assert "waiting for approval" in mine.split('data-testid="my-manual-changes"', 1)[1]
    connection.set_tenant(partner_a)
    practitioner_home = signed_in(partner_a, "practitioner").get("/").content.decode()
    assert review not in practitioner_home
    assert User.objects.get(username="manager").notifications.filter(link_url=review).count() == 1
