"""Reporting a problem and closing it.

A report goes to the reporter's own champions (a task each and a notification). A
provider's report also goes, as the HELP manual has it, to the champions of the boroughs
that refer residents to the provider: a copy in each borough's schema, written in the
same transaction, carrying only what the reporter typed, their name and the page's
address with its record ids blanked out. Never the screenshot (it may show a client),
never anything about a client the reporter did not type."""

import re
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import schema_context
from PIL import Image, UnidentifiedImageError

from casework.worklist.services import notification_send, task_assign, tasks_complete_for
from referrals import notify
from referrals.models import Direction, Referral
from tenants.accounts import capabilities as cap
from tenants.models import Partner, PartnerKind
from workspace import policy
from workspace.models import ProblemReport, ProblemStatus

SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024
SCREENSHOT_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def page_clean(page: str) -> str:
    """A path of this portal, without its query string (a search there may hold a name)."""
    page = (page or "").strip().split("?", 1)[0].split("#", 1)[0]
    if not page:
        return ""
    if not page.startswith("/") or page.startswith("//") or "\\" in page:
        raise ValidationError({"page": "The page must be an address in this portal, like /cases/."})
    return page[:300]


def page_for_another_partner(page: str) -> str:
    """Record ids mean nothing elsewhere and some (a referral's) are shared: blank them."""
    return UUID.sub("…", page)


def screenshot_check(upload: UploadedFile | None) -> tuple[UploadedFile | None, str]:
    """The upload if it really is a PNG, JPEG, GIF or WebP image (read by its content,
    not its name), and the extension its format takes."""
    if upload is None:
        return None, ""
    if upload.size > SCREENSHOT_MAX_BYTES:
        raise ValidationError({"screenshot": "The screenshot must be smaller than 5 MB."})
    data = upload.read()
    upload.seek(0)
    try:
        with Image.open(BytesIO(data)) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        image_format = None
    if image_format not in SCREENSHOT_FORMATS:
        raise ValidationError(
            {"screenshot": "The screenshot must be an image (PNG, JPEG, GIF or WebP)."}
        )
    return upload, SCREENSHOT_FORMATS[image_format]


def _champions(*, exclude=None):
    champions = notify.users_with(cap.MANAGE_USERS)
    return list(champions.exclude(pk=exclude.pk) if exclude is not None else champions)


def _tell_champions(*, actor, report: ProblemReport, exclude=None) -> int:
    link = reverse("problem_detail", kwargs={"public_id": report.public_id})
    sender = f" ({report.from_partner_name})" if report.from_partner_name else ""
    champions = _champions(exclude=exclude)
    for champion in champions:
        task_assign(
            actor=actor if report.reported_by_id else None,
            assignee=champion,
            title=f"Look into a problem reported by {report.reporter_name}{sender}"[:200],
            link_url=link,
        )
        notification_send(
            recipient=champion,
            title=f"Problem reported by {report.reporter_name}{sender}"[:200],
            body=report.doing[:500],
            link_url=link,
        )
    return len(champions)


def boroughs_referring_to_this_provider() -> list[Partner]:
    """Boroughs that have sent this provider referrals (from its own received copies: the
    routing facts it already holds), live and open."""
    ids = (
        Referral.objects.filter(direction=Direction.RECEIVED)
        .order_by()
        .values_list("other_partner_id", flat=True)
        .distinct()
    )
    return list(
        Partner.objects.filter(pk__in=list(ids), kind=PartnerKind.BOROUGH, is_active=True)
        .live()
        .order_by("name")
    )


def problem_report(*, actor, doing: str, page: str = "", screenshot=None) -> ProblemReport:
    policy.check_report_problem(actor)
    doing = (doing or "").strip()
    errors = {}
    if not doing:
        errors["doing"] = "Say what you were doing and what went wrong."
    elif len(doing) > 5000:
        errors["doing"] = "Keep it to 5,000 characters or fewer."
    try:
        page = page_clean(page)
    except ValidationError as exc:
        errors |= exc.message_dict
    try:
        screenshot, extension = screenshot_check(screenshot)
    except ValidationError as exc:
        errors |= exc.message_dict
    if errors:
        raise ValidationError(errors)
    partner = Partner.objects.get(schema_name=connection.schema_name)
    with transaction.atomic():
        report = ProblemReport(reported_by=actor, reporter_name=actor.get_full_name(), doing=doing)
        report.page = page
        if screenshot is not None:
            report.screenshot.save(f"screenshot.{extension}", screenshot, save=False)
        report.save()
        _tell_champions(actor=actor, report=report, exclude=actor)
        # A training copy's people are made up, and so are its boroughs: nothing crosses.
        if partner.kind == PartnerKind.PROVIDER and not partner.is_training:
            boroughs = boroughs_referring_to_this_provider()
            for borough in boroughs:
                with schema_context(borough.schema_name):
                    copy = ProblemReport.objects.create(
                        public_id=report.public_id,
                        reporter_name=report.reporter_name,
                        from_partner_name=partner.name,
                        doing=doing,
                        page=page_for_another_partner(page),
                    )
                    _tell_champions(actor=None, report=copy)
            if boroughs:
                report.also_sent_to = ", ".join(b.name for b in boroughs)[:500]
                report.save(update_fields=["also_sent_to"])
    return report


def problem_close(*, actor, report: ProblemReport, note: str = "") -> ProblemReport:
    policy.check_handle_problems(actor)
    with transaction.atomic():
        report = ProblemReport.objects.select_for_update().get(pk=report.pk)
        if not report.is_open:
            raise ValidationError({"status": "This problem is already closed."})
        report.status = ProblemStatus.CLOSED
        report.closed_at = timezone.now()
        report.closed_by_name = actor.get_full_name()
        report.close_note = (note or "").strip()[:2000]
        report.save(update_fields=["status", "closed_at", "closed_by_name", "close_note"])
        link = reverse("problem_detail", kwargs={"public_id": report.public_id})
        tasks_complete_for(link_url=link)
        if report.reported_by_id and report.reported_by_id != actor.pk:
            notification_send(
                recipient=report.reported_by,
                title="The problem you reported has been closed",
                body=report.close_note,
                link_url=link,
            )
    return report
