"""A manual change submitted for approval tells its approvers under the bell (and by
email), with a link into Wagtail's edit screen where they approve or ask for changes.
Registered here, at the top layer, because it joins the manual (cms) to the worklist."""

from django.dispatch import receiver
from django.urls import reverse
from wagtail.signals import task_submitted

from casework.worklist.services import notification_send
from tenants.accounts.models import User


def review_url(object_id) -> str:
    return reverse("wagtailadmin_pages:edit", args=[object_id])


@receiver(task_submitted, dispatch_uid="workspace.manual_approval.notify")
def tell_approvers(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    groups = getattr(task, "groups", None)
    if groups is None:  # not a group approval task: nobody to tell
        return
    workflow_state = instance.workflow_state
    page = workflow_state.content_object
    submitter = user.get_full_name() if user is not None else "Someone"
    approvers = User.objects.filter(groups__in=groups.all(), is_active=True).distinct()
    if user is not None:
        approvers = approvers.exclude(pk=user.pk)
    for approver in approvers.order_by("pk"):
        notification_send(
            recipient=approver,
            title=f"Manual change to approve: {page.title}"[:200],
            body=f"{submitter} changed this manual page and it waits for your approval.",
            link_url=review_url(workflow_state.object_id),
            dedupe_key=f"manual-review:{instance.pk}",
        )
