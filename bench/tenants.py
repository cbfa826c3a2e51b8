"""Does the platform stay flat as partners grow? Creates partners by the product's own
provisioning (clone of the template) in one process, in steps, and at each size prints:

- clone time: the median of the last partners created (the service: row, clone, domain),
  and the database server's CPU time for it when the server runs on this machine (which
  a machine busy with other work stretches far less than the wall time);
- a no-op `platform_migrate` (a fresh `manage.py` process, as a deploy runs it): total
  and per partner;
- `{ me }` over GraphQL (Bearer token) and the home page (signed in) p50 for one partner;
- a web process's memory after it served one signed-in page in each of 100 partners (a
  fresh process loading config.wsgi, one persistent database session), with the size of
  that session's catalog cache in PostgreSQL, and the largest that cache grew when the
  session is recycled every CONN_MAX_SCHEMAS schemas as under a real WSGI server
  (tenants/postgresql_backend);
- catalog relations (pg_class rows) and database size, in all and per partner, and what
  one partner's schema is made of (bench/footprint: by kind and by app);
- the ratio of each to the first size.

    bin/bench tenants [--max 1000] [--steps 5,100,300,500,1000] [--runs 60]

Each run uses a database of its own, `<your database>_tenants_<pid>` on the same server,
created and migrated for the run (never the test database) and dropped at the end, also
when the run fails or is stopped (`--keep` keeps it), so every run starts from no partners
and its sizes can go down as well as up.
Targets: clone <= 2 s at 1,000 partners; request latency <= 1.15x from the first size;
no-op migrate <= 0.05 s per partner.
"""

import argparse
import json
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit

from bench.clone_profile import ServerCpu
from bench.footprint import footprint, footprint_lines
from bench.tenant_db import bench_database_url, database_create, database_drop
from bench.tenants_table import print_table

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SLUG = "bench-t{:05d}"
TOUCHED = 100  # partners the web process serves before its memory is read
RECONNECT_EVERY = 25  # clones per database session (each session caches what it created)


