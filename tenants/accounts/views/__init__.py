"""Accounts' screens: the signed-in person's own account, sign-in security (two-factor,
lockout), users, roles and API tokens. Their shared helpers stay beside the package in
`tenants.accounts.views_common`, which every app's screens import."""
