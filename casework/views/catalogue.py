"""The programme and service catalogue: managers list and add programmes and services."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework import policy, selectors
from casework.forms import ProgrammeForm, ServiceForm
from casework.forms_edit import ProgrammeEditForm, ServiceEditForm
from casework.services.catalogue import (
    programme_create,
    programme_update,
    service_create,
    service_update,
)
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key


@never_cache
@login_required
@help_key("programmes")
def programme_list(request):
    _require_managing(request)
    programme_form = ProgrammeForm(request.POST if "add_programme" in request.POST else None)
    service_form = ServiceForm(
        request.POST if "add_service" in request.POST else None, prefix="service"
    )
    if form_done(
        request,
        programme_form,
        lambda: programme_create(actor=request.user, **programme_form.cleaned_data),
        done=lambda programme: f"The programme {programme.name} has been added.",
    ):
        return redirect("programmes")
    if form_done(
        request,
        service_form,
        lambda: service_create(actor=request.user, **service_form.cleaned_data),
        done=lambda service: f"The service {service.name} has been added.",
    ):
        return redirect("programmes")
    programmes = selectors.programme_catalogue(user=request.user)
    return render(
        request,
        "casework/programme_list.html",
        {
            "programmes": programmes,
            "programme_form": programme_form,
            "service_form": service_form,
        },
    )


def _require_managing(request) -> None:
    if not policy.can_manage_programmes(request.user):
        raise PermissionDenied("Only managers keep the programme and service catalogue.")


def _catalogue_entry(queryset, public_id):
    try:
        return found(queryset.filter(public_id=public_id).first())
    except ValidationError:
        return found(None)


@never_cache
@login_required
@help_key("programmes")
def programme_edit(request, public_id):
    _require_managing(request)
    programme = _catalogue_entry(selectors.programmes_visible_to(user=request.user), public_id)
    form = ProgrammeEditForm(
        request.POST or None,
        initial={
            "name": programme.name,
            "code_prefix": programme.code_prefix,
            "is_active": programme.is_active,
        },
    )
    if form_done(
        request,
        form,
        lambda: programme_update(actor=request.user, programme=programme, **form.cleaned_data),
        done=lambda _: f"The programme {form.cleaned_data['name']} has been changed.",
    ):
        return redirect("programmes")
    return render(
        request,
        "casework/catalogue_edit.html",
        {"form": form, "title": f"Change the programme {programme.name}", "entry": programme},
    )


@never_cache
@login_required
@help_key("programmes")
def service_edit(request, public_id):
    _require_managing(request)
    service = _catalogue_entry(selectors.services_visible_to(user=request.user), public_id)
    form = ServiceEditForm(
        request.POST or None, initial={"name": service.name, "is_active": service.is_active}
    )
    if form_done(
        request,
        form,
        lambda: service_update(actor=request.user, service=service, **form.cleaned_data),
        done=lambda service: f"The service {service.name} has been changed.",
    ):
        return redirect("programmes")
    return render(
        request,
        "casework/catalogue_edit.html",
        {"form": form, "title": f"Change the service {service.name}", "entry": service},
    )
