from .partners import (
    partner_archive,
    partner_create,
    partner_create_with_champion,
    partner_purge,
    partner_reopen,
    platform_ensure,
    template_ensure,
)

__all__ = [
    "partner_archive",
    "partner_create",
    "partner_create_with_champion",
    "partner_purge",
    "partner_reopen",
    "platform_ensure",
    "template_ensure",
]
