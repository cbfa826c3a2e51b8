"""The GraphQL API against hand-written SQL and two peers: one page of engagements.

    bin/bench graphql [--engagements 100] [--deliveries 5] [--runs 200] [--no-peers]
                      [--no-graphene] [--profile N] [--keep]

Creates a throwaway family centre with children, engagements and deliveries (through
the services), an integrator service account and its API token. Then, alternating in
one run (the order rotates each round, so the machine's noise is shared), it fetches
the same page these ways:

- through the endpoint: POST /graphql/ on the partner's domain with the Bearer token
  (Django's test client: the whole middleware stack, token check, rate limit, optimizer);
- one raw SQL statement building the same JSON with json_agg;
- graphql-core alone executing the same query over the SQL's answer already in memory
  (no database, no HTTP, no Django, trivial resolvers): the floor any Python GraphQL
  server built on graphql-core pays for walking this many fields; 3.3 (the app's) here,
  3.2 in graphene's venv;
- peers (bench/peers/, each in its own process over the same partner schema's rows):
  graphene-django hand-tuned with select_related/prefetch as Saleor's stack would be
  (graphql-core 3.2, so its own venv, bench/.venv-graphene, made from PyPI on first use),
  and plain strawberry-graphql-django with its optimizer. Peers check no token, tenant
  or permission: they are what a typical stack pays for the page, not equal servers.

Every answer is checked equal to the SQL's, then p50 and p95 of each and their ratios
to the SQL are printed. The aim is within 3x of the raw SQL at p50 and ahead of
graphene-django. The partner is purged afterwards unless --keep. The process loads the
app as the web server does (config.wsgi, start-up gc.freeze()) with DEBUG off.

--no-graphene leaves out graphene-django and graphql-core 3.2 (no venv made from PyPI);
--profile N runs N endpoint requests under cProfile instead and prints where the time
goes (and writes the profile to $BENCH_PROFILE_OUT, /tmp/bench-graphql.prof by default).
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date, timedelta

QUERY = """query Page($first: Int!) { engagements(first: $first) {
  totalCount
  edges { node { id stage startDate
    contact { id firstName lastName }
    deliveries(first: 10) { totalCount edges { node { id date attendance } } } } } } }"""


def gid(type_name: str, column: str) -> str:
    """strawberry's global id in SQL: base64 of "Type:public_id" (short: no line breaks)."""
    return f"encode(convert_to('{type_name}:' || {column}::text, 'UTF8'), 'base64')"


RAW_SQL = f"""
SELECT json_build_object('data', json_build_object('engagements', json_build_object(
  'totalCount', (SELECT count(*) FROM casework_engagement),
  'edges', COALESCE((
    SELECT json_agg(json_build_object('node', json_build_object(
      'id', {gid("Engagement", "e.public_id")},
      'stage', e.stage,
      'startDate', e.start_date,
      'contact', json_build_object(
        'id', {gid("Contact", "c.public_id")}, 'firstName', c.first_name, 'lastName', c.last_name),
      'deliveries', json_build_object(
        'totalCount', (SELECT count(*) FROM casework_servicedelivery x WHERE x.engagement_id = e.id),
        'edges', COALESCE((
          SELECT json_agg(json_build_object('node', json_build_object(
            'id', {gid("ServiceDelivery", "d.public_id")}, 'date', d.date, 'attendance', d.attendance))
            ORDER BY d.date DESC, d.id DESC)
          FROM (SELECT * FROM casework_servicedelivery WHERE engagement_id = e.id
                ORDER BY date DESC, id DESC LIMIT 10) d), '[]'::json))))
      ORDER BY e.start_date DESC, e.id DESC)
    FROM (SELECT * FROM casework_engagement ORDER BY start_date DESC, id DESC LIMIT %s) e
    JOIN casework_contact c ON c.id = e.contact_id), '[]'::json))))::text
"""


# The page's shape for graphql-core alone (names and nesting as in the partner schema).
FLOOR_SDL = """
type Query { engagements(first: Int!): EngagementConnection! }
type EngagementConnection { totalCount: Int! edges: [EngagementEdge!]! }
type EngagementEdge { node: Engagement! }
type Engagement { id: ID! stage: String! startDate: String! contact: Contact!
  deliveries(first: Int): DeliveryConnection! }
type Contact { id: ID! firstName: String! lastName: String! }
type DeliveryConnection { totalCount: Int! edges: [DeliveryEdge!]! }
type DeliveryEdge { node: ServiceDelivery! }
type ServiceDelivery { id: ID! date: String! attendance: String! }
"""


