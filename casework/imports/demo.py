"""A made-up export waiting in the demo family centre's Import area, uploaded by its
manager and not yet checked, so the dry run and the import can be tried from the screen
(idempotent: nothing once the partner has any import)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from casework.imports.models import ImportJob
from casework.imports.services import import_upload


def imports_demo_seed(*, manager, name: str, content: bytes, kind: str = "contacts") -> None:
    """`content`: the file (the demo's own lives in demo/imports/, the crawl's in tests/)."""
    if ImportJob.objects.exists():
        return
    import_upload(actor=manager, kind_key=kind, uploaded=SimpleUploadedFile(name, content))
