"""The GraphQL API against hand-written SQL: one page of engagements.

    bin/bench graphql [--engagements 100] [--deliveries 5] [--runs 200] [--keep]

Creates a throwaway family centre with children, engagements and deliveries (through
the services), an integrator service account and its API token. Then, alternating in
one run, it fetches the same page two ways:

- through the endpoint: POST /graphql/ on the partner's domain with the Bearer token
  (Django's test client: the whole middleware stack, token check, rate limit, optimizer);
- one raw SQL statement building the same JSON with json_agg;
- graphql-core alone executing the same query over the SQL's answer already in memory
  (no database, no HTTP, no Django, trivial resolvers): the floor any Python GraphQL
  server built on graphql-core pays for walking this many fields.

The answers are checked equal, then p50 and p95 of each and their ratios are printed.
The aim is within 3x of the raw SQL at p50. The partner is purged afterwards unless --keep.
The process loads the app as the web server does (config.wsgi), start-up gc.freeze() too.
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--engagements", type=int, default=100)
    parser.add_argument("--deliveries", type=int, default=5)
    parser.add_argument("--page", type=int, default=100)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the bench partner afterwards")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
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
    from tenants.services import partner_archive, partner_create, partner_purge

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
        f"page: {len(edges)} engagements, {sum(len(e['node']['deliveries']['edges']) for e in edges)} deliveries; both answers equal"
    )

    api_ms, sql_ms, floor_ms = [], [], []
    paths = [(via_api, api_ms), (via_sql, sql_ms), (via_floor, floor_ms)]
    for _ in range(10):  # warm up every path
        for fn, _bucket in paths:
            fn()
    for run in range(args.runs):
        for fn, bucket in paths[run % 3 :] + paths[: run % 3]:  # rotate the order
            started = time.perf_counter()
            fn()
            bucket.append((time.perf_counter() - started) * 1000)
        if (run + 1) % 50 == 0:
            print(f"  {run + 1}/{args.runs} rounds", flush=True)
    print()
    print(
        f"GraphQL endpoint:  p50 {percentile(api_ms, 50):7.1f} ms   p95 {percentile(api_ms, 95):7.1f} ms"
    )
    print(
        f"raw SQL json_agg:  p50 {percentile(sql_ms, 50):7.1f} ms   p95 {percentile(sql_ms, 95):7.1f} ms"
    )
    print(
        f"graphql-core only: p50 {percentile(floor_ms, 50):7.1f} ms   p95 {percentile(floor_ms, 95):7.1f} ms"
        "   (same query over the SQL's answer in memory)"
    )
    print()
    print(
        f"ratio API / SQL:  p50 {statistics.median(api_ms) / statistics.median(sql_ms):.1f}x"
        f"   p95 {percentile(api_ms, 95) / percentile(sql_ms, 95):.1f}x"
    )
    print(
        f"floor / SQL:      p50 {statistics.median(floor_ms) / statistics.median(sql_ms):.1f}x"
        "   (graphql-core's own walk of the fields, before any Django or database work)"
    )
    print(
        f"API / floor:      p50 {statistics.median(api_ms) / statistics.median(floor_ms):.1f}x"
        "   (what the HTTP stack, token check, ORM and resolvers add)"
    )
    print("aim: within 3x of the raw SQL at p50")
    if not args.keep:
        partner_archive(actor=None, partner=partner)
        partner_purge(actor=None, partner=Partner.objects.get(pk=partner.pk), confirmation=slug)
    return 0


if __name__ == "__main__":
    sys.exit(main())
