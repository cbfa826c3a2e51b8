"""Write (or check) graphql_api/schema.graphql, the committed contract."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def schema_text() -> str:
    from graphql_api.schema import schema

    return str(schema).rstrip() + "\n"


class Command(BaseCommand):
    help = "Regenerate graphql_api/schema.graphql from the code (--check: fail if it differs)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only compare; change nothing.")

    def handle(self, *args, check=False, **options):
        text = schema_text()
        current = SCHEMA_FILE.read_text() if SCHEMA_FILE.exists() else ""
        if check:
            if current != text:
                raise CommandError(
                    "graphql_api/schema.graphql differs from the code: "
                    "run `manage.py graphql_schema` and commit it."
                )
            self.stdout.write("graphql_api/schema.graphql matches the code.")
            return
        SCHEMA_FILE.write_text(text)
        self.stdout.write(
            f"Wrote {SCHEMA_FILE.relative_to(Path.cwd()) if SCHEMA_FILE.is_relative_to(Path.cwd()) else SCHEMA_FILE}."
        )
