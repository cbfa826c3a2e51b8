"""A group session: one service on one day for several clients at once (and people
who came without a record), every row validated together and saved all or nothing."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from casework import policy
from casework.models import Attendance, Engagement, GroupSession, Service, ServiceDelivery
from casework.services.engagements import CLOSED_MESSAGE, check_delivery_fields
from casework.tracking import attributed
from tenants.input_rules import text_errors

# A group session's rows at once, in the portal's form and through the API alike.
BULK_MAX_ROWS = 50


@dataclass
class BulkRow:
    engagement: Engagement | None
    service: Service | None
    on: date | None
    attendance: str = Attendance.ATTENDED
    duration_minutes: int | None = None
    summary: str = ""


class BulkDeliveriesInvalid(ValidationError):
    """Every bad row, by its position: nothing was saved."""

    def __init__(self, row_errors: dict[int, dict[str, str]]):
        super().__init__("Some rows have problems: nothing was saved.")
        self.row_errors = row_errors


def bulk_rows_check(count: int) -> None:
    """Refuse more rows than a group session takes at once (callers may ask before they
    look each row up)."""
    if count > BULK_MAX_ROWS:
        raise ValidationError({"rows": f"At most {BULK_MAX_ROWS} rows at once."})


@attributed
def deliveries_bulk_create(
    *,
    actor,
    rows: list[BulkRow],
    anonymous_attendees: int = 0,
    group_service: Service | None = None,
    on: date | None = None,
) -> list[ServiceDelivery]:
    """A group session: all rows validated together and saved all or nothing."""
    policy.check_record_casework(actor)
    bulk_rows_check(len(rows))
    if not rows and not anonymous_attendees:
        raise BulkDeliveriesInvalid({0: {"engagement": "Add at least one row."}})
    if anonymous_attendees < 0:
        raise BulkDeliveriesInvalid({0: {"anonymous_attendees": "Enter 0 or more."}})
    if not rows and (group_service is None or on is None):
        # Only anonymous attendees: the session's service and date come from nowhere else.
        raise BulkDeliveriesInvalid(
            {0: {"service": "Choose the group session's service and date, or add a row."}}
        )
    with transaction.atomic():
        row_errors: dict[int, dict[str, str]] = {}
        locked = {}
        seen = set()
        for index, row in enumerate(rows):
            errors = {}
            engagement = row.engagement
            if engagement is None or not policy.can_see_engagement(actor, engagement):
                errors["engagement"] = "Choose an open engagement you can see."
            else:
                if engagement.pk not in locked:
                    locked[engagement.pk] = Engagement.objects.select_for_update().get(
                        pk=engagement.pk
                    )
                engagement = locked[engagement.pk]
                if not engagement.is_open:
                    errors["engagement"] = CLOSED_MESSAGE
                key = (engagement.pk, row.service.pk if row.service else None, row.on)
                if key in seen:
                    errors["engagement"] = (
                        "This client is already on another row for this service and date."
                    )
                seen.add(key)
                errors |= check_delivery_fields(
                    engagement_start=engagement.start_date,
                    service=row.service,
                    on=row.on,
                    attendance=row.attendance,
                    duration_minutes=row.duration_minutes,
                    quantity=None,
                )
            if errors:
                row_errors[index] = errors
        if row_errors:
            raise BulkDeliveriesInvalid(row_errors)
        session = None
        if anonymous_attendees or group_service:
            service = group_service or rows[0].service
            session = GroupSession.objects.create(
                service=service,
                date=on or rows[0].on,
                anonymous_attendees=anonymous_attendees,
                recorded_by=actor,
            )
        deliveries = [
            ServiceDelivery(
                engagement=locked[row.engagement.pk],
                service=row.service,
                date=row.on,
                attendance=row.attendance,
                duration_minutes=row.duration_minutes,
                summary=row.summary.strip(),
                group_session=session,
                recorded_by=actor,
            )
            for row in rows
        ]
        # bulk_create skips pre_save, where the text input rules run for single saves.
        text_problems = {
            index: errors
            for index, delivery in enumerate(deliveries)
            if (errors := text_errors(delivery))
        }
        if text_problems:
            raise BulkDeliveriesInvalid(text_problems)
        return ServiceDelivery.objects.bulk_create(deliveries)
