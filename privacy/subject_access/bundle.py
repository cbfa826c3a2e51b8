"""The bundle itself: every section's rows about the person as plain values, written as
a printable HTML document, the same as JSON, and the files' bytes, in one zip."""

import json
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst

from privacy.subject_access.names import redact
from privacy.subject_access.sections import Section, sections_for


def _plain(value):
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (UUID, Decimal)):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _redacted(value, names: list[str]):
    if not names:
        return value
    if isinstance(value, str):
        return redact(value, names)
    if isinstance(value, list):
        return [_redacted(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _redacted(item, names) for key, item in value.items()}
    return value


def _fields(section: Section) -> list[models.Field]:
    return [
        f
        for f in section.model._meta.concrete_fields
        if not f.name.endswith("_digits") and f.name not in section.hidden
    ]


def section_rows(section: Section, *, kind: str, person, names: list[str]) -> list[dict]:
    """The section's rows about the person: {field label: plain value}, foreign keys by
    what they name (a person, a programme), files by their stored name."""
    fields = _fields(section)
    joins = [f.name for f in fields if f.is_relation]
    rows = []
    found = section.rows(kind=kind, person=person)
    for obj in found.select_related(*joins) if joins else found:
        row = {}
        for f in fields:
            if f.is_relation:
                value = getattr(obj, f.name)
            elif isinstance(f, models.FileField):
                value = getattr(obj, f.name).name or ""
            else:
                value = getattr(obj, f.attname)
            row[capfirst(str(f.verbose_name))] = _redacted(_plain(value), names)
        row["_pk"] = obj.pk
        rows.append(row)
    return rows


def _file_entries(section: Section, *, kind: str, person) -> list[tuple[str, str, object]]:
    """(key, path in the zip, stored file) of each file of the section's rows; the key
    ("<section>/<row>") is what the data protection officer ticks to leave it out."""
    entries = []
    for obj in section.rows(kind=kind, person=person):
        for name in section.files:
            stored = getattr(obj, name)
            if stored and stored.name:
                entries.append(
                    (
                        f"{section.key}/{obj.pk}",
                        f"files/{section.key}/{obj.pk}-{stored.name.rsplit('/', 1)[-1]}",
                        stored,
                    )
                )
    return entries


def files_held(*, kind: str, person) -> list[tuple[str, str]]:
    """(key, "Section: file name") of every file that would go in the bundle: the list
    to leave some out from (their contents cannot be redacted)."""
    held = []
    for section in sections_for(kind):
        if not section.files:
            continue
        for key, arcname, stored in _file_entries(section, kind=kind, person=person):
            # The name it was uploaded as where the record keeps one, else the stored name.
            shown = getattr(stored.instance, "name", "") or arcname.rsplit("/", 1)[-1]
            held.append((key, f"{section.title}: {shown}"))
    return held


def bundle_write(
    path: str,
    *,
    kind: str,
    person,
    names: list[str],
    made_by: str,
    left_out: list[str] = (),
    on_progress: Callable[[int, int], None] = lambda done, total: None,
) -> int:
    """Write the zip at `path`; returns how many records it holds. `on_progress(done,
    total)` is told after each section. The files whose keys are in `left_out` are not
    copied in (their records still are); the document says which."""
    sections = sections_for(kind)
    total = len(sections) + 1
    built, records, files = [], 0, []
    for done, section in enumerate(sections, start=1):
        rows = section_rows(section, kind=kind, person=person, names=names)
        for row in rows:
            row.pop("_pk")
        records += len(rows)
        built.append(
            {"key": section.key, "title": section.title, "history": section.history, "rows": rows}
        )
        files.extend(_file_entries(section, kind=kind, person=person))
        on_progress(done, total)
    left_out = set(left_out)
    excluded = [arcname for key, arcname, _stored in files if key in left_out]
    files = [(arcname, stored) for key, arcname, stored in files if key not in left_out]
    made_at = timezone.localtime()
    head = {
        "person": str(person),
        "made_at": made_at.isoformat(),
        "made_by": made_by,
        "names_redacted": len(names),
        "records": records,
        "files_left_out": len(excluded),
    }
    document = {
        **head,
        "sections": {s["key"]: {"title": s["title"], "rows": s["rows"]} for s in built},
    }
    missing = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(
            "data.json", json.dumps(document, indent=2, default=str, ensure_ascii=False)
        )
        for arcname, stored in files:
            try:
                with stored.open("rb") as handle:
                    bundle.writestr(arcname, handle.read())
            except (FileNotFoundError, ValueError, OSError):
                missing.append(arcname)
        html = render_to_string(
            "subject_access/bundle.html",
            {
                **head,
                "made_at": made_at,
                "records_sections": [s for s in built if not s["history"]],
                "history_sections": [s for s in built if s["history"]],
                "files": [arcname for arcname, _ in files if arcname not in missing],
                "missing": missing,
                "left_out": excluded,
            },
        )
        bundle.writestr("everything-we-hold.html", html)
    on_progress(total, total)
    return records
