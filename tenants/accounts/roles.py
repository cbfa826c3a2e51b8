"""The roles each kind of partner starts with. Permissions per role arrive with
the delegation rule (accounts issue); the names and who gets them are settled here."""

from dataclasses import dataclass

from tenants.models import PartnerKind


@dataclass(frozen=True)
class RoleSpec:
    key: str  # also the demo username
    name: str
    kinds: tuple[str, ...]


EVERY_KIND = (
    PartnerKind.FAMILY_CENTRE,
    PartnerKind.SUPPORT_LINE,
    PartnerKind.BOROUGH,
    PartnerKind.PROVIDER,
)

PARTNER_ROLES = [
    RoleSpec("practitioner", "Practitioner", (PartnerKind.FAMILY_CENTRE,)),
    RoleSpec("manager", "Manager", (PartnerKind.FAMILY_CENTRE,)),
    RoleSpec("dsl", "Designated safeguarding lead", (PartnerKind.FAMILY_CENTRE,)),
    RoleSpec("call-handler", "Call handler", (PartnerKind.SUPPORT_LINE,)),
    RoleSpec("data-team", "Data team", (PartnerKind.SUPPORT_LINE,)),
    RoleSpec("supervisor", "Supervisor", (PartnerKind.SUPPORT_LINE,)),
    RoleSpec("housing-officer", "Housing officer", (PartnerKind.BOROUGH,)),
    RoleSpec("adviser", "Adviser", (PartnerKind.PROVIDER,)),
    RoleSpec("provider-manager", "Provider manager", (PartnerKind.PROVIDER,)),
    RoleSpec("champion", "Champion", EVERY_KIND),
    RoleSpec("editor", "Editor", EVERY_KIND),
    RoleSpec("integrator", "Integrator", EVERY_KIND),
]

PLATFORM_STAFF = RoleSpec("platform-staff", "Platform staff", (PartnerKind.PLATFORM,))
PLATFORM_MANAGER = RoleSpec("platform-manager", "Platform manager", (PartnerKind.PLATFORM,))
PLATFORM_ROLES = [PLATFORM_STAFF, PLATFORM_MANAGER]

# Declared once: the permissions the platform roles hold in the public schema.
PLATFORM_ROLE_PERMISSIONS = {
    PLATFORM_STAFF.key: ["tenants.view_partner"],
    PLATFORM_MANAGER.key: [
        "tenants.view_partner",
        "tenants.add_partner",
        "tenants.change_partner",
        "tenants.delete_partner",
    ],
}


def roles_for_kind(kind: str) -> list[RoleSpec]:
    if kind == PartnerKind.PLATFORM:
        return PLATFORM_ROLES
    return [role for role in PARTNER_ROLES if kind in role.kinds]
