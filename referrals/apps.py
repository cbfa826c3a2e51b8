from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Referrals"

    def ready(self):
        # What a task can be about: registered with the worklist (a hook, not an import).
        from referrals.task_subjects import register_subjects

        register_subjects()

        # Callers and cases in the Import area (casework offers the registry).
        from referrals.imports import register as imports_register

        imports_register()
        # An account's reads link to a support case's "Who has seen this" page.
        from casework.access.pages import who_looked_page_register

        who_looked_page_register("support_case", "case_who_looked")
