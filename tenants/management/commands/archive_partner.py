from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tenants.management.errors import validation_error_text
from tenants.models import Partner
from tenants.services import partner_archive, partner_purge, partner_reopen


class Command(BaseCommand):
    help = (
        "Archive a partner (its portal closes, its data stays), reopen it, or, with --purge, "
        "drop an archived partner's schema for good after a typed confirmation."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--reopen", action="store_true", help="Reopen an archived partner.")
        group.add_argument(
            "--purge",
            action="store_true",
            help="Drop the archived partner's schema and all its data. Irreversible.",
        )
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Never prompt."
        )
        parser.add_argument(
            "--confirm",
            help="With --purge and --no-input: the partner's short name, typed exactly.",
        )

    def handle(self, *args, slug, reopen, purge, confirm, **options):
        partner = Partner.objects.organisations().filter(slug=slug).first()
        if partner is None:
            raise CommandError(f"No partner has the short name “{slug}”.")
        try:
            if reopen:
                partner_reopen(actor=None, partner=partner)
                self.stdout.write(self.style.SUCCESS(f"{partner.name} is open again."))
            elif purge:
                if confirm is None:
                    if not options.get("interactive", True):
                        raise CommandError(
                            "--purge needs --confirm <short name> without a terminal."
                        )
                    confirm = input(
                        f"This deletes every record of {partner.name} for good. "
                        f"Type its short name ({partner.slug}) to confirm: "
                    )
                partner_purge(actor=None, partner=partner, confirmation=confirm.strip())
                self.stdout.write(
                    self.style.WARNING(f"{partner.name} and all its data were purged.")
                )
            else:
                partner_archive(actor=None, partner=partner)
                self.stdout.write(
                    self.style.SUCCESS(f"{partner.name} is archived: its portal is closed.")
                )
        except ValidationError as exc:
            raise CommandError(validation_error_text(exc)) from exc
