from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "casework.plans"
    label = "plans"
    verbose_name = "Case plans"

    def ready(self):
        from casework.plans import selectors
        from casework.record_tabs import RecordTab, record_tab_register

        record_tab_register(
            RecordTab(
                key="plans",
                label="Plans",
                order=20,
                count=selectors.plans_count,
                contact_url="contact_plans",
                engagement_url="engagement_plans",
            )
        )
