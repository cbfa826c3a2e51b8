"""Exports hold only what the user may see (filtered in SQL), small ones download at
once, large ones are built by the Celery task with progress, and a file is served only
to the user who asked for it."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from reports.models import Export, ExportStatus
from reports.services.exports import export_build, export_create
from tenants.accounts.models import AuditEntry
from tests.clients import signed_in


def read(export) -> list[list]:
    with export.file.open("rb") as handle:
        data = handle.read()
    if export.format == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def client_ids(rows, column="Client ID") -> set[str]:
    index = rows[0].index(column)
    return {row[index] for row in rows[1:]}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "who, sees",
    [("owner", {"child"}), ("other", {"secret"}), ("manager", {"child", "secret"})],
)
def test_engagements_export_holds_exactly_what_the_user_may_see(world, who, sees, fmt):
    export = export_create(actor=getattr(world, who), dataset_key="engagements", fmt=fmt)
    assert export.status == ExportStatus.READY
    rows = read(export)
    expected = {getattr(world, name).client_id for name in sees}
    assert client_ids(rows) == expected
    assert export.rows_done == export.rows_total == len(expected)


@pytest.mark.parametrize("who, count", [("owner", 4), ("other", 2), ("manager", 6)])
def test_deliveries_export_holds_only_sessions_in_visible_engagements(world, who, count):
    export = export_create(actor=getattr(world, who), dataset_key="deliveries", fmt="csv")
    rows = read(export)
    assert len(rows) == count + 1
    if who == "owner":
        assert world.secret.client_id not in client_ids(rows)


def test_date_range_filters_rows(world):
    export = export_create(
        actor=world.manager,
        dataset_key="deliveries",
        fmt="csv",
        date_from=date(2025, 2, 1),
        date_to=date(2025, 2, 28),
    )
    rows = read(export)
    dates = {row[rows[0].index("Date")] for row in rows[1:]}
    assert dates == {"2025-02-05", "2025-02-12"}
    assert len(rows) == 1 + 3


def test_a_formula_in_a_name_is_neutralised_in_the_file(world):
    for fmt in ("csv", "xlsx"):
        rows = read(export_create(actor=world.manager, dataset_key="engagements", fmt=fmt))
        names = [row[rows[0].index("First name")] for row in rows[1:]]
        assert "'=HYPERLINK(1)" in names and "=HYPERLINK(1)" not in names


def test_another_partners_user_exports_none_of_partner_a(world, tmp_path):
    connection.set_tenant(world.partner_b)
    export = export_create(actor=world.stranger, dataset_key="engagements", fmt="csv")
    assert len(read(export)) == 1  # the headings only
    # Stored in partner B's own media folder.
    assert f"/{world.partner_b.schema_name}/exports/" in export.file.path
    assert export.file.path.startswith(str(tmp_path))  # tests keep their files to themselves
    connection.set_tenant(world.partner_a)


def test_bad_input_is_refused_with_the_field_named(world):
    with pytest.raises(ValidationError) as refused:
        export_create(actor=world.owner, dataset_key="nothing", fmt="pdf")
    assert set(refused.value.message_dict) == {"dataset", "format"}
    with pytest.raises(ValidationError) as refused:
        export_create(
            actor=world.owner,
            dataset_key="engagements",
            fmt="csv",
            date_from=date(2025, 3, 1),
            date_to=date(2025, 2, 1),
        )
    assert "date_to" in refused.value.message_dict
    assert not Export.objects.exists()


def test_a_role_without_casework_cannot_export(world):
    from reports.policy import ReportsRefused

    with pytest.raises(ReportsRefused):
        export_create(actor=world.editor, dataset_key="engagements", fmt="csv")


def test_each_export_is_audited(world):
    export_create(actor=world.owner, dataset_key="engagements", fmt="csv")
    entry = AuditEntry.objects.filter(action="export.create").latest("pk")
    assert entry.actor_username == world.owner.username
    assert "Engagements as csv, 1 row(s)" in entry.detail


def test_a_large_export_is_queued_and_built_by_the_task_on_commit(
    world, settings, django_capture_on_commit_callbacks
):
    settings.CASEBRIDGE_EXPORT_DIRECT_ROWS = 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = export_create(actor=world.manager, dataset_key="deliveries", fmt="xlsx")
    assert export.status == ExportStatus.QUEUED and export.rows_total == 6
    assert not export.file
    assert len(callbacks) == 1
    callbacks[0]()  # tests run Celery eagerly: this is the task, run in this schema
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    assert export.rows_done == 6 and export.percent == 100
    assert len(read(export)) == 7
    export_build(export_id=export.pk)  # a redelivered task changes nothing
    export.refresh_from_db()
    assert export.status == ExportStatus.READY


def test_rows_are_chosen_with_the_requesters_rights_when_built(
    world, settings, django_capture_on_commit_callbacks
):
    settings.CASEBRIDGE_EXPORT_DIRECT_ROWS = 0
    with django_capture_on_commit_callbacks(execute=True):
        export = export_create(actor=world.other, dataset_key="engagements", fmt="csv")
    export.refresh_from_db()
    assert client_ids(read(export)) == {world.secret.client_id}


def test_an_export_fails_cleanly_when_the_requester_was_deactivated(
    world, settings, django_capture_on_commit_callbacks
):
    settings.CASEBRIDGE_EXPORT_DIRECT_ROWS = 0
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = export_create(actor=world.owner, dataset_key="engagements", fmt="csv")
    world.owner.is_active = False
    world.owner.save(update_fields=["is_active"])
    callbacks[0]()
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and not export.file
    assert "no longer" in export.error


# --- screens -------------------------------------------------------------------------


def test_small_export_downloads_straight_away(world):
    client = signed_in(world.partner_a, world.owner)
    response = client.post(
        "/exports/new/", {"dataset": "engagements", "format": "csv", "date_from": "", "date_to": ""}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert world.child.client_id in text and world.secret.client_id not in text


def test_large_export_shows_progress_then_a_download_for_its_owner_only(
    world, settings, django_capture_on_commit_callbacks
):
    settings.CASEBRIDGE_EXPORT_DIRECT_ROWS = 1
    client = signed_in(world.partner_a, world.manager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            "/exports/new/",
            {"dataset": "deliveries", "format": "xlsx", "date_from": "", "date_to": ""},
        )
    export = Export.objects.get(requested_by=world.manager)
    assert response.status_code == 302 and response["Location"] == f"/exports/{export.public_id}/"
    page = client.get(f"/exports/{export.public_id}/").content.decode()
    assert "0 of 6 rows" in page and 'http-equiv="refresh"' in page
    assert client.get(f"/exports/{export.public_id}/download/").status_code == 404
    for callback in callbacks:
        callback()
    page = client.get(f"/exports/{export.public_id}/").content.decode()
    assert "Ready" in page and 'http-equiv="refresh"' not in page
    download = client.get(f"/exports/{export.public_id}/download/")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"/exports/{export.public_id}/download/" in client.get("/exports/").content.decode()
    # Nobody else gets it: a colleague, even the owner of the records, or another partner.
    for user, partner in ((world.owner, world.partner_a), (world.stranger, world.partner_b)):
        other = signed_in(partner, user)
        for url in (f"/exports/{export.public_id}/", f"/exports/{export.public_id}/download/"):
            assert other.get(url).status_code == 404, (user.username, url)
        assert str(export.public_id) not in other.get("/exports/").content.decode()
        connection.set_tenant(world.partner_a)


def test_export_form_names_the_field_for_bad_input(world):
    client = signed_in(world.partner_a, world.owner)
    response = client.post(
        "/exports/new/",
        {"dataset": "secrets", "format": "pdf", "date_from": "31/2/2025", "date_to": "x"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose what to export from the list." in page
    assert "Choose CSV or Excel (.xlsx)." in page
    assert "Enter a real date for “from (optional)”" in page
    response = client.post(
        "/exports/new/",
        {"dataset": "engagements", "format": "csv", "date_from": "2/3/2025", "date_to": "1/3/2025"},
    )
    assert "The “to” date must be the same as or after “from”." in response.content.decode()
    assert not Export.objects.exists()


def test_export_form_is_prefilled_from_the_report_link(world):
    client = signed_in(world.partner_a, world.owner)
    page = client.get("/exports/new/?dataset=deliveries&date_from=1/1/2025").content.decode()
    assert 'value="deliveries" checked' in page and 'value="1/1/2025"' in page
