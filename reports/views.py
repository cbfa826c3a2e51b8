"""Reports and exports screens. Thin: parse, call one service or selector, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework.access.models import RecordType
from casework.access.services import read_log
from reports import policy, selectors
from reports.definitions import report_get, reports_for
from reports.exports.datasets import datasets_for
from reports.forms import DateRangeForm, ExportForm
from reports.models import ExportFormat, ExportStatus
from reports.services.exports import export_create
from tenants.accounts.views_common import form_done, help_key

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@help_key("reports")
def report_list(request):
    policy.check_view_reports(request.user)
    return render(request, "reports/report_list.html", {"reports": reports_for(request.user)})


@login_required
@help_key("reports")
def report_detail(request, key):
    policy.check_view_reports(request.user)
    definition = report_get(request.user, key)
    if definition is None:
        raise Http404
    form = DateRangeForm(request.GET or None)
    context = {"definition": definition, "form": form}
    if not form.is_bound or form.is_valid():
        date_from, date_to = form.range()
        context |= {"date_from": date_from, "date_to": date_to}
        context |= definition.build(user=request.user, date_from=date_from, date_to=date_to)
    return render(request, definition.template, context)


@never_cache
@login_required
@help_key("exports")
def export_new(request):
    datasets = datasets_for(request.user)
    if not datasets:
        raise PermissionDenied("Your role does not include exports.")
    initial = {k: request.GET[k] for k in ("dataset", "date_from", "date_to") if k in request.GET}
    form = ExportForm(request.POST or None, datasets=datasets, initial=initial)

    def work():
        data = form.cleaned_data
        return export_create(
            actor=request.user,
            dataset_key=data["dataset"],
            fmt=data["format"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )

    def answer_for(export):
        if export.status == ExportStatus.READY:
            return _send(export)  # small: straight to the download
        return redirect("export_detail", public_id=export.public_id)

    if answer := form_done(request, form, work, done=None, then=answer_for):
        return answer
    return render(request, "reports/export_new.html", {"form": form})


@login_required
@help_key("exports")
def export_list(request):
    exports = selectors.exports_of(user=request.user)[:50]
    return render(request, "reports/export_list.html", {"exports": exports})


@never_cache
@login_required
@help_key("exports")
def export_detail(request, public_id):
    export = selectors.export_get(user=request.user, public_id=public_id)
    if export is None:
        raise Http404
    return render(request, "reports/export_detail.html", {"export": export})


@never_cache
@login_required
def export_download(request, public_id):
    export = selectors.export_get(user=request.user, public_id=public_id)
    if export is None or export.status != ExportStatus.READY or not export.file:
        raise Http404
    read_log(actor=request.user, record_type=RecordType.EXPORT, public_ids=[export.public_id])
    return _send(export)


def _send(export):
    name = export.file.name.rsplit("/", 1)[-1]
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES[export.format],
    )
    response["Cache-Control"] = "no-store, private"
    return response
