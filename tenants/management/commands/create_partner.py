import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tenants.management.errors import validation_error_text
from tenants.services import partner_create


class Command(BaseCommand):
    help = "Create a partner organisation: its schema is cloned from the template."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The organisation's name.")
        parser.add_argument(
            "--kind", required=True, help="family_centre, support_line, borough or provider."
        )
        parser.add_argument("--slug", help="Short name for addresses (default: from --domain).")
        parser.add_argument(
            "--domain", help="Portal domain (default: <slug>.<CASEBRIDGE_BASE_DOMAIN>)."
        )

    def handle(self, *args, name, kind, slug=None, domain=None, **options):
        if not slug:
            if not domain:
                raise CommandError("Give --slug or --domain: the partner needs a short name.")
            slug = domain.split(".")[0]
        started = time.perf_counter()
        try:
            partner = partner_create(actor=None, name=name, slug=slug, kind=kind, domain=domain)
        except ValidationError as exc:
            raise CommandError(validation_error_text(exc)) from exc
        elapsed = time.perf_counter() - started
        domain = partner.get_primary_domain().domain
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {partner.name} ({partner.kind}) at {domain} in {elapsed:.2f} s."
            )
        )
