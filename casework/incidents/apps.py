from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "casework.incidents"
    label = "incidents"
    verbose_name = "Incidents"

    def ready(self):
        from casework.incidents import selectors
        from casework.record_tabs import RecordTab, record_tab_register

        record_tab_register(
            RecordTab(
                key="incidents",
                label="Incidents",
                order=50,
                count=selectors.incidents_count,
                contact_url="contact_incidents",
            )
        )
