from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import DEMO_PASSWORD, demo_seed


class Command(BaseCommand):
    help = "Create the fictional demo partners and a login for every role (development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Seed even with DEBUG off (for a throwaway test server).",
        )

    def handle(self, *args, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_demo creates logins with a published password: it runs only with DEBUG on."
            )
        summary = demo_seed(progress=lambda msg: self.stdout.write(f"  {msg}"))
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo portals (every password: {DEMO_PASSWORD})"))
        for entry in summary:
            self.stdout.write(f"  {entry['name']}: {entry['url']}")
            self.stdout.write(f"      logins: {', '.join(entry['usernames'])}")
