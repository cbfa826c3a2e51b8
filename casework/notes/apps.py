from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "casework.notes"
    label = "notes"
    verbose_name = "Client notes"

    def ready(self):
        from casework.notes import selectors
        from casework.notes.demo import notes_training_seed
        from casework.record_tabs import RecordTab, record_tab_register
        from tenants import hooks

        record_tab_register(
            RecordTab(
                key="notes",
                label="Notes",
                order=10,
                count=selectors.notes_count,
                contact_url="contact_notes",
                engagement_url="engagement_notes",
            )
        )
        # Registered after casework's people (INSTALLED_APPS order), which the notes need.
        hooks.on_training_copy_filled(notes_training_seed)
