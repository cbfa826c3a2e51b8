from django.apps import AppConfig


class WorklistConfig(AppConfig):
    name = "casework.worklist"
    label = "worklist"
    verbose_name = "Tasks and notifications"
