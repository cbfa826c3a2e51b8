from functools import wraps

from django.core.exceptions import ValidationError

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
