from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.services import platform_ensure, template_ensure


class Command(BaseCommand):
    help = (
        "Migrate everything: the public schema, the pristine template schema and every "
        "partner's schema. Safe to run again."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        self.stdout.write("[1/3] Migrating the public schema…")
        call_command(
            "migrate_schemas", shared=True, interactive=False, verbosity=max(verbosity - 1, 0)
        )
        platform_ensure()
        self.stdout.write("[2/3] Preparing the template schema (_template)…")
        template_ensure(verbosity=max(verbosity - 1, 0))
        self.stdout.write("[3/3] Migrating the template and every partner…")
        call_command(
            "migrate_schemas", tenant=True, interactive=False, verbosity=max(verbosity - 1, 0)
        )
        self.stdout.write(self.style.SUCCESS("All schemas are up to date."))
