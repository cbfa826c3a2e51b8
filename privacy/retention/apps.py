from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "privacy.retention"
    label = "retention"
    verbose_name = "Retention and erasure"