def floor_runner(answer: dict, first: int):
    """graphql-core executing QUERY over `answer` (dicts), with a dict-reading resolver."""
    from graphql import build_schema, execute, parse

    schema, document = build_schema(FLOOR_SDL), parse(QUERY)
    root = {"engagements": answer["data"]["engagements"]}

    def read(source, info, **_arguments):
        return source[info.field_name]

    def run():
        result = execute(
            schema, document, root, variable_values={"first": first}, field_resolver=read
        )
        assert not result.errors, result.errors
        return result.data

    return run


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def seed(*, engagements: int, deliveries: int):
    from casework.models import Consent, ContactKind, Engagement, Programme, Service
    from casework.services.contacts import contact_create
    from casework.services.engagements import delivery_create, engagement_open
    from tenants.accounts.models import User
    from tenants.accounts.roles import role_spec
    from tenants.accounts.services import demo_user_ensure

    champion = demo_user_ensure(
        username="bench-champion",
        full_name="Bench champion",
        role=role_spec("champion", "family_centre"),
        password="bench-not-a-login-1",
    )
    integrator = demo_user_ensure(
        username="bench-integrator",
        full_name="Bench integrator",
        role=role_spec("integrator", "family_centre"),
        password="bench-not-a-login-2",
    )
    integrator = User.objects.get(pk=integrator.pk)
    have = Engagement.objects.count()
    if have < engagements:
        programme, _ = Programme.objects.get_or_create(name="Bench", code_prefix="BN")
        service, _ = Service.objects.get_or_create(programme=programme, name="BN: Session")
        today = date.today()
        for n in range(have, engagements):
            child = contact_create(
                actor=integrator,
                kind=ContactKind.CHILD,
                first_name=f"Child{n}",
                last_name=f"Family{n}",
                date_of_birth=today - timedelta(days=400 + n),
                consent=Consent.GIVEN,
            )
            engagement = engagement_open(
                actor=integrator,
                contact=child,
                programme=programme,
                start_date=today - timedelta(days=60 + n % 30),
            )
            for day in range(deliveries):
                delivery_create(
                    actor=integrator,
                    engagement=engagement,
                    service=service,
                    on=engagement.start_date + timedelta(days=day),
                )
    return champion, integrator


def start_peers(schema: str, body: str, raw: dict, first: int, *, graphene: bool) -> list:
    from bench.peers.process import Peer, graphene_python

    setup = {"body": body, "raw": raw, "first": first}
    peers = [Peer("strawberry-django", "strawberry", sys.executable, schema=schema, setup=setup)]
    if not graphene:
        return peers
    python = graphene_python()
    peers.insert(0, Peer("graphene-django", "graphene", python, schema=schema, setup=setup))
    floor = Peer("graphql-core", "floor", python, schema=schema, setup=setup)
    floor.name = f"graphql-core {floor.version} only"
    if floor.answer != {"data": raw["data"]}:
        raise AssertionError(f"{floor.name} gave another answer")
    floor.answer = raw
    return [*peers, floor]


def profile(run, rounds: int) -> None:
    """cProfile over `rounds` calls of `run`: the functions taking most time, own and total."""
    import cProfile
    import pstats

    for _ in range(10):
        run()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        run()
    profiler.disable()
    profiler.dump_stats(os.environ.get("BENCH_PROFILE_OUT", "/tmp/bench-graphql.prof"))
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(35)
    stats.sort_stats("cumulative").print_stats(60)


