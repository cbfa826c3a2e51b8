"""Asking for a subject access export and building it: the request is audited, the
bundle is built by a Celery task that reports its progress on the row, and handing it
over is audited too."""

import logging
import os
import tempfile

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.models import Contact
from casework.worklist.services import notification_send
from privacy.subject_access import policy
from privacy.subject_access.bundle import bundle_write, files_held
from privacy.subject_access.models import ExportStatus, SubjectAccessExport
from privacy.subject_access.names import names_in_notes
from tenants.accounts.services.audit import audit_record

logger = logging.getLogger(__name__)


def subject_export_create(
    *, actor, person, redact: list[str] = (), leave_out: list[str] = ()
) -> SubjectAccessExport:
    """Ask for everything held about `person` (a contact or a customer), with the ticked
    third parties' names (only names found in the notes) taken out, and the ticked files
    (only files the bundle would hold) left out of the zip. Queued for the worker once
    committed."""
    policy.check_take_subject_access(actor)
    kind = "contact" if isinstance(person, Contact) else "customer"
    offered = set(names_in_notes(kind=kind, person=person))
    unknown = [name for name in redact if name not in offered]
    if unknown:
        raise ValidationError({"redact": "Tick only names from the list found in the notes."})
    if leave_out and not set(leave_out) <= {
        key for key, _label in files_held(kind=kind, person=person)
    }:
        raise ValidationError(
            {"leave_out": "Tick only files from the list of this person's files."}
        )
    with transaction.atomic():
        export = SubjectAccessExport.objects.create(
            requested_by=actor,
            contact=person if kind == "contact" else None,
            customer=person if kind == "customer" else None,
            person_name=str(person)[:250],
            redacted_names=sorted(set(redact)),
            files_left_out=sorted(set(leave_out)),
        )
        audit_record(
            actor=actor,
            action="subject_access.create",
            target_public_id=person.public_id,
            detail=(
                f"Subject access export {export.public_id} about {kind} {person.public_id}, "
                f"{len(export.redacted_names)} name(s) redacted, "
                f"{len(export.files_left_out)} file(s) left out"
            ),
        )
        from privacy.subject_access.tasks import subject_export_build_task

        transaction.on_commit(lambda: subject_export_build_task.delay(export.pk))
    return export


def _tell_requester(export: SubjectAccessExport, *, ready: bool, records: int = 0) -> None:
    """In-app (and by email, like every notification) once the bundle is finished: no
    name in the words, which go into emails; the link is the export's own page, which
    only the requester can open."""
    if ready:
        title = "Your subject access bundle is ready"
        body = f"It holds {records} record(s). Download it from its page: only you can."
    else:
        title = "Your subject access bundle could not be built"
        body = "Open its page to see why, then ask for it again."
    notification_send(
        recipient=export.requested_by,
        title=title,
        body=body,
        link_url=reverse("subject_access_detail", kwargs={"public_id": export.public_id}),
        dedupe_key=f"subject-access:{export.public_id}",
    )


def subject_export_build(*, export_id: int) -> None:
    """Build the zip (in the worker). A redelivered task finds it started and does
    nothing; the requester must still hold the data protection role."""
    with transaction.atomic():
        export = (
            SubjectAccessExport.objects.select_for_update(of=("self",))
            .select_related("requested_by", "contact", "customer")
            .get(pk=export_id)
        )
        if export.status != ExportStatus.QUEUED:
            return
        export.status = ExportStatus.RUNNING
        export.save(update_fields=["status"])

    def progress(done: int, total: int) -> None:
        SubjectAccessExport.objects.filter(pk=export.pk).update(steps_done=done, steps_total=total)

    handle, path = tempfile.mkstemp(suffix=".zip")
    os.close(handle)
    try:
        if not policy.can_take_subject_access(export.requested_by):
            raise policy.SubjectAccessRefused(
                "The account that asked no longer holds the data protection role."
            )
        records = bundle_write(
            path,
            kind=export.kind,
            person=export.person,
            names=export.redacted_names,
            left_out=export.files_left_out,
            made_by=export.requested_by.get_full_name() or export.requested_by.username,
            on_progress=progress,
        )
        name = f"subject-access-{timezone.localdate():%Y-%m-%d}.zip"
        with open(path, "rb") as built:
            export.file.save(name, File(built), save=False)
        SubjectAccessExport.objects.filter(pk=export.pk).update(
            file=export.file.name,
            records=records,
            status=ExportStatus.READY,
            finished_at=timezone.now(),
        )
        transaction.on_commit(lambda: _tell_requester(export, ready=True, records=records))
    except Exception as exc:
        logger.exception("subject access export %s failed", export.public_id)
        message = getattr(exc, "message", "") or "The export could not be built. Try again."
        SubjectAccessExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, error=str(message)[:300], finished_at=timezone.now()
        )
        transaction.on_commit(lambda: _tell_requester(export, ready=False))
    finally:
        os.unlink(path)


def subject_export_handed_over(*, actor, export: SubjectAccessExport) -> None:
    """Log the download: who took the bundle about whom, and when."""
    policy.check_take_subject_access(actor)
    audit_record(
        actor=actor,
        action="subject_access.download",
        target_public_id=export.person.public_id,
        detail=f"Subject access export {export.public_id} downloaded",
    )
