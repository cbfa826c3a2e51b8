from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "casework.imports"
    label = "imports"
    verbose_name = "Imports"

    def ready(self):
        from casework.imports import casework_kinds

        casework_kinds.register()
