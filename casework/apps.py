from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Casework"

    def ready(self):
        # pgtrigger teaches Django's makemigrations and migrate about triggers, but our
        # `migrate` is django-tenants' migrate_schemas: give it the same autodetector,
        # or Django's check commands.E001 refuses to run (pgtrigger is ready before us).
        from django.core.management.commands import makemigrations
        from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand

        MigrateSchemasCommand.autodetector = makemigrations.Command.autodetector

        # What a task can be about: registered with the worklist (a hook, not an import).
        from casework.task_subjects import register_subjects

        register_subjects()

        # Given consent's review date follows every write of a contact (casework.consent).
        from django.db.models.signals import pre_save

        from casework.consent import casework_settings_seed, consent_review_follow
        from casework.models import Contact

        pre_save.connect(consent_review_follow, sender=Contact, dispatch_uid="consent_review")

        from casework.demo import training_people_seed
        from tenants import hooks

        hooks.on_training_copy_filled(training_people_seed)
        hooks.on_partner_cloned(casework_settings_seed)
