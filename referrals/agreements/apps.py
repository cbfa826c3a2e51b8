from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "referrals.agreements"
    label = "agreements"
    verbose_name = "Data-sharing agreements"
