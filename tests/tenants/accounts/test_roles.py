"""Partner-specific roles: added by managers, never with rights they do not hold."""

import pytest
from django.test import Client

from tenants.accounts import capabilities as cap
from tenants.accounts.models import AuditEntry, Role
from tenants.accounts.policy import DelegationRefused
from tenants.accounts.services import role_create, user_create
from tests.partners import PASSWORD, domain_of
from tests.tenants.accounts.helpers import make_user


def test_a_manager_adds_a_role_within_their_rights(in_partner_a):
    manager = make_user(role_key="manager", privileges={cap.MANAGE_USERS, cap.CHANGE_OWN_PASSWORD})
    role = role_create(
        actor=manager,
        partner=in_partner_a,
        name="Outreach worker",
        permissions={cap.RECORD_CASEWORK, cap.VIEW_REPORTS},
    )
    assert role.permission_names() == {cap.RECORD_CASEWORK, cap.VIEW_REPORTS}
    assert role.kinds == [in_partner_a.kind] and not role.is_builtin
    assert AuditEntry.objects.filter(action="role.create").exists()
    # ... and the delegation rule applies to it like any other role.
    created = user_create(
        actor=manager, partner=in_partner_a, username="outreach", full_name="O", role_key=role.key
    )
    assert created.user.role == role


def test_a_role_above_the_managers_rights_is_refused(in_partner_a):
    manager = make_user(role_key="manager")
    with pytest.raises(DelegationRefused, match="no more rights than your own"):
        role_create(
            actor=manager,
            partner=in_partner_a,
            name="Super",
            permissions={cap.NOTIFY_LOCAL_AUTHORITY},
        )
    assert not Role.objects.filter(name="Super").exists()


def test_practitioners_cannot_add_roles_and_names_are_unique(in_partner_a):
    practitioner = make_user(role_key="practitioner")
    with pytest.raises(DelegationRefused, match="right to add roles"):
        role_create(actor=practitioner, partner=in_partner_a, name="Mine", permissions=set())
    manager = make_user(role_key="manager")
    with pytest.raises(Exception, match="already exists"):
        role_create(actor=manager, partner=in_partner_a, name="practitioner", permissions=set())


def test_roles_page_over_http(in_partner_a):
    manager = make_user(role_key="manager", password=PASSWORD)
    client = Client(HTTP_HOST=domain_of(in_partner_a))
    client.post("/sign-in/", {"username": manager.username, "password": PASSWORD})
    page = client.get("/roles/").content.decode()
    assert "Designated safeguarding lead" in page and "Call handler" not in page
    form = client.get("/roles/new/").content.decode()
    assert cap.NOTIFY_LOCAL_AUTHORITY not in form and cap.VIEW_REPORTS in form
    response = client.post(
        "/roles/new/", {"name": "Forged", "permissions": [cap.NOTIFY_LOCAL_AUTHORITY]}
    )
    assert (
        "You can only give roles that have no more rights than your own."
        in response.content.decode()
    )
    assert not Role.objects.filter(name="Forged").exists()
    assert (
        client.post(
            "/roles/new/", {"name": "Sessional", "permissions": [cap.RECORD_CASEWORK]}
        ).status_code
        == 302
    )
    assert Role.objects.filter(name="Sessional").exists()


@pytest.mark.security
def test_a_name_whose_key_is_a_built_in_roles_is_a_field_error_not_a_500(in_partner_a):
    """ "DSL" becomes the key `dsl`, the built-in designated safeguarding lead's."""
    manager = make_user(role_key="manager", password=PASSWORD)
    client = Client(HTTP_HOST=domain_of(in_partner_a))
    client.post("/sign-in/", {"username": manager.username, "password": PASSWORD})
    groups_before = Role.objects.count()
    response = client.post("/roles/new/", {"name": "DSL", "permissions": [cap.RECORD_CASEWORK]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "“DSL” is too close to the existing role “Designated safeguarding lead”" in page
    assert Role.objects.count() == groups_before
