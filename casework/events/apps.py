from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "casework.events"
    label = "events"
    verbose_name = "Calendar of meetings and sessions"

    def ready(self):
        from casework.events import selectors
        from casework.record_tabs import RecordTab, record_tab_register

        record_tab_register(
            RecordTab(
                key="events",
                label="Events",
                order=60,
                count=selectors.events_count,
                contact_url="contact_events",
                engagement_url="engagement_events",
            )
        )
