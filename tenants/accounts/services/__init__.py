from .audit import audit_record
from .roles import role_create, roles_prune_to_kind, roles_seed
from .users import (
    CreatedAccount,
    demo_user_ensure,
    invitation_accept,
    password_change_own,
    user_create,
    user_deactivate,
    user_reactivate,
    user_reset_password,
    user_update,
)

__all__ = [
    "CreatedAccount",
    "audit_record",
    "demo_user_ensure",
    "invitation_accept",
    "password_change_own",
    "role_create",
    "roles_prune_to_kind",
    "roles_seed",
    "user_create",
    "user_deactivate",
    "user_reactivate",
    "user_reset_password",
    "user_update",
]
