from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The top of the portal: each role's home page and menu, notifications that lead
    somewhere, and reporting a problem. Above every other app (it reads from all of
    them; none reads from it)."""

    name = "workspace"
    verbose_name = "Workspace"

    def ready(self):
        from workspace import manual_approval  # noqa: F401 - connects Wagtail's workflow signals
