from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "casework.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding cases"

    def ready(self):
        # What a task can be about: registered with the worklist (a hook, not an import).
        from casework.safeguarding.task_subjects import register_subjects

        register_subjects()
