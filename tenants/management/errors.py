"""A service's refusal as a command prints it: each field named with its rule, as the
portal and the API show them."""

from django.core.exceptions import ValidationError


def validation_error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)