def report(timings: dict[str, list[float]]) -> None:
    sql = statistics.median(timings["raw SQL json_agg"])
    width = max(len(name) for name in timings)
    print()
    print(f"{'':{width}}   {'p50':>8}   {'p95':>8}   p50 / raw SQL")
    for name, values in timings.items():
        p50 = statistics.median(values)
        print(
            f"{name:{width}}   {p50:6.1f} ms   {percentile(values, 95):6.1f} ms   {p50 / sql:5.1f}x"
        )
    ours = statistics.median(timings["Casebridge endpoint"])
    print()
    for peer in ("graphene-django", "strawberry-django"):
        if peer in timings:
            theirs = statistics.median(timings[peer])
            verdict = "ahead of" if ours < theirs else "behind"
            print(
                f"Casebridge / {peer}: p50 {ours / theirs:.2f}x ({verdict} it: "
                f"{ours / sql:.1f}x vs {theirs / sql:.1f}x raw SQL)"
            )
    if "graphene-django" not in timings:
        print("graphene-django: not measured in this run (--no-graphene or --no-peers)")
    print("aim: ahead of graphene-django, on the way to 3x raw SQL at p50")
    print("(peers check no token, tenant or permission; Casebridge does all three)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--engagements", type=int, default=100)
    parser.add_argument("--deliveries", type=int, default=5)
    parser.add_argument("--page", type=int, default=100)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the bench partner afterwards")
    parser.add_argument(
        "--no-peers", action="store_true", help="skip graphene-django and strawberry-django"
    )
    parser.add_argument(
        "--no-graphene",
        action="store_true",
        help="skip graphene-django (and graphql-core 3.2): its venv is not made from PyPI",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="instead of timing, profile N endpoint requests (cProfile, top functions)",
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    # As in production: no SQL logging, no introspection or suggestions (DEBUG's defaults).
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from django_tenants.utils import schema_context

    import config.wsgi  # noqa: F401  (start-up as the web server: URL maps loaded, gc.freeze())
    from tenants.accounts.services.tokens import api_token_create
    from tenants.models import Partner
    from tenants.services import partner_create

    # The benchmark measures the API, not its per-token rate limit.
    settings.GRAPHQL_RATE_LIMIT_PER_MINUTE = 10**9
    slug = "bench-graphql"
    partner = Partner.objects.filter(slug=slug).first() or partner_create(
        actor=None, name="Bench GraphQL", slug=slug, kind="family_centre"
    )
    with schema_context(partner.schema_name):
        started = time.perf_counter()
        champion, integrator = seed(engagements=args.engagements, deliveries=args.deliveries)
        print(f"seeded in {time.perf_counter() - started:.1f} s", flush=True)
        # Planner statistics, as autovacuum keeps them on a live database: freshly seeded
        # tables have none, and every server here (peers included) reads these tables.
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE casework_contact, casework_engagement, casework_servicedelivery"
            )
        secret = api_token_create(
            actor=champion,
            user_public_id=integrator.public_id,
            name="bench",
            scope="read",
            expires_at=timezone.now() + timedelta(hours=1),
        ).secret
    client = Client(HTTP_HOST=partner.get_primary_domain().domain)
    body = json.dumps({"query": QUERY, "variables": {"first": args.page}})

    def via_api():
        response = client.post(
            "/graphql/",
            data=body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        assert response.status_code == 200, response.content[:300]
        return response.content

    def via_sql():
        with schema_context(partner.schema_name), connection.cursor() as cursor:
            cursor.execute(RAW_SQL, [args.page])
            return cursor.fetchone()[0]

    api, raw = json.loads(via_api()), json.loads(via_sql())
    assert "errors" not in api, api
    if api != raw:
        print("The two answers differ:", file=sys.stderr)
        print(json.dumps(api)[:600], file=sys.stderr)
        print(json.dumps(raw)[:600], file=sys.stderr)
        return 1
    via_floor = floor_runner(raw, args.page)
    assert via_floor() == raw["data"], "graphql-core alone gave another answer"
    edges = api["data"]["engagements"]["edges"]
    print(
        f"page: {len(edges)} engagements, {sum(len(e['node']['deliveries']['edges']) for e in edges)} deliveries; answers equal"
    )

    def timed(fn):
        def run():
            started = time.perf_counter()
            fn()
            return (time.perf_counter() - started) * 1000

        return run

    import graphql

    paths = {
        "Casebridge endpoint": timed(via_api),
        "raw SQL json_agg": timed(via_sql),
        f"graphql-core {graphql.__version__} only": timed(via_floor),
    }
    if args.profile:
        profile(via_api, args.profile)
        return done(args, partner)
    peers = (
        []
        if args.no_peers
        else start_peers(partner.schema_name, body, raw, args.page, graphene=not args.no_graphene)
    )
    for peer in peers:
        if peer.answer != raw:
            print(f"{peer.name} gives another answer:", file=sys.stderr)
            print(json.dumps(peer.answer)[:600], file=sys.stderr)
            return 1
        paths[peer.name] = peer.run
    if peers:
        print("peers' answers equal: " + ", ".join(p.name for p in peers))

    timings = {name: [] for name in paths}
    order = list(paths.items())
    try:
        for _ in range(10):  # warm up every path
            for _name, run in order:
                run()
        for n in range(args.runs):
            shift = n % len(order)
            for name, run in order[shift:] + order[:shift]:  # rotate the order
                timings[name].append(run())
            if (n + 1) % 50 == 0:
                print(f"  {n + 1}/{args.runs} rounds", flush=True)
    finally:
        for peer in peers:
            peer.close()
    report(timings)
    return done(args, partner)


def done(args, partner) -> int:
    """The bench partner purged unless --keep."""
    from tenants.models import Partner
    from tenants.services import partner_archive, partner_purge

    if not args.keep:
        partner_archive(actor=None, partner=partner)
        partner_purge(
            actor=None, partner=Partner.objects.get(pk=partner.pk), confirmation=partner.slug
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
