"""Who may open Wagtail at /cms/ and what they may do there: the role capabilities decide
(WAGTAIL_ACCESS_ADMIN to enter, EDIT_MANUAL to edit, APPROVE_MANUAL to publish)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission

from cms import selectors
from cms.services import manual_permissions_sync
from tenants.accounts import capabilities as cap
from tenants.accounts.models import Role, User
from tests.clients import signed_in
from tests.partners import PASSWORD, domain_of


def _custom_role_user(partner, *, name: str, permissions: list[str]) -> Client:
    group = Group.objects.create(name=name)
    for perm in permissions:
        app, code = perm.split(".", 1)
        group.permissions.add(Permission.objects.get(content_type__app_label=app, codename=code))
    role = Role.objects.create(
        key=name.lower().replace(" ", "-"), name=name, kinds=[partner.kind], group=group
    )
    user = User.objects.create(username=role.key, full_name=name, role=role)
    user.set_password(PASSWORD)
    user.save()
    user.groups.set([group])
    return signed_in(partner, user.username)


@pytest.mark.parametrize(
    ("username", "expected"),
    [("editor", 200), ("manager", 200), ("dsl", 200), ("champion", 200), ("practitioner", 302)],
)
def test_the_roles_with_wagtail_access_open_the_editor(in_partner_a, username, expected):
    response = signed_in(in_partner_a, username).get("/cms/")
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/sign-in/")


def test_the_wagtail_access_capability_is_what_lets_people_in(in_partner_a):
    without = _custom_role_user(
        in_partner_a, name="Volunteer", permissions=[cap.RECORD_CASEWORK, cap.EDIT_MANUAL]
    )
    assert without.get("/cms/").status_code == 302
    with_access = _custom_role_user(
        in_partner_a, name="Reader", permissions=[cap.WAGTAIL_ACCESS_ADMIN]
    )
    assert with_access.get("/cms/").status_code == 200


def test_editors_may_edit_but_not_publish_and_managers_may_publish(in_partner_a):
    home = selectors.manual_home()
    rights = {
        (p.group.role.key, p.permission.codename)
        for p in GroupPagePermission.objects.filter(page=home).select_related(
            "group__role", "permission"
        )
    }
    assert ("editor", "change_page") in rights and ("editor", "add_page") in rights
    assert ("editor", "publish_page") not in rights
    for approver in ("manager", "dsl", "champion"):
        assert (approver, "publish_page") in rights
    assert not any(key in {"practitioner", "integrator"} for key, _ in rights)
    # Nothing is granted anywhere else in the tree.
    assert not GroupPagePermission.objects.exclude(page=home).exists()


def test_an_editor_cannot_edit_pages_outside_the_manual(in_partner_a):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    editor = signed_in(in_partner_a, "editor")
    assert editor.get(f"/cms/pages/{root.pk}/edit/").status_code in (302, 403, 404)
    home = selectors.manual_home()
    assert editor.get(f"/cms/pages/{home.pk}/edit/").status_code == 200


def test_editors_and_approvers_may_upload_images_and_documents(in_partner_a):
    editor = signed_in(in_partner_a, "editor")
    assert editor.get("/cms/images/").status_code == 200
    assert editor.get("/cms/documents/").status_code == 200
    assert editor.get("/cms/images/add/").status_code == 200
    practitioner = signed_in(in_partner_a, "practitioner")
    assert practitioner.get("/cms/images/").status_code == 302


def test_a_role_given_manual_rights_later_gets_them_on_sync(in_partner_a):
    group = Group.objects.create(name="Volunteer editor")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=cap.APP, codename="edit_manual"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    Role.objects.create(key="volunteer-editor", name="Volunteer editor", kinds=["x"], group=group)
    manual_permissions_sync()
    codes = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert codes == {"add_page", "change_page", "lock_page"}
    manual_permissions_sync()  # idempotent
    assert GroupPagePermission.objects.filter(group=group).count() == 3


def test_wagtails_user_and_group_screens_stay_withheld_for_managers(in_partner_a):
    manager = signed_in(in_partner_a, "manager")
    assert manager.get("/cms/users/").status_code == 403
    assert manager.get("/cms/groups/").status_code == 403
    menu = manager.get("/cms/").content.decode()
    assert "/cms/users/" not in menu and "/cms/groups/" not in menu


def test_signed_out_visitors_never_reach_the_editor(partner_a):
    response = Client(HTTP_HOST=domain_of(partner_a)).get("/cms/pages/")
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"] or "/cms/login/" in response["Location"]
