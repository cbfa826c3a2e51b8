"""Does the platform stay flat as partners grow? Creates partners by the product's own
provisioning (clone of the template) in one process, in steps, and at each size prints:

- clone time: the median of the last partners created (the service: row, clone, domain);
- a no-op `platform_migrate` (a fresh `manage.py` process, as a deploy runs it): total
  and per partner;
- `{ me }` over GraphQL (Bearer token) and the home page (signed in) p50 for one partner;
- a web process's memory after it served one signed-in page in each of 100 partners (a
  fresh process loading config.wsgi, one persistent database session), with the size of
  that session's catalog cache in PostgreSQL, and the largest that cache grew when the
  session is recycled every CONN_MAX_SCHEMAS schemas as under a real WSGI server
  (tenants/postgresql_backend);
- catalog relations (pg_class rows) and database size, in all and per partner;
- the ratio of each to the first size.

    bin/bench tenants [--max 1000] [--steps 5,100,300,500,1000] [--runs 60]

It uses a database of its own, `<your database>_bench_tenants` on the same server (created
and migrated when missing; never the test database), and keeps it between runs: a second
run continues from the partners already there. `--drop` drops it at the end.
Targets: clone <= 2 s at 1,000 partners; request latency <= 1.15x from the first size;
no-op migrate <= 0.05 s per partner.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit

from bench.tenants_measure import (
    ROOT,
    bench_database_url,
    catalog_figures,
    database_drop,
    database_ensure,
    measure_requests,
    noop_migrate,
    out_of_lock_slots,
    practitioner_ensure,
    touch,
)

SLUG = "bench-t{:05d}"
TOUCHED = 100  # partners the web process serves before its memory is read
RECONNECT_EVERY = 25  # clones per database session (each session caches what it created)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--max", type=int, default=100, help="partners at the last step")
    parser.add_argument("--steps", default="5,100,300,500,1000", help="sizes to measure at")
    parser.add_argument("--runs", type=int, default=60, help="requests per p50")
    parser.add_argument("--drop", action="store_true", help="drop the bench database at the end")
    parser.add_argument("--touch", nargs="*", help=argparse.SUPPRESS)  # internal
    args = parser.parse_args(argv)

    if args.touch is None:
        url = bench_database_url()
        database_ensure(url)
        os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    if args.touch is not None:
        print(json.dumps(touch(args.touch)))
        return 0

    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError, connection

    from tenants.models import Partner
    from tenants.services import partner_archive, partner_create, partner_purge

    print(f"bench database: {urlsplit(url).path.lstrip('/')}", flush=True)
    started = time.perf_counter()
    call_command("platform_migrate", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"platform_migrate (setup) {time.perf_counter() - started:.1f} s", flush=True)
    steps = sorted({int(s) for s in args.steps.split(",") if int(s) <= args.max} | {args.max})
    rows = []
    for size in steps:
        have = Partner.objects.filter(slug__startswith="bench-t").count()
        clone_times = []
        for number in range(have + 1, size + 1):
            if len(clone_times) % RECONNECT_EVERY == RECONNECT_EVERY - 1:
                connection.close()
            for attempt in range(5):
                began = time.perf_counter()
                try:
                    partner = partner_create(
                        actor=None,
                        name=f"Bench partner {number}",
                        slug=SLUG.format(number),
                        kind="family_centre",
                    )
                    break
                except DatabaseError as exc:
                    # A server shared with other work can run out of lock slots for a
                    # moment (a clone holds one per relation it creates until it commits).
                    # django-tenants' clean-up then fails in the aborted transaction, so
                    # the cause is further down the chain.
                    if not out_of_lock_slots(exc) or attempt == 4:
                        raise
                    print(f"  out of lock slots; clone {number} again in 10 s", flush=True)
                    connection.close()
                    time.sleep(10)
            clone_times.append(time.perf_counter() - began)
            if number <= TOUCHED:
                practitioner_ensure(partner)
            if number % 10 == 0 or number == size:
                recent = statistics.median(clone_times[-10:])
                print(
                    f"  {number}/{size} partners; last clone {clone_times[-1]:.2f} s, "
                    f"median of the last 10 {recent:.2f} s",
                    flush=True,
                )
        if not clone_times:  # already there from an earlier run: time one more
            connection.set_schema_to_public()  # the last size's requests chose a partner
            began = time.perf_counter()
            slug = f"bench-x{os.getpid()}"
            extra = partner_create(actor=None, name="Bench extra", slug=slug, kind="family_centre")
            clone_times.append(time.perf_counter() - began)
            print(f"  {size} partners already there; one more clone {clone_times[-1]:.2f} s")
            partner_archive(actor=None, partner=extra)
            partner_purge(actor=None, partner=Partner.objects.get(pk=extra.pk), confirmation=slug)
        connection.close()
        partners = Partner.objects.organisations().count()
        clone = statistics.median(clone_times[-10:])
        migrate_s, migrate_cpu_s, migrate_step_s, migrate_said = noop_migrate(dict(os.environ))
        first = Partner.objects.get(slug=SLUG.format(1))
        me_ms, home_ms = measure_requests(first, args.runs)
        slugs = [SLUG.format(n) for n in range(1, min(TOUCHED, size) + 1)]
        touched = subprocess.run(
            [sys.executable, "-m", "bench.tenants", "--touch", *slugs],
            cwd=ROOT,
            env=dict(os.environ),
            capture_output=True,
            text=True,
            check=True,
        )
        memory = json.loads(touched.stdout.strip().splitlines()[-1])
        relations, db_bytes, schemas = catalog_figures()
        row = {
            "partners": partners,
            "clone_s": clone,
            "migrate_s": migrate_s,
            "migrate_per_partner_s": migrate_s / max(partners, 1),
            "migrate_cpu_s": migrate_cpu_s,
            "migrate_step_s": migrate_step_s,
            "me_ms": me_ms,
            "home_ms": home_ms,
            "web_rss_mb": memory["rss_after_mb"],
            "web_rss_growth_mb": memory["rss_after_mb"] - memory["rss_before_mb"],
            "session_cache_mb": memory["session_cache_mb"],
            "recycled_cache_mb": memory["recycled_cache_mb"],
            "touched": memory["partners"],
            "relations": relations,
            "relations_per_partner": relations / max(schemas, 1),
            "db_mb": db_bytes / 2**20,
            "db_mb_per_partner": db_bytes / 2**20 / max(schemas, 1),
        }
        rows.append(row)
        print(
            f"\n== {partners} partners: clone {clone:.2f} s | no-op platform_migrate "
            f"{migrate_s:.1f} s, {migrate_cpu_s:.1f} s of CPU ({row['migrate_per_partner_s']:.3f} s "
            f"each in all; the partners' step {migrate_step_s:.4f} s a partner; {migrate_said}) | "
            f"{{ me }} p50 {me_ms:.1f} ms | home p50 {home_ms:.1f} ms | web process after "
            f"{memory['partners']} partners {row['web_rss_mb']:.0f} MB "
            f"(+{row['web_rss_growth_mb']:.0f}), its database session's catalog cache "
            f"{row['session_cache_mb']:.0f} MB kept, at most {row['recycled_cache_mb']:.0f} MB recycled "
            f"every {settings.CONN_MAX_SCHEMAS} schemas ({memory['recycled_sessions']} "
            f"sessions) | {relations} relations "
            f"({row['relations_per_partner']:.0f} a partner) | database {row['db_mb']:.0f} MB "
            f"({row['db_mb_per_partner']:.1f} MB a partner)\n",
            flush=True,
        )
    print_table(rows)
    if args.drop:
        connection.close()
        database_drop(url)
    return 0


COLUMNS = [
    ("partners", "partners", "{:.0f}"),
    ("clone_s", "clone s", "{:.2f}"),
    ("migrate_s", "migrate s", "{:.1f}"),
    ("migrate_per_partner_s", "s/partner", "{:.3f}"),
    ("migrate_cpu_s", "migrate CPU s", "{:.1f}"),
    ("migrate_step_s", "step s/partner", "{:.4f}"),
    ("me_ms", "{ me } ms", "{:.1f}"),
    ("home_ms", "home ms", "{:.1f}"),
    ("web_rss_mb", "web MB", "{:.0f}"),
    ("session_cache_mb", "pg cache MB", "{:.0f}"),
    ("recycled_cache_mb", "recycled MB", "{:.0f}"),
    ("relations", "relations", "{:.0f}"),
    ("relations_per_partner", "rel/partner", "{:.0f}"),
    ("db_mb", "db MB", "{:.0f}"),
    ("db_mb_per_partner", "MB/partner", "{:.1f}"),
]


def print_table(rows: list[dict]) -> None:
    print(" | ".join(label for _, label, _ in COLUMNS))
    for row in rows:
        print(" | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS))
    if len(rows) > 1:
        first = rows[0]
        for row in rows[1:]:
            ratios = ", ".join(
                f"{label} {row[key] / first[key]:.2f}x"
                for key, label, _ in COLUMNS[1:]
                if first[key]
            )
            print(f"ratio {row['partners']} / {first['partners']} partners: {ratios}")
    print(
        "targets: clone <= 2 s at 1,000 partners; { me } and home <= 1.15x the first size; "
        "no-op migrate <= 0.05 s a partner (s/partner is the whole run over the partners, a\n"
        "fixed start-up of several seconds included; step s/partner is what each partner adds)"
    )


if __name__ == "__main__":
    sys.exit(main())
