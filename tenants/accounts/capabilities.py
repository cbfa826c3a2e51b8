"""Every permission a role can carry, declared once. Views, GraphQL, services and
tests refer to these constants, never to bare strings."""

APP = "accounts"

# Privileges: granted one by one, and only by someone who holds them.
MANAGE_USERS = f"{APP}.manage_users"
CHANGE_OWN_PASSWORD = f"{APP}.change_own_password"
PRIVILEGES = {
    MANAGE_USERS: "Manage users (create, edit, reset, deactivate)",
    CHANGE_OWN_PASSWORD: "Change own password",
}

# Capabilities: what a role lets its holder do in the partner's portal.
MANAGE_ROLES = f"{APP}.manage_roles"
MANAGE_API_TOKENS = f"{APP}.manage_api_tokens"
RECORD_CASEWORK = f"{APP}.record_casework"
VIEW_ALL_CASEWORK = f"{APP}.view_all_casework"
APPROVE_SAFEGUARDING_CLOSURE = f"{APP}.approve_safeguarding_closure"
NOTIFY_LOCAL_AUTHORITY = f"{APP}.notify_local_authority"
MANAGE_PROGRAMMES = f"{APP}.manage_programmes"
HANDLE_CALLS = f"{APP}.handle_calls"
REVIEW_REFERRALS = f"{APP}.review_referrals"
SET_LAWFUL_BASIS = f"{APP}.set_lawful_basis"
REFER_CUSTOMERS = f"{APP}.refer_customers"
RECORD_OUTCOMES = f"{APP}.record_outcomes"
VIEW_REPORTS = f"{APP}.view_reports"
EDIT_MANUAL = f"{APP}.edit_manual"
APPROVE_MANUAL = f"{APP}.approve_manual"
USE_API = f"{APP}.use_api"
# Data protection (issue 19): who looked, retention and erasure, subject access, agreements.
PROTECT_DATA = f"{APP}.protect_data"
# Platform (public schema): create users in any partner, with any role.
MANAGE_PARTNER_USERS = f"{APP}.manage_partner_users"
# Wagtail's own: who may open the manual editor at /cms/.
WAGTAIL_ACCESS_ADMIN = "wagtailadmin.access_admin"

CAPABILITIES = {
    MANAGE_ROLES: "Add partner-specific roles",
    MANAGE_API_TOKENS: "Create and revoke API tokens",
    RECORD_CASEWORK: "Record casework",
    VIEW_ALL_CASEWORK: "See every engagement and case in the partner",
    APPROVE_SAFEGUARDING_CLOSURE: "Approve closing safeguarding cases",
    NOTIFY_LOCAL_AUTHORITY: "Record that the local authority was notified",
    MANAGE_PROGRAMMES: "Keep the programme and service catalogue",
    HANDLE_CALLS: "Take support-line calls",
    REVIEW_REFERRALS: "Review and send local referrals",
    SET_LAWFUL_BASIS: "Record a lawful basis for sharing without consent",
    REFER_CUSTOMERS: "Refer residents to providers",
    RECORD_OUTCOMES: "Record appointments and outcomes",
    VIEW_REPORTS: "See reports",
    EDIT_MANUAL: "Edit the user manual",
    APPROVE_MANUAL: "Approve manual changes",
    USE_API: "Use the GraphQL API",
    PROTECT_DATA: "Answer data protection questions (who looked, retention, subject access)",
    MANAGE_PARTNER_USERS: "Create users in any partner (platform)",
}


def model_permissions() -> list[tuple[str, str]]:
    """(codename, description) pairs for the Capability model's Meta.permissions."""
    return [(perm.split(".", 1)[1], text) for perm, text in {**PRIVILEGES, **CAPABILITIES}.items()]
