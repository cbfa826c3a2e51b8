from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "casework.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self):
        from casework.assessments import selectors
        from casework.assessments.defaults import defaults_seed
        from casework.record_tabs import RecordTab, record_tab_register
        from tenants import hooks

        hooks.on_template_seeded(defaults_seed)  # the default templates, per partner kind
        record_tab_register(
            RecordTab(
                key="assessments",
                label="Assessments",
                order=30,
                count=selectors.assessments_count,
                contact_url="contact_assessments",
                engagement_url="engagement_assessments",
            )
        )
