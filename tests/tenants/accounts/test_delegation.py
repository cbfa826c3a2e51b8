"""The delegation rule through the services: each actor role × each target role ×
same or other partner × each action. The expected answer comes from the rule as
the issue states it, over the role definitions (tenants.accounts.roles), not from
the policy code under test."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_tenants.utils import schema_context

from tenants.accounts import capabilities as cap
from tenants.accounts.models import AuditEntry, User
from tenants.accounts.policy import DelegationRefused
from tenants.accounts.services import (
    user_create,
    user_deactivate,
    user_reactivate,
    user_reset_password,
    user_update,
)
from tests.tenants.accounts.delegation import (
    CHAMPION_PRIVILEGES,
    FAMILY_CENTRE_ROLES,
    may_give,
    may_touch,
)
from tests.tenants.accounts.helpers import make_user


def test_the_headline_cases_of_the_rule():
    # Written out by hand, so the oracle (tests/tenants/accounts/delegation.py) is itself checked
    # against the words.
    assert may_give("champion", "practitioner") and may_give("champion", "manager")
    assert not may_give("champion", "dsl")
    assert may_give("dsl", "manager") and not may_give("manager", "dsl")
    assert not may_give("practitioner", "manager")
    assert may_give("champion", "editor") and may_give("champion", "integrator")


@pytest.mark.parametrize("actor_role", FAMILY_CENTRE_ROLES)
@pytest.mark.parametrize("target_role", FAMILY_CENTRE_ROLES)
def test_create_same_partner(in_partner_a, actor_role, target_role):
    actor = make_user(role_key=actor_role, privileges=CHAMPION_PRIVILEGES)
    before = User.objects.count()
    call = lambda: user_create(  # noqa: E731
        actor=actor,
        partner=in_partner_a,
        username="new-person",
        full_name="New Person",
        role_key=target_role,
        privileges={cap.CHANGE_OWN_PASSWORD},
    )
    if may_give(actor_role, target_role):
        created = call()
        assert created.user.role.key == target_role
        assert created.user.must_change_password
        assert AuditEntry.objects.filter(
            action="user.create", target_username="new-person"
        ).exists()
    else:
        with pytest.raises(
            DelegationRefused, match="You can only give roles that have no more rights"
        ):
            call()
        assert User.objects.count() == before


@pytest.mark.parametrize("actor_role", FAMILY_CENTRE_ROLES)
@pytest.mark.parametrize("target_role", FAMILY_CENTRE_ROLES)
@pytest.mark.parametrize("action", ["edit", "reset", "deactivate", "grant_manage_users"])
def test_actions_on_an_existing_account_same_partner(in_partner_a, actor_role, target_role, action):
    actor = make_user(role_key=actor_role, privileges=CHAMPION_PRIVILEGES)
    target = make_user(role_key=target_role)
    allowed = may_touch(actor_role, target_role)
    snapshot = (target.full_name, target.is_active, target.password, target.role_id)

    def run():
        if action == "edit":
            return user_update(
                actor=actor,
                partner=in_partner_a,
                user_public_id=target.public_id,
                full_name="Renamed Person",
                role_key=target_role,
                privileges={cap.CHANGE_OWN_PASSWORD},
            )
        if action == "reset":
            return user_reset_password(
                actor=actor, partner=in_partner_a, user_public_id=target.public_id
            )
        if action == "deactivate":
            return user_deactivate(
                actor=actor, partner=in_partner_a, user_public_id=target.public_id
            )
        return user_update(
            actor=actor,
            partner=in_partner_a,
            user_public_id=target.public_id,
            full_name=target.full_name,
            role_key=target_role,
            privileges=CHAMPION_PRIVILEGES,
        )

    if allowed:
        run()
        target.refresh_from_db()
        assert {
            "edit": target.full_name == "Renamed Person",
            "reset": target.must_change_password,
            "deactivate": not target.is_active,
            "grant_manage_users": target.has_perm(cap.MANAGE_USERS),
        }[action]
    else:
        with pytest.raises(DelegationRefused, match="it has rights that you do not have"):
            run()
        target.refresh_from_db()
        assert (target.full_name, target.is_active, target.password, target.role_id) == snapshot


@pytest.mark.parametrize("actor_role", FAMILY_CENTRE_ROLES)
@pytest.mark.parametrize("new_role", FAMILY_CENTRE_ROLES)
def test_change_role_of_a_practitioner(in_partner_a, actor_role, new_role):
    actor = make_user(role_key=actor_role, privileges=CHAMPION_PRIVILEGES)
    target = make_user(role_key="practitioner")
    call = lambda: user_update(  # noqa: E731
        actor=actor,
        partner=in_partner_a,
        user_public_id=target.public_id,
        full_name=target.full_name,
        role_key=new_role,
        privileges={cap.CHANGE_OWN_PASSWORD},
    )
    if not may_touch(actor_role, "practitioner"):
        with pytest.raises(DelegationRefused):
            call()
    elif may_give(actor_role, new_role):
        assert call().role.key == new_role
    else:
        with pytest.raises(DelegationRefused, match="You can only give roles"):
            call()
        target.refresh_from_db()
        assert target.role.key == "practitioner"


def test_a_privilege_can_only_be_granted_by_someone_who_holds_it(in_partner_a):
    # A manager-role account holding manage users but not "change own password".
    actor = make_user(role_key="manager", privileges={cap.MANAGE_USERS})
    with pytest.raises(DelegationRefused, match="You can only grant a privilege that you hold"):
        user_create(
            actor=actor,
            partner=in_partner_a,
            username="p1",
            full_name="P One",
            role_key="practitioner",
            privileges={cap.CHANGE_OWN_PASSWORD},
        )
    assert not User.objects.filter(username="p1").exists()


def test_without_manage_users_nothing_can_be_done(in_partner_a):
    actor = make_user(role_key="dsl", privileges={cap.CHANGE_OWN_PASSWORD})
    target = make_user(role_key="practitioner")
    with pytest.raises(DelegationRefused, match="manage users"):
        user_create(
            actor=actor, partner=in_partner_a, username="x1", full_name="X", role_key="practitioner"
        )
    with pytest.raises(DelegationRefused, match="manage users"):
        user_deactivate(actor=actor, partner=in_partner_a, user_public_id=target.public_id)


@pytest.mark.parametrize("action", ["create", "edit", "reset", "deactivate"])
def test_a_champion_of_partner_b_cannot_act_in_partner_a(partner_a, partner_b, action):
    with schema_context(partner_a.schema_name):
        target = make_user(role_key="practitioner")
    connection.set_tenant(partner_b)
    try:
        champion_b = make_user(role_key="champion", privileges=CHAMPION_PRIVILEGES)
        with pytest.raises(
            DelegationRefused, match="only manage accounts in your own organisation"
        ):
            if action == "create":
                user_create(
                    actor=champion_b,
                    partner=partner_a,
                    username="intruder",
                    full_name="I",
                    role_key="practitioner",
                )
            elif action == "edit":
                user_update(
                    actor=champion_b,
                    partner=partner_a,
                    user_public_id=target.public_id,
                    full_name="Hacked",
                    role_key="practitioner",
                    privileges=set(),
                )
            elif action == "reset":
                user_reset_password(
                    actor=champion_b, partner=partner_a, user_public_id=target.public_id
                )
            else:
                user_deactivate(
                    actor=champion_b, partner=partner_a, user_public_id=target.public_id
                )
    finally:
        connection.set_schema_to_public()
    with schema_context(partner_a.schema_name):
        target.refresh_from_db()
        assert target.full_name == "Test Practitioner" and target.is_active
        assert not User.objects.filter(username="intruder").exists()


@pytest.mark.parametrize("role_key", FAMILY_CENTRE_ROLES)
def test_platform_staff_create_any_role_in_any_partner(platform, partner_a, role_key):
    connection.set_tenant(platform)
    staff = User.objects.get(username="platform-staff")
    created = user_create(
        actor=staff,
        partner=partner_a,
        username=f"by-platform-{role_key}",
        full_name="By Platform",
        role_key=role_key,
        privileges=CHAMPION_PRIVILEGES,
        delivery="temporary_password",
    )
    with schema_context(partner_a.schema_name):
        user = User.objects.get(pk=created.user.pk)
        assert user.role.key == role_key
        assert user.check_password(created.secret)
        entry = AuditEntry.objects.get(action="user.create", target_username=user.username)
        assert entry.actor_is_platform and entry.actor_username == "platform-staff"


def test_a_role_from_another_partner_is_unknown(in_partner_a):
    """Beta is a support line: its roles do not exist at Alpha, a family centre."""
    actor = make_user(role_key="champion", privileges=CHAMPION_PRIVILEGES)
    with pytest.raises(ValidationError) as caught:
        user_create(
            actor=actor, partner=in_partner_a, username="x2", full_name="X", role_key="call-handler"
        )
    assert caught.value.message_dict["role"] == ["Choose a role from the list."]


def test_nobody_raises_their_own_role_or_privileges(in_partner_a):
    manager = make_user(role_key="manager", privileges=CHAMPION_PRIVILEGES)
    with pytest.raises(DelegationRefused, match="cannot give yourself"):
        user_update(
            actor=manager,
            partner=in_partner_a,
            user_public_id=manager.public_id,
            full_name=manager.full_name,
            role_key="champion",
            privileges=CHAMPION_PRIVILEGES,
        )
    practitioner = make_user(role_key="practitioner", privileges={cap.MANAGE_USERS})
    with pytest.raises(DelegationRefused, match="cannot give yourself"):
        user_update(
            actor=practitioner,
            partner=in_partner_a,
            user_public_id=practitioner.public_id,
            full_name="P",
            role_key="practitioner",
            privileges=CHAMPION_PRIVILEGES,
        )


def test_the_last_active_champion_cannot_be_demoted_or_deactivated(in_partner_a):
    # Only one account may manage users here: take the privilege away from the seeded champion.
    for user in User.objects.all():
        user.user_permissions.remove(*user.user_permissions.filter(codename="manage_users"))
    last = make_user(role_key="champion", privileges=CHAMPION_PRIVILEGES)
    with pytest.raises(DelegationRefused, match="last active account that can manage users"):
        user_deactivate(actor=last, partner=in_partner_a, user_public_id=last.public_id)
    with pytest.raises(DelegationRefused, match="last active account"):
        user_update(
            actor=last,
            partner=in_partner_a,
            user_public_id=last.public_id,
            full_name=last.full_name,
            role_key="champion",
            privileges={cap.CHANGE_OWN_PASSWORD},
        )
    last.refresh_from_db()
    assert last.is_active and last.has_perm(cap.MANAGE_USERS)
    second = make_user(role_key="champion", privileges=CHAMPION_PRIVILEGES)
    user_deactivate(actor=second, partner=in_partner_a, user_public_id=last.public_id)
    last.refresh_from_db()
    assert not last.is_active


def test_deactivation_keeps_the_account_and_reactivation_restores_it(in_partner_a):
    champion = make_user(role_key="champion", privileges=CHAMPION_PRIVILEGES)
    target = make_user(role_key="practitioner", password="a-long-enough-password")
    user_deactivate(actor=champion, partner=in_partner_a, user_public_id=target.public_id)
    assert User.objects.filter(pk=target.pk, is_active=False).exists()
    user_reactivate(actor=champion, partner=in_partner_a, user_public_id=target.public_id)
    target.refresh_from_db()
    assert target.is_active and target.check_password("a-long-enough-password")
    actions = list(
        AuditEntry.objects.filter(target_public_id=target.public_id).values_list(
            "action", flat=True
        )
    )
    assert actions == ["user.reactivate", "user.deactivate"]


def test_bad_details_are_refused_naming_the_field(in_partner_a):
    champion = make_user(role_key="champion", privileges=CHAMPION_PRIVILEGES)
    with pytest.raises(ValidationError) as caught:
        user_create(
            actor=champion,
            partner=in_partner_a,
            username="champion",
            full_name=" ",
            role_key="practitioner",
            email="not-an-email",
        )
    errors = caught.value.message_dict
    assert "already taken" in errors["username"][0]
    assert errors["full_name"] == ["Enter the person's full name."]
    assert "email" in errors
    with pytest.raises(ValidationError, match="Choose an invitation link or a temporary password"):
        user_create(
            actor=champion,
            partner=in_partner_a,
            username="ok-name",
            full_name="Ok",
            role_key="practitioner",
            delivery="carrier-pigeon",
        )
    assert not User.objects.filter(username="ok-name").exists()
