from .manual import (
    manual_permissions_sync,
    manual_publish_scheduled,
    manual_seed,
)

__all__ = ["manual_permissions_sync", "manual_publish_scheduled", "manual_seed"]
