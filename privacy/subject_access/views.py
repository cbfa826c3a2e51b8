"""Subject access screens: ask for everything about a person (ticking the names to take
out), watch it being built, download it. Only the data protection role; each export
only by the account that asked for it. What the user may not see is 404."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from privacy.subject_access import held, policy, selectors, services
from privacy.subject_access.forms import SubjectAccessForm
from privacy.subject_access.models import ExportStatus
from tenants.accounts.private_search import private_search
from tenants.accounts.views_common import form_done, help_key


def _found(record):
    if record is None:
        raise Http404
    return record


@never_cache
@login_required
@help_key("subject-access")
def subject_access_new(request, public_id, kind="contact"):
    person = _found(selectors.subject_get(user=request.user, kind=kind, public_id=public_id))
    names = selectors.names_offered(kind=kind, person=person)
    files = selectors.files_offered(kind=kind, person=person)
    form = SubjectAccessForm(request.POST or None, names=names, files=files)
    made = {}

    def work():
        made["export"] = services.subject_export_create(
            actor=request.user,
            person=person,
            redact=form.cleaned_data["redact"],
            leave_out=form.cleaned_data["leave_out"],
        )

    if form_done(request, form, work, done="The export has been asked for: it is being built."):
        return redirect("subject_access_detail", public_id=made["export"].public_id)
    return render(
        request,
        "subject_access/new.html",
        {
            "person": person,
            "kind": kind,
            "form": form,
            "names": names,
            "files": files,
            "earlier": selectors.subject_exports_about(user=request.user, person=person)[:10],
            "who_looked": selectors.who_looked_pages(user=request.user, kind=kind, person=person),
        },
    )


@never_cache
@private_search("q")
@login_required
@help_key("subject-access")
def subject_access_list(request):
    policy.check_take_subject_access(request.user)
    query = request.private_search["q"][:100]
    return render(
        request,
        "subject_access/list.html",
        {
            "q": query,
            "found": selectors.subjects_found(user=request.user, query=query),
            "exports": selectors.subject_exports_of(user=request.user)[:50],
        },
    )


@never_cache
@login_required
@help_key("subject-access")
def subject_access_detail(request, public_id):
    export = _found(selectors.subject_export_get(user=request.user, public_id=public_id))
    return render(request, "subject_access/detail.html", {"export": export})


@never_cache
@login_required
def subject_access_download(request, public_id):
    export = _found(selectors.subject_export_get(user=request.user, public_id=public_id))
    if export.status != ExportStatus.READY or not export.file:
        raise Http404
    services.subject_export_handed_over(actor=request.user, export=export)
    try:
        handle = export.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=export.file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
@help_key("subject-access")
def subject_held(request, public_id, kind="contact"):
    """What is held about the person, read only (logged as a read of each record)."""
    person = _found(selectors.subject_get(user=request.user, kind=kind, public_id=public_id))
    sections = held.held_about(kind=kind, person=person)
    held.held_reads_log(actor=request.user, kind=kind, person=person)
    return render(
        request,
        "subject_access/held.html",
        {
            "person": person,
            "kind": kind,
            "records": [s for s in sections if not s.history],
            "history": [s for s in sections if s.history],
            "holds": held.holds_on(person),
            "who_looked": selectors.who_looked_pages(user=request.user, kind=kind, person=person),
        },
    )
