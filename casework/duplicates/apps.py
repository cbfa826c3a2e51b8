from django.apps import AppConfig


class DuplicatesConfig(AppConfig):
    name = "casework.duplicates"
    label = "duplicates"
    verbose_name = "Duplicate contacts"
