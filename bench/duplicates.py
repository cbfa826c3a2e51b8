"""Find-before-create at scale: typo-tolerant contact search over many contacts.

    bin/bench duplicates [--contacts 1000000] [--queries 300] [--keep]

Creates a throwaway partner, loads synthetic contacts with COPY (with seeded
duplicates: typos and swapped names), then times, alternating in one run,
the find-before-create search (casework.selectors.contact_matches: names one
slip away by exact index probes, pg_trgm when none is) and the header's search box
(casework.selectors.search_everything, with its query count) against an exact indexed
lookup of the same person, and the same search for new people (a name and date
of birth that are not on file, the usual case when creating someone). Prints p50/p95 of each,
their ratio, and the recall on the seeded duplicates (is the person among the
likely matches?). The partner is purged afterwards unless --keep.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
import uuid
from datetime import date, timedelta

from bench.names import NamePicker


def typo(rng, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "replace", "double"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstln") + word[i + 1 :]


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the bench partner afterwards")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django_tenants.utils import schema_context

    from casework.models import Contact
    from casework.selectors import contact_matches, search_everything
    from tenants.accounts.models import Role, User
    from tenants.models import Partner
    from tenants.services import partner_archive, partner_create, partner_purge

    rng = random.Random(20261122)
    slug = "bench-duplicates"
    partner = Partner.objects.filter(slug=slug).first() or partner_create(
        actor=None, name="Bench duplicates", slug=slug, kind="family_centre"
    )
    with schema_context(partner.schema_name):
        user, _ = User.objects.get_or_create(
            username="bench",
            defaults={"full_name": "Bench", "role": Role.objects.get(key="practitioner")},
        )
        user.groups.set([user.role.group])
        user = User.objects.get(pk=user.pk)
        existing = Contact.objects.count()
        if existing < args.contacts:
            load(connection, rng, args.contacts - existing, existing, user.pk)
        total = Contact.objects.count()
        print(f"{total:,} contacts in the bench partner", flush=True)

        # The people whose duplicates we will look for: a random sample of rows.
        sample_ids = rng.sample(range(1, total + 1), args.queries)
        people = list(
            Contact.objects.filter(pk__in=sample_ids).values_list(
                "pk", "first_name", "last_name", "date_of_birth"
            )
        )
        fuzzy_ms, exact_ms, name_ms, found, found_by_name = [], [], [], 0, 0
        # The header's search box, the same engine (casework.people_search): the typed
        # name as one string, and the queries it costs.
        header_ms, header_found, header_queries = [], 0, []
        # Someone being created: a fresh synthetic name and birthday, drawn like the
        # register's, so usually (not always: common names) no one on file.
        newcomers, new_ms, new_name_ms = NamePicker(rng.randrange(1 << 30)), [], []
        for index, (pk, first, last, dob) in enumerate(people):
            variant = index % 3
            if variant == 0:
                q_first, q_last = first, typo(rng, last)
            elif variant == 1:
                q_first, q_last = typo(rng, first), last
            else:
                q_first, q_last = last, first  # swapped
            started = time.perf_counter()
            exact = list(
                Contact.objects.filter(first_name=first, last_name=last, date_of_birth=dob)[:10]
            )
            exact_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            matches = contact_matches(
                user=user, first_name=q_first, last_name=q_last, date_of_birth=dob
            )
            fuzzy_ms.append((time.perf_counter() - started) * 1000)
            found += any(contact.pk == pk for contact, _ in matches)
            # Does the mistyped name alone find their name (them, or a namesake when the
            # name is common), with no date of birth to help?
            started = time.perf_counter()
            by_name = contact_matches(user=user, first_name=q_first, last_name=q_last)
            name_ms.append((time.perf_counter() - started) * 1000)
            found_by_name += any((c.first_name, c.last_name) == (first, last) for c, _ in by_name)
            assert exact, "the exact lookup must find the person"
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                header = search_everything(user=user, query=f"{q_first} {q_last}")
                header_ms.append((time.perf_counter() - started) * 1000)
            header_queries.append(len(queries))
            header_found += any(
                (c.first_name, c.last_name) == (first, last) for c in header["contacts"]
            )
            new_first, new_last = newcomers.first_name(), newcomers.surname()
            new_dob = date.today() - timedelta(days=rng.randrange(365, 365 * 60))
            started = time.perf_counter()
            contact_matches(
                user=user, first_name=new_first, last_name=new_last, date_of_birth=new_dob
            )
            new_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            contact_matches(user=user, first_name=new_first, last_name=new_last)
            new_name_ms.append((time.perf_counter() - started) * 1000)
            if (index + 1) % 50 == 0:
                print(f"  {index + 1}/{len(people)} queries", flush=True)

    print()
    print(
        f"find-before-create:           p50 {percentile(fuzzy_ms, 50):6.1f} ms   p95 {percentile(fuzzy_ms, 95):6.1f} ms"
    )
    print(
        f"  the same, name only:        p50 {percentile(name_ms, 50):6.1f} ms   p95 {percentile(name_ms, 95):6.1f} ms"
    )
    print(
        f"a new person, name and birth: p50 {percentile(new_ms, 50):6.1f} ms   p95 {percentile(new_ms, 95):6.1f} ms"
    )
    print(
        f"  the same, name only:        p50 {percentile(new_name_ms, 50):6.1f} ms   p95 {percentile(new_name_ms, 95):6.1f} ms"
    )
    print(
        f"header search, typed name:    p50 {percentile(header_ms, 50):6.1f} ms   p95 {percentile(header_ms, 95):6.1f} ms"
        f"   queries {min(header_queries)}–{max(header_queries)}"
    )
    print(
        f"exact indexed lookup:         p50 {percentile(exact_ms, 50):6.1f} ms   p95 {percentile(exact_ms, 95):6.1f} ms"
    )
    print(
        f"ratio fuzzy / exact:          p50 {statistics.median(fuzzy_ms) / statistics.median(exact_ms):.1f}x"
    )
    print(
        f"ratio header / exact:         p50 {statistics.median(header_ms) / statistics.median(exact_ms):.1f}x"
    )
    print(
        f"recall on seeded duplicates:  {found / len(people):.3f} ({found}/{len(people)}; typos in either name, swapped names)"
    )
    print(
        f"recall by name alone:         {found_by_name / len(people):.3f} (their name among the matches, no date of birth given)"
    )
    print(
        f"recall in the header search:  {header_found / len(people):.3f} (their name among the contacts found)"
    )
    print("target: p95 under 50 ms, recall at least 0.95")
    load1, load5, _ = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load1:.2f} (1 min) {load5:.2f} (5 min)")
    if not args.keep:
        partner_archive(actor=None, partner=partner)
        partner_purge(actor=None, partner=Partner.objects.get(pk=partner.pk), confirmation=slug)
    return 0


def load(connection, rng, count: int, offset: int, user_id: int) -> None:
    """COPY households and contacts in; the trigram index is rebuilt once afterwards.
    Synthetic rows are not anyone's change: the history triggers are off while loading."""
    from django.db import transaction

    started = time.perf_counter()
    today = date.today()
    now = "2026-01-01 00:00:00+00"
    names = NamePicker(rng.randrange(1 << 30))
    # One transaction: a failed load leaves no half-loaded households behind.
    with transaction.atomic(), connection.cursor() as cursor:
        # Foreign keys checked row by row, so the index can be built in the same transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in ("casework_household", "casework_contact"):
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        _copy(cursor, rng, names, count, offset, user_id, today, now)
        for table in ("casework_household", "casework_contact"):
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casework_household")
        cursor.execute("ANALYZE casework_contact")
    print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)


