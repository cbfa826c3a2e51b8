"""Shared by the import tests: the sample files, uploads, and a run through the screens'
services with the Celery task run at commit (eager in tests)."""

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from casework.imports import services
from casework.imports.models import ImportJob

FILES = Path(__file__).parent / "files"


def sample(name: str) -> bytes:
    return (FILES / name).read_bytes()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def csv_edited(name: str, edit) -> bytes:
    """A sample file with its lines changed by `edit(lines) -> lines`."""
    lines = sample(name).decode().splitlines()
    return ("\n".join(edit(lines)) + "\n").encode()


def xlsx_of(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def imported(capture, actor, kind: str, name: str, content: bytes, *, run=True) -> ImportJob:
    """Upload, dry run with the mapping found, and (with `run`) import: the job after."""
    job = services.import_upload(actor=actor, kind_key=kind, uploaded=upload(name, content))
    with capture(execute=True):
        services.import_check(actor=actor, job=job, mapping=job.mapping)
    job.refresh_from_db()
    if run:
        with capture(execute=True):
            services.import_start(actor=actor, job=job)
        job.refresh_from_db()
    return job
