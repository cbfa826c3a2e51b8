from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "User manual"

    def ready(self):
        # Provisioning and role changes live below cms (tenants): they reach the manual
        # through the hooks tenants offers (ARCHITECTURE.md).
        from cms.services import manual_permissions_sync, manual_seed
        from tenants import hooks

        hooks.on_template_seeded(manual_seed)  # the default manual, after the roles
        hooks.on_role_rights_changed(manual_permissions_sync)
