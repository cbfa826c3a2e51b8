"""The delegation rule as the issue states it, over the role definitions
(tenants.accounts.roles), not from the policy code under test: the oracle of the
delegation tests, through the services and over HTTP."""

from tenants.accounts import capabilities as cap
from tenants.accounts.roles import role_spec

FAMILY_CENTRE_ROLES = ["practitioner", "manager", "dsl", "champion", "editor", "integrator"]
CHAMPION_PRIVILEGES = {cap.MANAGE_USERS, cap.CHANGE_OWN_PASSWORD}


def expected_rights(role_key: str, privileges) -> frozenset[str]:
    return role_spec(role_key, "family_centre").permissions | frozenset(privileges)


def may_give(actor_role: str, target_role: str) -> bool:
    """The rule: a role may be given only if its permissions are within the actor's."""
    return role_spec(target_role, "family_centre").permissions <= expected_rights(
        actor_role, CHAMPION_PRIVILEGES
    )


def may_touch(actor_role: str, target_role: str) -> bool:
    """The rule: edit only users whose permissions are within the actor's."""
    target = expected_rights(target_role, {cap.CHANGE_OWN_PASSWORD})
    return target <= expected_rights(actor_role, CHAMPION_PRIVILEGES)
