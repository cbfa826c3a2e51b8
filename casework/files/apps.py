from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "casework.files"
    label = "files"
    verbose_name = "Files and photos on the client record"

    def ready(self):
        from casework.files import selectors
        from casework.record_tabs import RecordTab, record_tab_register

        record_tab_register(
            RecordTab(
                key="files",
                label="Files",
                order=40,
                count=selectors.files_count,
                contact_url="contact_files",
                engagement_url="engagement_files",
            )
        )
