"""A few reads on a demo record, so its "Who has seen this" page is not empty
(idempotent: nothing when the record already has reads)."""

from datetime import timedelta

from django.utils import timezone

from casework.access.models import ReadVia, RecordRead, RecordType


def reads_demo_seed(*, record_type: str, public_id, readers) -> None:
    if RecordRead.objects.filter(record_ids__contains=[public_id]).exists():
        return
    now = timezone.now()
    RecordRead.objects.bulk_create(
        RecordRead(
            at=now - timedelta(hours=hours_ago),
            reader=reader,
            record_type=RecordType(record_type),
            record_ids=[public_id],
            via=ReadVia.PORTAL,
        )
        for hours_ago, reader in zip((50, 26, 3), readers, strict=False)
    )
