from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tenants.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # axes' receivers first (importing the module connects them): ours reads the
        # failure count axes has just recorded to tell when a lock-out starts.
        import axes.signals  # noqa: F401
        from django.contrib.auth.signals import user_login_failed

        from tenants.accounts import signin

        # Every failed authentication with a request, whichever page it came from (our
        # sign-in, Wagtail's /cms/login/, the one-time-password step), is audited.
        user_login_failed.connect(signin.on_login_failed, dispatch_uid="casebridge-signin-audit")
