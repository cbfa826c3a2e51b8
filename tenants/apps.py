from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Partners"

    def ready(self):
        from tenants import input_rules

        input_rules.connect()