# Built once after loading rather than kept up to date row by row.
NAME_INDEXES = ("contact_search_name_trgm", "contact_first_sound_last", "contact_last_sound_first")


def _copy(cursor, rng, names, count, offset, user_id, today, now) -> None:
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
        " AND indexname = ANY(%s)",
        [list(NAME_INDEXES)],
    )
    definitions = cursor.fetchall()
    for name, _ in definitions:
        cursor.execute(f"DROP INDEX {name}")
    chunk = 100_000
    for start in range(offset, offset + count, chunk):
        end = min(start + chunk, offset + count)
        households, contacts = io.StringIO(), io.StringIO()
        for n in range(start + 1, end + 1):
            last = names.surname()
            households.write(f"{n}\t{uuid.uuid4()}\t{last} Household\t\t\t\t\t{now}\n")
            dob = today - timedelta(days=rng.randrange(365, 365 * 60))
            contacts.write(
                f"{n}\t{uuid.uuid4()}\tBX-{n:08d}\tadult\t\t{names.first_name()}\t{last}\t\t\t{dob}\t\t\t\t\t"
                f"{n}\t{now}\t\tf\tnot_requested\t\\N\t\\N\t\t\t{now}\t{user_id}\t\n"
            )
        households.seek(0)
        contacts.seek(0)
        cursor.copy_expert(
            "COPY casework_household (id, public_id, name, address_line_1, address_line_2, town, postcode, created_at) FROM STDIN",
            households,
        )
        cursor.copy_expert(
            "COPY casework_contact (id, public_id, client_id, kind, adult_role, first_name, last_name, preferred_name,"
            " pronouns, date_of_birth, unique_pupil_number, phone, phone_digits, email, household_id,"
            " joined_household_at, alerts, watch_list, consent, consent_given_by_id, consent_decided_on,"
            " postcode_district, region, created_at, created_by_id, removal_reason) FROM STDIN",
            contacts,
        )
        print(f"  loaded {end - offset:,}/{count:,} contacts", flush=True)
    print("  building the name indexes…", flush=True)
    for _, definition in definitions:
        cursor.execute(definition)
    for table in ("casework_household", "casework_contact"):
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
        )


if __name__ == "__main__":
    sys.exit(main())
