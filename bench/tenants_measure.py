"""What bench/tenants.py measures, and its database: the bench database made and dropped
beside yours, a web process's memory and its session's catalog cache after serving many
partners, request latency, catalog figures and a no-op `platform_migrate`."""

import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def bench_database_url() -> str:
    base = os.environ.get("DATABASE_URL")
    if not base:
        raise SystemExit("Set DATABASE_URL (bin/bench does): the bench database sits beside it.")
    parts = urlsplit(base)
    name = parts.path.lstrip("/") + "_bench_tenants"
    return urlunsplit(parts._replace(path="/" + name))


def database_ensure(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    link = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    link.autocommit = True
    with link.cursor() as cursor:
        name = parts.path.lstrip("/")
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            print(f"creating the bench database {name} …", flush=True)
            cursor.execute(f'CREATE DATABASE "{name}"')
    link.close()


def database_drop(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    link = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, dbname="postgres"
    )
    link.autocommit = True
    with link.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    link.close()


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
