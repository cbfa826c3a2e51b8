"""My notifications and my tasks. Each person sees only their own; someone else's
is simply not found."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from casework.views_common import found, page_of
from casework.worklist import selectors, services, subjects
from casework.worklist.forms import TaskForm
from casework.worklist.models import TaskStatus
from tenants.accounts.views_common import action_done, form_done, help_key


@login_required
@help_key("notifications")
def notification_list(request):
    show = "unread" if request.GET.get("show") == "unread" else "all"
    notifications = selectors.notifications_for(user=request.user, unread_only=show == "unread")
    return render(
        request,
        "worklist/notification_list.html",
        {"page": page_of(request, notifications), "show": show},
    )


@require_POST
@login_required
@help_key("notifications")
def notification_read(request, public_id):
    notification = found(selectors.notification_get(user=request.user, public_id=public_id))
    services.notification_mark_read(actor=request.user, notification=notification)
    if request.POST.get("open") and notification.link_url:
        return redirect(notification.link_url)
    return redirect("notifications")


@require_POST
@login_required
@help_key("notifications")
def notifications_read_all(request):
    count = services.notifications_mark_all_read(actor=request.user)
    messages.success(request, f"{count} notification{'' if count == 1 else 's'} marked as read.")
    return redirect("notifications")


@login_required
@help_key("tasks")
def task_list(request):
    show = "done" if request.GET.get("show") == "done" else "open"
    context = {"show": show}
    if show == "open":
        context["open_tasks"] = selectors.tasks_open_for(user=request.user)
    else:
        done = selectors.tasks_for(user=request.user, status=TaskStatus.DONE).order_by(
            "-completed_at", "-id"
        )
        context["page"] = page_of(request, done)
    return render(request, "worklist/task_list.html", context)


@require_POST
@login_required
@help_key("tasks")
def task_complete(request, public_id):
    task = found(selectors.task_get(user=request.user, public_id=public_id))
    action_done(
        request,
        lambda: services.task_complete(actor=request.user, task=task),
        done=f"Task completed: {task.title}",
    )
    return redirect(request.POST.get("next") if _safe_next(request) else "tasks")


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


@never_cache
@login_required
@help_key("tasks")
def task_new(request, kind, public_id):
    """“Add a task” on a record: to yourself or a colleague who can see it too."""
    subject = next((s for s in subjects.subjects() if s.kind == kind), None)
    record = subject.find(request.user, public_id) if subject else None
    if record is None:
        raise Http404
    form = TaskForm(request.POST or None, me=request.user)

    def work():
        data = form.cleaned_data
        return services.task_create(
            actor=request.user,
            record=record,
            assignee=data["assignee"],
            title=data["title"],
            due_on=data["due_on"],
            notes=data["notes"],
        )

    def given(task) -> str:
        whom = "you" if task.assignee_id == request.user.pk else task.assignee.get_full_name()
        return f"Task given to {whom}: {task.title}"

    if form_done(request, form, work, done=given):
        return redirect(subject.url(record))
    return render(
        request,
        "worklist/task_new.html",
        {"form": form, "about": subject.describe(record), "back_url": subject.url(record)},
    )
