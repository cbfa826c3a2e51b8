"""The roles each kind of partner starts with: a named set of capabilities each.

The template schema holds every kind's roles; a new partner keeps only its own
kind's (see roles_prune_to_kind). Champion, editor and integrator exist for
every kind; a champion holds the kind's managing rights plus those of editors
and integrators, so they can create all of those but never a safeguarding lead.
"""

from dataclasses import dataclass

from tenants.accounts import capabilities as cap
from tenants.models import ORGANISATION_KINDS, PartnerKind


@dataclass(frozen=True)
class RoleSpec:
    key: str  # also the demo username
    name: str
    kinds: tuple[str, ...]
    permissions: frozenset[str]
    description: str = ""
    # Privileges the demo login and the first champion get with this role.
    default_privileges: frozenset[str] = frozenset({cap.CHANGE_OWN_PASSWORD})


FC, SL, BO, PR = (
    PartnerKind.FAMILY_CENTRE.value,
    PartnerKind.SUPPORT_LINE.value,
    PartnerKind.BOROUGH.value,
    PartnerKind.PROVIDER.value,
)

PRACTITIONER = frozenset({cap.RECORD_CASEWORK})
MANAGER = PRACTITIONER | {
    cap.VIEW_ALL_CASEWORK,
    cap.APPROVE_SAFEGUARDING_CLOSURE,
    cap.MANAGE_PROGRAMMES,
    cap.VIEW_REPORTS,
    cap.APPROVE_MANUAL,
    cap.MANAGE_ROLES,
    cap.WAGTAIL_ACCESS_ADMIN,
}
DSL = MANAGER | {cap.NOTIFY_LOCAL_AUTHORITY, cap.SET_LAWFUL_BASIS}
CALL_HANDLER = frozenset({cap.HANDLE_CALLS, cap.RECORD_CASEWORK})
DATA_TEAM = CALL_HANDLER | {cap.REVIEW_REFERRALS, cap.VIEW_REPORTS}
SUPERVISOR = DATA_TEAM | {
    cap.VIEW_ALL_CASEWORK,
    cap.SET_LAWFUL_BASIS,
    cap.APPROVE_SAFEGUARDING_CLOSURE,
    cap.APPROVE_MANUAL,
    cap.MANAGE_ROLES,
    cap.WAGTAIL_ACCESS_ADMIN,
}
HOUSING_OFFICER = frozenset({cap.REFER_CUSTOMERS, cap.RECORD_CASEWORK, cap.VIEW_REPORTS})
ADVISER = frozenset({cap.RECORD_OUTCOMES, cap.RECORD_CASEWORK, cap.REFER_CUSTOMERS})
PROVIDER_MANAGER = ADVISER | {
    cap.VIEW_ALL_CASEWORK,
    cap.VIEW_REPORTS,
    cap.APPROVE_MANUAL,
    cap.MANAGE_ROLES,
    cap.WAGTAIL_ACCESS_ADMIN,
}
EDITOR = frozenset({cap.EDIT_MANUAL, cap.WAGTAIL_ACCESS_ADMIN})
INTEGRATOR = frozenset({cap.USE_API, cap.RECORD_CASEWORK, cap.VIEW_ALL_CASEWORK})
# The partner's data protection officer: sees every record to answer requests about it.
DATA_PROTECTION = frozenset({cap.PROTECT_DATA, cap.VIEW_ALL_CASEWORK, cap.VIEW_REPORTS})

# The managing role of each kind: a champion holds its rights.
MANAGING = {
    FC: MANAGER,
    SL: SUPERVISOR,
    # Boroughs have no manager role of their own: their champion approves manual changes.
    BO: HOUSING_OFFICER
    | {cap.VIEW_ALL_CASEWORK, cap.MANAGE_ROLES, cap.APPROVE_MANUAL, cap.WAGTAIL_ACCESS_ADMIN},
    PR: PROVIDER_MANAGER,
}

KIND_ROLES = [
    RoleSpec(
        "practitioner",
        "Practitioner",
        (FC,),
        PRACTITIONER,
        "Works with families and records casework.",
    ),
    RoleSpec(
        "manager",
        "Manager",
        (FC,),
        MANAGER,
        "Sees all casework, approves closures, keeps the catalogue.",
    ),
    RoleSpec(
        "dsl",
        "Designated safeguarding lead",
        (FC,),
        DSL,
        "A manager who also records local authority notifications.",
    ),
    RoleSpec("call-handler", "Call handler", (SL,), CALL_HANDLER, "Takes calls and records cases."),
    RoleSpec(
        "data-team", "Data team", (SL,), DATA_TEAM, "Reviews cases and sends local referrals."
    ),
    RoleSpec(
        "supervisor", "Supervisor", (SL,), SUPERVISOR, "Oversees call handlers and safeguarding."
    ),
    RoleSpec(
        "housing-officer",
        "Housing officer",
        (BO,),
        HOUSING_OFFICER,
        "Refers residents to providers.",
    ),
    RoleSpec("adviser", "Adviser", (PR,), ADVISER, "Books appointments and records outcomes."),
    RoleSpec(
        "provider-manager",
        "Provider manager",
        (PR,),
        PROVIDER_MANAGER,
        "Oversees advisers and reports.",
    ),
]


def _every_kind_roles() -> list[RoleSpec]:
    specs = []
    for kind in (k.value for k in ORGANISATION_KINDS):
        specs += [
            RoleSpec(
                "champion",
                "Champion",
                (kind,),
                MANAGING[kind] | EDITOR | INTEGRATOR | DATA_PROTECTION | {cap.MANAGE_API_TOKENS},
                "Creates colleagues' accounts, never with more rights than their own.",
                frozenset({cap.CHANGE_OWN_PASSWORD, cap.MANAGE_USERS}),
            ),
            RoleSpec("editor", "Editor", (kind,), EDITOR, "Keeps the in-app user manual."),
            RoleSpec(
                "data-protection",
                "Data protection officer",
                (kind,),
                DATA_PROTECTION,
                "Answers who looked, keeps retention and subject access requests.",
            ),
            RoleSpec(
                "integrator",
                "Integrator",
                (kind,),
                INTEGRATOR,
                "A service account for the GraphQL API.",
                frozenset(),
            ),
        ]
    return specs


PARTNER_ROLES = KIND_ROLES + _every_kind_roles()

PLATFORM_STAFF = RoleSpec(
    "platform-staff",
    "Platform staff",
    (PartnerKind.PLATFORM.value,),
    frozenset({"tenants.view_partner", cap.MANAGE_PARTNER_USERS}),
    "Creates users in any partner, with any role.",
)
PLATFORM_MANAGER = RoleSpec(
    "platform-manager",
    "Platform manager",
    (PartnerKind.PLATFORM.value,),
    PLATFORM_STAFF.permissions
    | {"tenants.add_partner", "tenants.change_partner", "tenants.delete_partner"},
    "Also creates partners and their first champion.",
)
PLATFORM_ROLES = [PLATFORM_STAFF, PLATFORM_MANAGER]


def roles_for_kind(kind: str) -> list[RoleSpec]:
    if kind == PartnerKind.PLATFORM:
        return PLATFORM_ROLES
    return [role for role in PARTNER_ROLES if kind in role.kinds]


def role_spec(key: str, kind: str) -> RoleSpec:
    return next(role for role in roles_for_kind(kind) if role.key == key)
