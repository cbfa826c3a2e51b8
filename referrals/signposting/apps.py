from django.apps import AppConfig


class SignpostingConfig(AppConfig):
    name = "referrals.signposting"
    label = "signposting"
    verbose_name = "Signposts to directory services"
