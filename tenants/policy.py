"""Who may do what to partners. Permission codenames are declared once here."""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django_tenants.utils import get_public_schema_name

from tenants.accounts import capabilities as cap

PERM_ADD_PARTNER = "tenants.add_partner"
PERM_CHANGE_PARTNER = "tenants.change_partner"
PERM_DELETE_PARTNER = "tenants.delete_partner"


def is_platform_user(actor) -> bool:
    """Platform staff are the users of the public schema."""
    return (
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and connection.schema_name == get_public_schema_name()
    )


def can_create_partner(actor) -> bool:
    return is_platform_user(actor) and actor.has_perm(PERM_ADD_PARTNER)


def can_archive_partner(actor) -> bool:
    return is_platform_user(actor) and actor.has_perm(PERM_CHANGE_PARTNER)


def can_purge_partner(actor) -> bool:
    return is_platform_user(actor) and actor.has_perm(PERM_DELETE_PARTNER)


def can_keep_reference_data(actor) -> bool:
    """Postcode districts → regions and any partner's directory entry (platform managers)."""
    return is_platform_user(actor) and actor.has_perm(PERM_CHANGE_PARTNER)


def can_create_partner_users(actor) -> bool:
    """Platform staff who create accounts in any partner (the console's link)."""
    return is_platform_user(actor) and actor.has_perm(cap.MANAGE_PARTNER_USERS)


def check_create_partner(actor) -> None:
    if not can_create_partner(actor):
        raise PermissionDenied("Only platform managers can create partners.")


def check_archive_partner(actor) -> None:
    if not can_archive_partner(actor):
        raise PermissionDenied("Only platform managers can archive or reopen partners.")


def check_purge_partner(actor) -> None:
    if not can_purge_partner(actor):
        raise PermissionDenied("Only platform managers can purge a partner's data.")


def can_manage_training(actor, partner) -> bool:
    """A champion (manage users), signed in to the live partner itself, looks after its
    training copy. Not from the platform, not from another partner, not from a copy."""
    from tenants.accounts import capabilities as cap

    return (
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and connection.schema_name == partner.schema_name
        and partner.is_organisation
        and not partner.is_training
        and actor.has_perm(cap.MANAGE_USERS)
    )


def check_manage_training(actor, partner) -> None:
    if not can_manage_training(actor, partner):
        raise PermissionDenied("Only a champion of this organisation can manage its training copy.")


def can_keep_directory_entry(actor, partner) -> bool:
    """A partner's managing roles keep its own entry, signed in to the partner itself;
    platform managers keep anyone's from the console."""
    from tenants.accounts import capabilities as cap

    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    if is_platform_user(actor):
        return actor.has_perm(PERM_CHANGE_PARTNER)
    return connection.schema_name == partner.schema_name and actor.has_perm(cap.MANAGE_ROLES)


def check_keep_directory_entry(actor, partner) -> None:
    if not can_keep_directory_entry(actor, partner):
        raise PermissionDenied("Only the partner's managers or platform managers keep its entry.")
