"""The audit history in people's words: what happened, and which details changed, never
the codes the services record (`user.create`, `is_active: True`)."""

from tenants.accounts import capabilities as cap

ACTIONS = {
    "user.create": "Account created",
    "user.update": "Account changed",
    "user.reset": "Password reset",
    "user.deactivate": "Account deactivated",
    "user.reactivate": "Account reactivated",
    "user.password_change": "Password changed",
    "user.invitation_accept": "Invitation accepted",
    "signin.failed": "Sign-in failed",
    "signin.locked": "Locked out after failed sign-ins",
    "role.create": "Role added",
    "api_token.create": "API token created",
    "api_token.revoke": "API token revoked",
    "two_factor.enable": "One-time passwords turned on",
    "two_factor.remove": "One-time passwords turned off",
    "two_factor.reset": "One-time password device removed",
    "security.two_factor_required": "One-time passwords required for everyone",
    "training.create": "Training copy created",
    "training.reset": "Training copy reset",
    "training.access": "Training copy access given",
    "export.create": "Export made",
    "import.run": "Records imported",
    "audit.corrected": "Entry corrected",
    "directory.entry_changed": "Directory entry changed",
    "retention.rule_change": "Retention rule changed",
    "retention.hold_place": "Legal hold placed",
    "retention.hold_release": "Legal hold released",
    "retention.disposal_confirm": "Disposal confirmed",
    "retention.erasure_request": "Erasure requested",
}

FIELDS = {
    "role": "Role",
    "is_active": "Active",
    "full_name": "Name",
    "email": "Email address",
    "username": "Username",
    "job_title": "Job title",
    "phone": "Phone number",
    "line_manager": "Line manager",
    "privileges": "Privileges",
    "permissions": "Rights",
    "referral_types": "Referral types",
    "response_hours": "Response time (hours)",
    "completion_days": "Completion time (days)",
    "years": "Years kept",
    "action": "What then happens",
}


def _humanise(code: str) -> str:
    words = code.replace(".", ": ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def action_words(action: str) -> str:
    return ACTIONS.get(action) or _humanise(action)


RIGHTS = {**cap.CAPABILITIES, **cap.PRIVILEGES}


def value_words(value) -> str:
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if value in (None, "", [], {}):
        return "–"
    if isinstance(value, list | tuple):
        return ", ".join(value_words(v) for v in value)
    return RIGHTS.get(value, str(value))  # a right's codename reads as its name


def change_words(before: dict | None, after: dict | None) -> list[tuple[str, str, str | None]]:
    """(label, old or "", new) for each detail recorded; old is None when nothing was
    there before (a creation)."""
    before, after = before or {}, after or {}
    rows = []
    for key in dict.fromkeys([*before, *after]):
        label = FIELDS.get(key) or _humanise(key)
        old = value_words(before[key]) if key in before else None
        new = value_words(after.get(key)) if key in after else "–"
        rows.append((label, old, new))
    return rows
