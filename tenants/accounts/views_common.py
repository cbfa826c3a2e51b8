"""The portal's shared kernel for screens: service refusals shown on forms, the one way a
screen calls its service, and the Help link's manual key."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from tenants.accounts import policy

# A service's field names as a form's: a mapping of those that differ, or a function.
Renamed = dict[str, str] | Callable[[str], str] | None


def add_service_errors(form, exc, *, renamed: Renamed = None) -> None:
    """Show a service's refusal beside the field it names, or above the form. `renamed`
    maps the service's field names to the form's where they differ (a dict, or a function
    of the name)."""
    if isinstance(exc, policy.DelegationRefused):
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
    elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            field = form_field(field, renamed)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, getattr(exc, "messages", [str(exc)]))


def form_field(name: str, renamed: Renamed) -> str:
    """The form's name for a field the service named `name`."""
    if callable(renamed):
        return renamed(name)
    return (renamed or {}).get(name, name)


def form_done(
    request,
    form,
    work,
    *,
    done: str | Callable[[Any], str] | None,
    renamed: Renamed = None,
    then: Callable[[Any], Any] | None = None,
):
    """How a screen calls its one service: on a valid POST, `work()` runs it; a refusal
    (ValidationError, PermissionDenied) goes beside the field it names (`renamed` as in
    add_service_errors) and False comes back. Otherwise `done` is said on the next page
    (or `done(result)`, when the words depend on what the service made; None when the
    next page says it) and True comes back, or `then(result)` when the answer depends on
    what the service made (a redirect to the record it created, a page shown once:
    `if answer := form_done(..., then=...): return answer`)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        result = work()
    except (ValidationError, PermissionDenied) as exc:
        add_service_errors(form, exc, renamed=renamed)
        return False
    if done is not None:
        messages.success(request, done(result) if callable(done) else done)
    return then(result) if then else True


def action_done(
    request,
    work,
    *,
    done: str | Callable[[Any], str],
    refusals: tuple[type[Exception], ...] = (ValidationError,),
) -> bool:
    """How a button (a POST with no form to show again) calls its one service: a refusal
    (ValidationError, or the `refusals` given) is said as an error on the next page and
    False comes back; otherwise `done` (or `done(result)`) is said and True comes back.
    The screen redirects either way. A PermissionDenied not named in `refusals` is left
    to answer 403, as every screen does for a role without the right."""
    try:
        result = work()
    except refusals as exc:
        messages.error(request, refusal_text(exc))
        return False
    messages.success(request, done(result) if callable(done) else done)
    return True


def refusal_text(exc) -> str:
    """A service's refusal as one line (its messages joined)."""
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


def require(allowed: bool, message: str = "Your role does not include this screen.") -> None:
    """Screens that show no single record: refused as a whole (403) for roles without it."""
    if not allowed:
        raise PermissionDenied(message)


def help_key(key: str):
    """Declare which manual page explains this screen (the Help link in the header)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.help_key = key
            return view(request, *args, **kwargs)

        wrapper.help_key = key
        return wrapper

    return decorate
