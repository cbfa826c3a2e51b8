from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tenants.services.reference import DATA_FILE, postcode_districts_import


class Command(BaseCommand):
    help = (
        "Load postcode areas and districts → regions into the public schema: the shipped "
        f"file ({DATA_FILE.name}) or a CSV with code and region columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="A CSV file; the shipped one by default.")

    def handle(self, *args, path=None, **options):
        text = Path(path).read_text(encoding="utf-8-sig") if path else None
        try:
            count = postcode_districts_import(actor=None, text=text)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"{count} postcode codes added or changed."))
