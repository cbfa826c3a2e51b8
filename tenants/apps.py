from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Partners"

    def ready(self):
        from django.db.models.signals import post_migrate

        from tenants import checks, db_roles, input_rules  # noqa: F401 (checks registers)

        input_rules.connect()
        # Every migrated schema: the application role's grants (append-only: SELECT, INSERT).
        post_migrate.connect(db_roles.after_migrate, dispatch_uid="casebridge-db-grants")
