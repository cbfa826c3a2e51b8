from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "casework.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding cases"
