from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from cms.models import ManualHomePage
from cms.services import manual_permissions_sync, manual_seed
from tenants.models import Partner


class Command(BaseCommand):
    help = (
        "Give partners created before the manual existed the default manual, and bring "
        "every partner's manual rights in step with its roles (after adding a role with "
        "manual rights, for example). A partner that already has a manual keeps its pages "
        "as its editors left them. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Partners' short names (default: all).")

    def handle(self, *args, slugs, **options):
        partners = Partner.objects.organisations().order_by("slug")
        if slugs:
            partners = partners.filter(slug__in=slugs)
            missing = set(slugs) - set(partners.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No partner with the short name: {', '.join(sorted(missing))}")
        for partner in partners:
            with schema_context(partner.schema_name):
                if ManualHomePage.objects.exists():
                    manual_permissions_sync()
                    self.stdout.write(f"{partner.slug}: manual rights brought up to date")
                else:
                    manual_seed()
                    self.stdout.write(f"{partner.slug}: default manual added")
