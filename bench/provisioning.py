"""Time to create a partner: by cloning the template schema vs by running every migration.

    bin/bench provisioning [--rounds N]

Both ways run alternately in one process against the same database (these
machines are noisy: only the ratio measured side by side means much). The
clone side is the real service, `partner_create` (row, clone, domain); the
migrations side is what django-tenants does without a template: CREATE SCHEMA
and `migrate_schemas` for it. Everything created is dropped again.
"""

import argparse
import os
import statistics
import sys
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="partners created each way (default 3)"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django_tenants.utils import schema_context

    from tenants.models import Partner
    from tenants.services import partner_archive, partner_create, partner_purge, template_ensure

    template_ensure()
    clone_times, migrate_times = [], []
    run_id = f"{os.getpid()}"
    for round_number in range(1, args.rounds + 1):
        slug = f"bench-{run_id}-{round_number}"
        started = time.perf_counter()
        partner = partner_create(
            actor=None, name=f"Bench {round_number}", slug=slug, kind="borough"
        )
        clone_times.append(time.perf_counter() - started)
        partner_archive(actor=None, partner=partner)
        partner_purge(actor=None, partner=Partner.objects.get(pk=partner.pk), confirmation=slug)

        schema = f"bench_migrate_{run_id}_{round_number}"
        started = time.perf_counter()
        with schema_context("public"):
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{schema}"')
            call_command(
                "migrate_schemas", tenant=True, schema_name=schema, interactive=False, verbosity=0
            )
        migrate_times.append(time.perf_counter() - started)
        with schema_context("public"), connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
        print(
            f"round {round_number}/{args.rounds}: clone {clone_times[-1]:.2f} s, "
            f"migrations {migrate_times[-1]:.2f} s",
            flush=True,
        )

    clone, migrate = statistics.median(clone_times), statistics.median(migrate_times)
    print()
    print(f"create a partner by clone:      median {clone:.2f} s  (min {min(clone_times):.2f})")
    print(f"create a partner by migrations: median {migrate:.2f} s  (min {min(migrate_times):.2f})")
    print(f"ratio migrations / clone:       {migrate / clone:.1f}x faster by clone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
