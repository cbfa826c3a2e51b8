"""The portal's shared kernel for screens: service refusals shown on forms, the one way a
screen calls its service, and the Help link's manual key."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from tenants.accounts import policy


def add_service_errors(form, exc) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    if isinstance(exc, policy.DelegationRefused):
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
    elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, getattr(exc, "messages", [str(exc)]))


def form_done(request, form, work, *, done: str) -> bool:
    """How a screen calls its one service: on a valid POST, `work()` runs it; a refusal
    (ValidationError, PermissionDenied) goes beside the field it names and False comes
    back; otherwise `done` is said on the next page and True comes back (redirect then)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        work()
    except (ValidationError, PermissionDenied) as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, done)
    return True


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
