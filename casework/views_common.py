"""Small helpers shared by the casework screens."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404

from casework import policy

PAGE_SIZE = 25
# The services name a moment `happened_at`; the notes and incidents forms ask for its date
# (`happened_on`) and time: a refusal of it shows beside the date.
HAPPENED_AT = {"happened_at": "happened_on"}


def require_casework(request) -> None:
    """Screens that show no single record: a role without casework is refused."""
    if not policy.can_record_casework(request.user):
        raise PermissionDenied("Your role does not include recording casework.")


def found(record):
    """A record the user may not see, or of another partner, is simply not found."""
    if record is None:
        raise Http404
    return record


def page_of(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    page.extra = f"{params.urlencode()}&" if params else ""
    return page
