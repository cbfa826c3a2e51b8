import os
import time

from django.core.checks import Tags, registry
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from tenants.services import platform_ensure, template_ensure
from tenants.services.schemas import partners_migrate
from tenants.shared_keys import shared_keys_drop


class Command(BaseCommand):
    help = (
        "Migrate everything: the public schema, the pristine template schema and every "
        "partner's schema that is behind the template (in parallel). Safe to run again. "
        "A partner whose migrations fail gets a maintenance page and is listed; the others "
        "carry on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--jobs",
            type=int,
            default=int(os.environ.get("CASEBRIDGE_MIGRATE_JOBS", min(4, os.cpu_count() or 1))),
            help="partners migrated at once, each in its own process (default: up to 4, "
            "or CASEBRIDGE_MIGRATE_JOBS)",
        )

    def check(self, *args, tags=None, **kwargs):
        # Every check but the URL configuration's: that one imports every view and builds
        # the GraphQL schema, a third of a run with nothing to migrate, and says nothing
        # about the database. The web process still runs it at start.
        tags = sorted(registry.registry.tags_available() - {Tags.urls})
        return super().check(*args, tags=tags, **kwargs)

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        started = time.perf_counter()
        self.stdout.write("[1/3] Migrating the public schema…")
        call_command(
            "migrate_schemas", shared=True, interactive=False, verbosity=max(verbosity - 1, 0)
        )
        platform_ensure()
        self.stdout.write("[2/3] Preparing the template schema (_template)…")
        template_ensure(verbosity=max(verbosity - 1, 0))
        self.stdout.write("[3/3] Migrating the partners behind the template…")
        partners_started = time.perf_counter()

        def progress(done: int, total: int, schema: str, error: str | None) -> None:
            outcome = "done" if error is None else f"FAILED: {error}"
            self.stdout.write(f"  {done}/{total} {schema}: {outcome}")

        run = partners_migrate(jobs=options["jobs"], progress=progress)
        # Partner schemas point at content types without foreign keys (tenants/shared_keys.py).
        dropped = shared_keys_drop()
        # What grows with the number of partners is step 3; steps 1 and 2 cost the same
        # whatever it is (bench/tenants reads this line).
        finished = time.perf_counter()
        partners = len(run.up_to_date) + len(run.migrated) + len(run.failed)
        self.stdout.write(
            f"Timings: public and template {partners_started - started:.2f} s, "
            f"{partners} partners {finished - partners_started:.2f} s "
            f"({(finished - partners_started) / max(partners, 1):.4f} s a partner)."
        )
        summary = (
            f"{len(run.up_to_date)} partners already up to date, {len(run.migrated)} migrated, "
            f"{len(run.failed)} failed."
        )
        if dropped:
            schemas = len({schema for schema, *_ in dropped})
            summary += (
                f" {len(dropped)} foreign keys into content types dropped in {schemas} schemas."
            )
        if run.failed:
            listing = "\n".join(f"  {schema}: {error}" for schema, error in run.failed.items())
            raise CommandError(
                f"{summary}\nThese partners show a maintenance page until a later run "
                f"migrates them:\n{listing}"
            )
        self.stdout.write(self.style.SUCCESS(f"All schemas are up to date. {summary}"))
