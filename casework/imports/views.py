"""The Import screens, for managers and champions: upload, map the columns with a preview,
the dry run's report, the import with its progress, the refused rows to download. Thin:
one service or selector each; who may is casework.imports.policy's."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casework.imports import policy, registry, selectors, services
from casework.imports.forms import MappingForm, UploadForm
from casework.imports.models import ImportStatus
from casework.views_common import found
from tenants.accounts.views_common import action_done, form_done, help_key


@never_cache
@login_required
@help_key("imports")
def import_list(request):
    policy.check_import(request.user)
    jobs = selectors.import_jobs(user=request.user)[:50]
    return render(request, "imports/list.html", {"jobs": jobs})


@never_cache
@login_required
@help_key("imports")
def import_new(request):
    policy.check_import(request.user)
    form = UploadForm(
        request.POST or None, request.FILES or None, kinds=registry.import_kinds(user=request.user)
    )
    created = []
    if form_done(
        request,
        form,
        lambda: created.append(
            services.import_upload(
                actor=request.user,
                kind_key=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
            )
        ),
        done="The file was read. Check the columns, then run the dry run.",
    ):
        return redirect("import_detail", public_id=created[0].public_id)
    return render(request, "imports/new.html", {"form": form})


@never_cache
@login_required
@help_key("imports")
def import_detail(request, public_id):
    policy.check_import(request.user)
    job = found(selectors.import_job_get(user=request.user, public_id=public_id))
    kind = registry.import_kind(job.kind)
    form = MappingForm(
        request.POST or None,
        kind=kind,
        headers=job.headers,
        mapping=job.mapping,
        initial={"source_system": job.source_system},
    )
    if form_done(
        request,
        form,
        lambda: services.import_check(
            actor=request.user,
            job=job,
            mapping=form.mapping(),
            source_system=form.cleaned_data["source_system"],
        ),
        done="The dry run has started: nothing is saved until you import.",
    ):
        return redirect("import_detail", public_id=job.public_id)
    context = {
        "job": job,
        "kind": kind,
        "form": form,
        "rows_done": selectors.import_rows_done(job),
        "preview": selectors.import_preview(job=job, kind=kind),
        "actions": registry.ACTIONS,
        "dry_run": (job.report or {}).get("dry_run"),
        "imported": (job.report or {}).get("import"),
        "may_import": job.status in {ImportStatus.CHECKED, ImportStatus.DONE, ImportStatus.FAILED},
    }
    return render(request, "imports/detail.html", context)


@never_cache
@login_required
@require_POST
def import_run(request, public_id):
    policy.check_import(request.user)
    job = found(selectors.import_job_get(user=request.user, public_id=public_id))
    action_done(
        request,
        lambda: services.import_start(actor=request.user, job=job),
        done="The import has started.",
    )
    return redirect("import_detail", public_id=job.public_id)


@never_cache
@login_required
def import_refused(request, public_id):
    """The refused rows as the file had them, with a Reason column: fix and upload again."""
    policy.check_import(request.user)
    job = found(selectors.import_job_get(user=request.user, public_id=public_id))
    if not job.refused_file:
        raise Http404
    response = FileResponse(
        job.refused_file.open("rb"),
        as_attachment=True,
        filename=f"refused-rows-{job.file_name.rsplit('.', 1)[0]}.csv",
        content_type="text/csv",
    )
    response["Cache-Control"] = "no-store, private"
    return response
