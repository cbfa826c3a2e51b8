"""Importing at scale: rows per second and peak memory for two file sizes, side by side.

    bin/bench imports [--sizes 10000 100000] [--deliveries-per-child 6] [--no-deliveries] [--keep]

For each size, a throwaway family centre gets made-up Salesforce exports
(casework.imports.samples, written row by row to temporary files): that many contacts
(a child and a parent a household), an engagement for each child, and
`--deliveries-per-child` sessions on each (6 by default: three deliveries a contact, the
issue's 100,000 contacts with 300,000 deliveries). Each file is uploaded through the
Import area's service (which reads it once to check it) and imported by the task's own
code (casework.imports.running.job_run, called here in the process so its memory is
measured). Contacts and deliveries go a batch at a time (bulk writes); engagements row
by row (engagement_open). Prints, per size and kind, the seconds, rows per second and the
peak of Python's allocations (tracemalloc) during the upload and the import, then each
kind's large size's ratio to the small one's: time should grow with the rows (ratio ≈
the sizes' ratio) and memory stay flat (ratio ≈ 1), since rows are streamed, never held.
DEBUG is off (as in a worker) unless the environment sets it. The partners are purged
afterwards unless --keep.
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc


def _import(manager, kind: str, headers: list[str], rows) -> dict:
    from django.core.files import File

    from casework.imports import running
    from casework.imports.models import ImportJob, ImportStatus
    from casework.imports.samples import sample_write
    from casework.imports.services import import_upload

    handle, path = tempfile.mkstemp(suffix=".csv")
    os.close(handle)
    try:
        with open(path, "w", newline="", encoding="utf-8") as out:
            count = sample_write(out, headers, rows)
        tracemalloc.start()
        started = time.perf_counter()
        with open(path, "rb") as source:
            job = import_upload(
                actor=manager, kind_key=kind, uploaded=File(source, name=f"salesforce-{kind}.csv")
            )
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
        running.job_run(job_id=job.pk, dry_run=False)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        os.unlink(path)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    counts = job.report["import"]["counts"]
    assert counts["created"] == count, counts
    return {"kind": kind, "rows": count, "seconds": seconds, "peak": peak, "counts": counts}


def _warm(manager) -> None:
    """A dry run of a few contacts (nothing kept) before anything is measured: the first
    run in a process imports modules and fills caches, which tracemalloc would count as
    that size's memory."""
    from django.core.files import File

    from casework.imports import running, samples
    from casework.imports.models import ImportJob, ImportStatus
    from casework.imports.services import import_upload

    handle, path = tempfile.mkstemp(suffix=".csv")
    os.close(handle)
    try:
        with open(path, "w", newline="", encoding="utf-8") as out:
            samples.sample_write(out, samples.CONTACT_HEADERS, samples.contact_rows(20))
        with open(path, "rb") as source:
            job = import_upload(actor=manager, kind_key="contacts", uploaded=File(source, "w.csv"))
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING)
        running.job_run(job_id=job.pk, dry_run=True)
    finally:
        os.unlink(path)


def one_size(rows: int, per_child: int, keep: bool) -> list[dict]:
    from django_tenants.utils import schema_context

    from casework.imports import samples
    from casework.models import Programme, Service
    from tenants.accounts.models import Role, User
    from tenants.models import Partner
    from tenants.services import partner_archive, partner_create, partner_purge

    slug = f"bench-imports-{rows}-{per_child}"
    partner = Partner.objects.filter(slug=slug).first() or partner_create(
        actor=None, name=f"Bench imports {rows}", slug=slug, kind="family_centre"
    )
    results = []
    try:
        with schema_context(partner.schema_name):
            manager, _ = User.objects.get_or_create(
                username="bench",
                defaults={"full_name": "Bench", "role": Role.objects.get(key="manager")},
            )
            manager.groups.set([manager.role.group])
            manager = User.objects.get(pk=manager.pk)
            programme, _ = Programme.objects.get_or_create(
                name="Riverside Families", defaults={"code_prefix": "RF"}
            )
            Service.objects.get_or_create(programme=programme, name="Stay & Play session")
            _warm(manager)
            results.append(
                _import(manager, "contacts", samples.CONTACT_HEADERS, samples.contact_rows(rows))
            )
            _report(results[-1])
            if per_child:
                for kind, headers, made in (
                    ("engagements", samples.ENGAGEMENT_HEADERS, samples.engagement_rows(rows)),
                    (
                        "deliveries",
                        samples.DELIVERY_HEADERS,
                        samples.delivery_rows(rows, per_engagement=per_child),
                    ),
                ):
                    results.append(_import(manager, kind, headers, made))
                    _report(results[-1])
    finally:
        if not keep:
            partner_archive(actor=None, partner=partner)
            partner_purge(actor=None, partner=Partner.objects.get(pk=partner.pk), confirmation=slug)
    return results


def _report(r: dict) -> None:
    print(
        f"{r['kind']:>12} {r['rows']:>8} rows: {r['seconds']:8.1f} s, "
        f"{r['rows'] / r['seconds']:7.1f} rows/s, peak {r['peak'] / 1e6:6.1f} MB",
        flush=True,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    parser.add_argument("--deliveries-per-child", type=int, default=6)
    parser.add_argument("--no-deliveries", action="store_true", help="contacts only")
    parser.add_argument("--keep", action="store_true", help="keep the bench partners afterwards")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    # As in a worker: with DEBUG, Django keeps the last 9,000 statements' SQL (a bulk
    # insert's is long), which tracemalloc would count as the import's memory.
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    per_child = 0 if args.no_deliveries else args.deliveries_per_child
    small, large = (one_size(rows, per_child, args.keep) for rows in args.sizes)
    print(f"{'':>12} {'rows':>17} {'rows/s':>17} {'peak MB':>17}   ratio: rows, time, memory")
    for a, b in zip(small, large, strict=True):
        print(
            f"{a['kind']:>12} {a['rows']:>8} {b['rows']:>8} "
            f"{a['rows'] / a['seconds']:8.1f} {b['rows'] / b['seconds']:8.1f} "
            f"{a['peak'] / 1e6:8.1f} {b['peak'] / 1e6:8.1f}   "
            f"{b['rows'] / a['rows']:.0f}x, {b['seconds'] / a['seconds']:.1f}x, "
            f"{b['peak'] / a['peak']:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
