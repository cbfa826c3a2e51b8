"""Importing contacts at scale: rows per second and peak memory for two file sizes.

    bin/bench imports [--sizes 10000 100000] [--keep]

For each size, a throwaway family centre gets a made-up Salesforce NPSP contacts report
of that many rows (casework.imports.samples, written row by row to a temporary file),
uploaded through the Import area's service (which reads the whole file once to check
it) and imported by the task's own code (casework.imports.running.job_run, called
here in the process so its memory is measured). Prints, per size, the seconds, rows
per second and the peak of Python's allocations (tracemalloc) during the upload and
the import, then the large size's ratio to the small one's: time should grow with the
rows (ratio ≈ the sizes' ratio) and memory stay flat (ratio ≈ 1), since rows are
streamed, never held. The partners are purged afterwards unless --keep.
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc


def one_size(rows: int, keep: bool) -> dict:
    from django.core.files import File
    from django_tenants.utils import schema_context

    from casework.imports import running
    from casework.imports.models import ImportJob, ImportStatus
    from casework.imports.samples import CONTACT_HEADERS, contact_rows, sample_write
    from casework.imports.services import import_upload
    from tenants.accounts.models import Role, User
    from tenants.models import Partner
    from tenants.services import partner_archive, partner_create, partner_purge

    slug = f"bench-imports-{rows}"
    partner = Partner.objects.filter(slug=slug).first() or partner_create(
        actor=None, name=f"Bench imports {rows}", slug=slug, kind="family_centre"
    )
    handle, path = tempfile.mkstemp(suffix=".csv")
    os.close(handle)
    try:
        with open(path, "w", newline="", encoding="utf-8") as out:
            sample_write(out, CONTACT_HEADERS, contact_rows(rows))
        with schema_context(partner.schema_name):
            manager, _ = User.objects.get_or_create(
                username="bench",
                defaults={"full_name": "Bench", "role": Role.objects.get(key="manager")},
            )
            manager.groups.set([manager.role.group])
            manager = User.objects.get(pk=manager.pk)
            tracemalloc.start()
            started = time.perf_counter()
            with open(path, "rb") as source:
                job = import_upload(
                    actor=manager,
                    kind_key="contacts",
                    uploaded=File(source, name="salesforce-contacts.csv"),
                )
            ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
            running.job_run(job_id=job.pk, dry_run=False)
            seconds = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            job.refresh_from_db()
            counts = job.report["import"]["counts"]
            assert job.status == ImportStatus.DONE, job.error
    finally:
        os.unlink(path)
        if not keep:
            partner_archive(actor=None, partner=partner)
            partner_purge(actor=None, partner=Partner.objects.get(pk=partner.pk), confirmation=slug)
    return {"rows": rows, "seconds": seconds, "peak": peak, "counts": counts}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    parser.add_argument("--keep", action="store_true", help="keep the bench partners afterwards")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    results = []
    for rows in args.sizes:
        results.append(r := one_size(rows, args.keep))
        print(
            f"{r['rows']:>8} rows: {r['seconds']:8.1f} s, {r['rows'] / r['seconds']:7.1f} rows/s, "
            f"peak {r['peak'] / 1e6:6.1f} MB (created {r['counts']['created']}, "
            f"matched {r['counts']['matched']}, refused {r['counts']['refused']})",
            flush=True,
        )
    small, large = results
    print(
        f"ratio {large['rows'] / small['rows']:.0f}x rows: time {large['seconds'] / small['seconds']:.1f}x, "
        f"peak memory {large['peak'] / small['peak']:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
