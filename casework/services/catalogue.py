"""The programme and service catalogue, kept by managers. A programme or service that
has ended stays (its engagements and deliveries name it) but is no longer offered."""

from django.core.exceptions import ValidationError
from django.db import transaction

from casework import policy
from casework.models import Programme, Service
from casework.tracking import attributed


def _programme_errors(name: str, code_prefix: str, *, keep: Programme | None = None) -> dict:
    errors = {}
    same_name = Programme.objects.filter(name__iexact=name)
    if keep is not None:
        same_name = same_name.exclude(pk=keep.pk)
    if not name:
        errors["name"] = "Enter the programme's name."
    elif same_name.exists():
        errors["name"] = f"A programme called “{name}” already exists."
    if not code_prefix:
        errors["code_prefix"] = "Enter a short code, for example RF."
    return errors


@attributed
def programme_create(*, actor, name: str, code_prefix: str) -> Programme:
    policy.check_manage_programmes(actor)
    name, code_prefix = name.strip(), code_prefix.strip()
    errors = _programme_errors(name, code_prefix)
    if errors:
        raise ValidationError(errors)
    return Programme.objects.create(name=name, code_prefix=code_prefix)


@attributed
def programme_update(
    *, actor, programme: Programme, name: str, code_prefix: str, is_active: bool
) -> Programme:
    """Rename a programme, change its code, or end it (no new engagements on it)."""
    policy.check_manage_programmes(actor)
    name, code_prefix = name.strip(), code_prefix.strip()
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        errors = _programme_errors(name, code_prefix, keep=programme)
        if errors:
            raise ValidationError(errors)
        programme.name, programme.code_prefix, programme.is_active = name, code_prefix, is_active
        programme.save(update_fields=["name", "code_prefix", "is_active"])
    return programme


def _service_full_name(programme: Programme, name: str) -> str:
    """Services are coded after their programme: “RF: Nursery”."""
    name = name.strip()
    return (
        name if name.startswith(f"{programme.code_prefix}:") else f"{programme.code_prefix}: {name}"
    )


def _service_errors(programme: Programme, name: str, *, keep: Service | None = None) -> dict:
    if not name.strip():
        return {"name": "Enter the service's name."}
    full_name = _service_full_name(programme, name)
    same_name = Service.objects.filter(name__iexact=full_name)
    if keep is not None:
        same_name = same_name.exclude(pk=keep.pk)
    if same_name.exists():
        return {"name": f"A service called “{full_name}” already exists."}
    return {}


@attributed
def service_create(*, actor, programme: Programme, name: str) -> Service:
    policy.check_manage_programmes(actor)
    errors = _service_errors(programme, name)
    if errors:
        raise ValidationError(errors)
    return Service.objects.create(programme=programme, name=_service_full_name(programme, name))


@attributed
def service_update(*, actor, service: Service, name: str, is_active: bool) -> Service:
    """Rename a service or end it (no longer offered for new sessions)."""
    policy.check_manage_programmes(actor)
    with transaction.atomic():
        service = Service.objects.select_for_update().select_related("programme").get(pk=service.pk)
        errors = _service_errors(service.programme, name, keep=service)
        if errors:
            raise ValidationError(errors)
        service.name = _service_full_name(service.programme, name)
        service.is_active = is_active
        service.save(update_fields=["name", "is_active"])
    return service
