from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "casework.access"
    label = "access"
    verbose_name = "Who looked"

    def ready(self):
        from casework import policy as casework_policy
        from casework.access import policy, selectors
        from casework.access.services import read_log
        from casework.reads import on_record_read
        from casework.record_tabs import RecordTab, record_tab_register

        on_record_read(read_log)  # safeguarding case pages (casework/reads.py)

        casework_policy.engagement_access_register(
            casework_policy.EngagementAccessRule(
                allows=selectors.emergency_access_live,
                condition=selectors.emergency_access_condition,
            )
        )
        record_tab_register(
            RecordTab(
                key="who-looked",
                label="Who has seen this",
                order=90,
                count=None,
                contact_url="contact_who_looked",
                engagement_url="engagement_who_looked",
                shown=policy.can_see_who_looked,
            )
        )
