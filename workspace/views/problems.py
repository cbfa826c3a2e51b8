"""Report a problem from any page; champions see and close reports; reporters follow
theirs. Thin: rules are in workspace.services.problems and workspace.policy."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework.views_common import found, page_of
from tenants.accounts.views_common import form_done, help_key
from workspace import policy, selectors
from workspace.forms import CloseForm, ProblemForm
from workspace.services.problems import page_clean, problem_close, problem_report

CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}


def _came_from(request) -> str:
    try:
        return page_clean(request.GET.get("from", ""))
    except ValidationError:
        return ""


@never_cache
@login_required
@help_key("report-a-problem")
def problem_new(request):
    policy.check_report_problem(request.user)
    if request.method == "POST":
        form = ProblemForm(request.POST, request.FILES)
    else:
        form = ProblemForm(initial={"page": _came_from(request)})

    def work():
        data = form.cleaned_data
        return problem_report(
            actor=request.user,
            doing=data["doing"],
            page=data["page"],
            screenshot=data["screenshot"],
        )

    if answer := form_done(
        request,
        form,
        work,
        done="Thank you: your champion has been told about the problem.",
        then=lambda report: redirect("problem_detail", public_id=report.public_id),
    ):
        return answer
    return render(request, "workspace/problem_new.html", {"form": form})


@never_cache
@login_required
@help_key("report-a-problem")
def problem_list(request):
    user = request.user
    handles = policy.can_handle_problems(user)
    show = request.GET.get("show", "open" if handles else "mine")
    if show == "open" and handles:
        reports = selectors.problems_to_handle(user=user)
    elif show == "all" and handles:
        reports = selectors.problems_visible_to(user=user)
    else:
        show = "mine"
        reports = selectors.problems_reported_by(user=user)
    return render(
        request,
        "workspace/problem_list.html",
        {"page": page_of(request, reports), "show": show, "handles": handles},
    )


@never_cache
@login_required
@help_key("report-a-problem")
def problem_detail(request, public_id):
    report = found(selectors.problem_get(user=request.user, public_id=public_id))
    can_close = report.is_open and policy.can_handle_problems(request.user)
    form = CloseForm(request.POST or None) if can_close else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form_done(
            request,
            form,
            lambda: problem_close(
                actor=request.user, report=report, note=form.cleaned_data["note"]
            ),
            done="The problem has been closed.",
        ):
            return redirect("problem_detail", public_id=report.public_id)
    return render(request, "workspace/problem_detail.html", {"report": report, "form": form})


@never_cache
@login_required
def problem_screenshot(request, public_id):
    """Only through here, to whoever may see the report: never a public media address."""
    report = found(selectors.problem_get(user=request.user, public_id=public_id))
    if not report.screenshot:
        raise Http404
    extension = report.screenshot.name.rsplit(".", 1)[-1].lower()
    if extension not in CONTENT_TYPES:
        raise Http404
    response = FileResponse(report.screenshot.open("rb"), content_type=CONTENT_TYPES[extension])
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
