"""The portal's main menu, in one place: each page a role can use, with the capability it
needs (declared once in tenants.accounts.capabilities) and the kinds of partner whose work
it is. A partner-specific role gets exactly the pages its capabilities open.

Navigation only: every view still checks its own policy."""

from dataclasses import dataclass

from django.urls import reverse

from referrals.policy import SIGNPOSTING
from tenants.accounts import capabilities as cap
from tenants.models import PartnerKind

FC, SL, BO, PR = (
    PartnerKind.FAMILY_CENTRE.value,
    PartnerKind.SUPPORT_LINE.value,
    PartnerKind.BOROUGH.value,
    PartnerKind.PROVIDER.value,
)
EVERY_KIND = (FC, SL, BO, PR)
# Partners that take referrals in (a support line only sends them).
RECEIVERS = (FC, BO, PR)


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    # The user needs one of these (empty: every signed-in member of staff).
    any_of: tuple[str, ...] = ()
    # The kinds of partner whose work this page is.
    kinds: tuple[str, ...] = EVERY_KIND
    # Where the item counts as the current page (paths starting with these).
    paths: tuple[str, ...] = ()
    not_in_training: bool = False
    # And every one of these too (a manager's page among a role's pages).
    all_of: tuple[str, ...] = ()

    def offered_to(self, user, partner) -> bool:
        if partner.kind not in self.kinds:
            return False
        if self.not_in_training and partner.is_training:
            return False
        if not all(user.has_perm(perm) for perm in self.all_of):
            return False
        return not self.any_of or any(user.has_perm(perm) for perm in self.any_of)


MENU = (
    MenuItem("Home", "home"),
    MenuItem(
        "Contacts", "contacts", (cap.RECORD_CASEWORK,), RECEIVERS, ("/contacts/", "/households/")
    ),
    MenuItem("Engagements", "engagements", (cap.RECORD_CASEWORK,), (FC,), ("/engagements/",)),
    MenuItem("Cases", "safeguarding_cases", (cap.RECORD_CASEWORK,), (FC,), ("/cases/",)),
    MenuItem("Group session", "deliveries_bulk", (cap.RECORD_CASEWORK,), (FC,), ("/deliveries/",)),
    MenuItem("Callers", "callers", (cap.HANDLE_CALLS,), (SL,), ("/calls/", "/support-cases/")),
    MenuItem("Review", "review_queue", (cap.REVIEW_REFERRALS,), (SL,), ("/review/",)),
    MenuItem("Customers", "customers", (cap.REFER_CUSTOMERS,), (BO,), ("/customers/",)),
    # Their champions' and managers' review of likely duplicates (customers.policy).
    MenuItem(
        "Duplicate customers",
        "customer_duplicates",
        (cap.REFER_CUSTOMERS,),
        (BO,),
        ("/customers/duplicates/", "/customers/merges/"),
        all_of=(cap.VIEW_ALL_CASEWORK,),
    ),
    MenuItem("Employment referrals", "journeys", (cap.RECORD_OUTCOMES,), (PR,), ("/employment/",)),
    MenuItem(
        "Referrals sent",
        "referrals_sent",
        (cap.REVIEW_REFERRALS, cap.REFER_CUSTOMERS),
        (SL, BO),
        ("/referrals/sent/",),
    ),
    MenuItem(
        "Referrals received",
        "referral_inbox",
        (cap.RECORD_CASEWORK,),
        RECEIVERS,
        ("/referrals/inbox/",),
    ),
    # Signposting: where staff look for help a person can get elsewhere.
    MenuItem(
        "Other services",
        "services_elsewhere",
        SIGNPOSTING,
        EVERY_KIND,
        ("/directory/other-services/",),
    ),
    MenuItem("My tasks", "tasks", (), EVERY_KIND, ("/tasks/",)),
    MenuItem("Reports", "reports", (cap.VIEW_REPORTS,), EVERY_KIND, ("/reports/", "/exports/")),
    MenuItem(
        "Subject access",
        "subject_access_list",
        (cap.PROTECT_DATA,),
        EVERY_KIND,
        ("/subject-access/",),
    ),
    MenuItem("Retention", "retention", (cap.PROTECT_DATA,), EVERY_KIND, ("/privacy/retention/",)),
    # Break-the-glass grants to review (the DSLs; the data protection role answers for
    # the log), with the partner's on/off setting linked from there.
    MenuItem(
        "Emergency access",
        "emergency_access_review",
        (cap.NOTIFY_LOCAL_AUTHORITY, cap.PROTECT_DATA),
        (FC,),
        ("/emergency-access/",),
    ),
    MenuItem("Agreements", "agreements", (cap.PROTECT_DATA,), EVERY_KIND, ("/agreements/",), True),
    MenuItem("Manual", "manual_home", (), EVERY_KIND, ("/manual/",)),
    MenuItem("Manual editor", "wagtailadmin_home", (cap.EDIT_MANUAL, cap.APPROVE_MANUAL)),
    MenuItem("Users", "users", (cap.MANAGE_USERS,), EVERY_KIND, ("/users/", "/api-tokens/")),
    MenuItem("Roles", "roles", (cap.MANAGE_ROLES,), EVERY_KIND, ("/roles/",)),
    MenuItem("Problems reported", "problems", (cap.MANAGE_USERS,), EVERY_KIND, ("/problems/",)),
    MenuItem("Training", "training", (cap.MANAGE_USERS,), EVERY_KIND, ("/training/",), True),
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool


def _match(item: MenuItem, path: str) -> int:
    """How much of the path the item claims (0: none)."""
    if item.url_name == "home":
        return 1 if path == "/" else 0
    return max((len(prefix) for prefix in item.paths if path.startswith(prefix)), default=0)


def menu_items_for(*, user, partner) -> list[MenuItem]:
    """The pages this user's role can use at this partner, in menu order."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    return [item for item in MENU if item.offered_to(user, partner)]


def menu_for(*, user, partner, path: str) -> list[Link]:
    """The menu's links; the current page is the item claiming most of the path (so
    /customers/duplicates/ is "Duplicate customers", not "Customers" too)."""
    items = menu_items_for(user=user, partner=partner)
    best = max((_match(item, path) for item in items), default=0)
    return [
        Link(item.label, reverse(item.url_name), best > 0 and _match(item, path) == best)
        for item in items
    ]