def out_of_lock_slots(exc: BaseException | None) -> bool:
    while exc is not None:
        if "out of shared memory" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def session_cache_mb() -> tuple[float, float]:
    """This process's database session: its catalog caches and all its memory, in MB."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            # The relation, index and catalog caches (names that hold from PostgreSQL 14 to 18).
            "SELECT sum(total_bytes) FILTER (WHERE name IN ('CacheMemoryContext', "
            "'CatCacheMemoryContext', 'index info', 'relation rules')), "
            "sum(total_bytes) FROM pg_backend_memory_contexts"
        )
        cache_bytes, total_bytes = cursor.fetchone()
    return float(cache_bytes or 0) / 2**20, float(total_bytes or 0) / 2**20


def touch(slugs: list[str]) -> dict:
    """In a fresh process (--touch): serve one signed-in home page in each partner, twice.
    First on one database session kept throughout (what a session would cache without
    recycling), then as the WSGI server does, closing obsolete connections after each
    request (Django's test client leaves that out), so CONN_MAX_SCHEMAS recycles it."""
    from django.db import close_old_connections, connection
    from django.test import Client
    from django_tenants.utils import schema_context

    import config.wsgi  # noqa: F401  (start-up as the web server)
    from tenants.accounts.models import User
    from tenants.models import Partner

    partners = list(Partner.objects.filter(slug__in=slugs))
    clients = []
    for partner in partners:
        with schema_context(partner.schema_name):
            user = User.objects.get(username="bench-practitioner")
        client = Client(HTTP_HOST=partner.get_primary_domain().domain)
        with schema_context(partner.schema_name):  # signing in writes the partner's user
            client.force_login(user)
        clients.append((partner, client))
    connection.close()
    before = rss_mb()
    for partner, client in clients:
        response = client.get("/")
        assert response.status_code == 200, (partner.slug, response.status_code)
    after = rss_mb()
    kept_cache, kept_total = session_cache_mb()
    connection.close()
    sessions, recycled_cache = set(), 0.0
    for partner, client in clients:
        response = client.get("/")
        assert response.status_code == 200, (partner.slug, response.status_code)
        sessions.add(connection.connection.info.backend_pid)
        recycled_cache = max(recycled_cache, session_cache_mb()[0])  # the largest it grew
        close_old_connections()  # request_finished, as under gunicorn
    return {
        "partners": len(partners),
        "rss_before_mb": before,
        "rss_after_mb": after,
        "session_cache_mb": kept_cache,
        "session_total_mb": kept_total,
        "recycled_cache_mb": recycled_cache,
        "recycled_sessions": len(sessions),
    }


def measure_requests(partner, runs: int) -> tuple[float, float]:
    from datetime import timedelta

    from django.conf import settings
    from django.test import Client
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from tenants.accounts.models import User
    from tenants.accounts.roles import role_spec
    from tenants.accounts.services import demo_user_ensure
    from tenants.accounts.services.tokens import api_token_create

    settings.GRAPHQL_RATE_LIMIT_PER_MINUTE = 10**9  # the API, not its rate limit
    with schema_context(partner.schema_name):
        champion = demo_user_ensure(
            username="bench-champion",
            full_name="Bench champion",
            role=role_spec("champion", partner.kind),
            password="bench-not-a-login-1",
        )
        integrator = demo_user_ensure(
            username="bench-integrator",
            full_name="Bench integrator",
            role=role_spec("integrator", partner.kind),
            password="bench-not-a-login-2",
        )
        secret = api_token_create(
            actor=champion,
            user_public_id=integrator.public_id,
            name=f"bench {time.time()}",
            scope="read",
            expires_at=timezone.now() + timedelta(hours=1),
        ).secret
        practitioner = User.objects.get(username="bench-practitioner")
    domain = partner.get_primary_domain().domain
    api = Client(HTTP_HOST=domain)
    page = Client(HTTP_HOST=domain)
    with schema_context(partner.schema_name):  # signing in writes the partner's user
        page.force_login(practitioner)
    body = json.dumps({"query": "{ me { username fullName } }"})

    def me():
        response = api.post(
            "/graphql/",
            data=body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        assert response.status_code == 200 and b'"bench-integrator"' in response.content

    def home():
        response = page.get("/")
        assert response.status_code == 200, response.status_code

    me_ms, home_ms = [], []
    for _ in range(5):
        me(), home()
    for _ in range(runs):
        for fn, bucket in ((me, me_ms), (home, home_ms)):
            for attempt in range(5):
                started = time.perf_counter()
                try:
                    fn()
                    break
                except Exception as exc:  # noqa: BLE001
                    # Other work on a shared server can fill its lock table for a moment:
                    # that sample is dropped and taken again.
                    if not out_of_lock_slots(exc) or attempt == 4:
                        raise
                    print("  out of lock slots; request again in 2 s", flush=True)
                    time.sleep(2)
            bucket.append((time.perf_counter() - started) * 1000)
    return statistics.median(me_ms), statistics.median(home_ms)


def practitioner_ensure(partner) -> None:
    from django_tenants.utils import schema_context

    from tenants.accounts.roles import role_spec
    from tenants.accounts.services import demo_user_ensure

    with schema_context(partner.schema_name):
        demo_user_ensure(
            username="bench-practitioner",
            full_name="Bench practitioner",
            role=role_spec("practitioner", partner.kind),
            password="bench-not-a-login-3",
        )


def catalog_figures() -> tuple[int, int, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM pg_class), pg_database_size(current_database()), "
            "(SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'partner\\_%%')"
        )
        return cursor.fetchone()


def noop_migrate(env: dict) -> tuple[float, float, float, str]:
    """(wall s, CPU s, s a partner of the step that grows with partners, summary line) of
    a no-op `platform_migrate` in a fresh process. The CPU time shows the command's own
    work on a machine busy with other things; the per-partner step is read from the
    command's own timings (steps 1 and 2 cost the same at any number of partners)."""
    for attempt in range(3):
        started = time.perf_counter()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            [sys.executable, "manage.py", "platform_migrate"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
            cpu_after.ru_stime - cpu_before.ru_stime
        )
        if done.returncode == 0:
            timed = re.search(r"\(([0-9.]+) s a partner\)", done.stdout)
            lines = done.stdout.strip().splitlines()
            return seconds, cpu, float(timed.group(1)) if timed else float("nan"), lines[-1]
        print(done.stdout[-1000:], done.stderr[-1000:], file=sys.stderr)
        # A server shared with other work can run out of lock slots for a moment.
        print(f"platform_migrate failed (attempt {attempt + 1}); trying again", flush=True)
        time.sleep(10)
    raise SystemExit("platform_migrate failed in the bench database")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--max", type=int, default=100, help="partners at the last step")
    parser.add_argument("--steps", default="5,100,300,500,1000", help="sizes to measure at")
    parser.add_argument("--runs", type=int, default=60, help="requests per p50")
    parser.add_argument(
        "--keep", action="store_true", help="keep the run's database at the end (say its name)"
    )
    parser.add_argument("--touch", nargs="*", help=argparse.SUPPRESS)  # internal
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    if args.touch is not None:
        import django

        django.setup()
        print(json.dumps(touch(args.touch)))
        return 0

    url = bench_database_url()
    database_create(url, os.environ["DATABASE_URL"])
    os.environ["DATABASE_URL"] = url
    # Stopped by a signal (kill, Ctrl-C), the run still drops its database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        return run(args, url)
    finally:
        if args.keep:
            print(f"kept the bench database {urlsplit(url).path.lstrip('/')}", flush=True)
        else:
            from django.db import connections

            connections.close_all()
            database_drop(url)


def run(args, url: str) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import DatabaseError, connection

    from tenants.models import Partner
    from tenants.services import partner_create

    print(f"bench database: {urlsplit(url).path.lstrip('/')}", flush=True)
    started = time.perf_counter()
    call_command("platform_migrate", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"platform_migrate (setup) {time.perf_counter() - started:.1f} s", flush=True)
    steps = sorted({int(s) for s in args.steps.split(",") if int(s) <= args.max} | {args.max})
    rows = []
    try:
        for size in steps:
            have = Partner.objects.filter(slug__startswith="bench-t").count()
            clone_times, clone_cpus = [], []
            for number in range(have + 1, size + 1):
                if len(clone_times) % RECONNECT_EVERY == RECONNECT_EVERY - 1:
                    connection.close()
                for attempt in range(5):
                    with connection.cursor() as cursor:
                        server = ServerCpu(cursor)
                    began, cpu = time.perf_counter(), server.seconds()
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
                clone_cpus.append(server.seconds() - cpu)
                if number <= TOUCHED:
                    practitioner_ensure(partner)
                if number % 10 == 0 or number == size:
                    recent = statistics.median(clone_times[-10:])
                    print(
                        f"  {number}/{size} partners; last clone {clone_times[-1]:.2f} s, "
                        f"median of the last 10 {recent:.2f} s "
                        f"(server CPU {statistics.median(clone_cpus[-10:]):.2f} s)",
                        flush=True,
                    )
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
            shape = footprint_lines(footprint(first.schema_name))
            row = {
                "partners": partners,
                "clone_s": clone,
                "clone_cpu_s": statistics.median(clone_cpus[-10:]),
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
                f"\n== {partners} partners: clone {clone:.2f} s (server CPU "
                f"{row['clone_cpu_s']:.2f} s) | no-op platform_migrate "
                f"{migrate_s:.1f} s, {migrate_cpu_s:.1f} s of CPU ({row['migrate_per_partner_s']:.3f} s "
                f"each in all; the partners' step {migrate_step_s:.4f} s a partner; {migrate_said}) | "
                f"{{ me }} p50 {me_ms:.1f} ms | home p50 {home_ms:.1f} ms | web process after "
                f"{memory['partners']} partners {row['web_rss_mb']:.0f} MB "
                f"(+{row['web_rss_growth_mb']:.0f}), its database session's catalog cache "
                f"{row['session_cache_mb']:.0f} MB kept, at most {row['recycled_cache_mb']:.0f} MB recycled "
                f"every {settings.CONN_MAX_SCHEMAS} schemas ({memory['recycled_sessions']} "
                f"sessions) | {relations} relations "
                f"({row['relations_per_partner']:.0f} a partner) | database {row['db_mb']:.0f} MB "
                f"({row['db_mb_per_partner']:.1f} MB a partner)",
                flush=True,
            )
            print("\n".join(shape) + "\n", flush=True)
    finally:
        # Stopped early (a signal, an error), the sizes reached are still tabled.
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
