"""The programme and service catalogue: managers list and add programmes and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework import policy
from casework.forms import ProgrammeForm, ServiceForm
from casework.models import Programme, Service
from casework.services.engagements import programme_create, service_create
from tenants.accounts.views_common import add_service_errors, help_key


@never_cache
@login_required
@help_key("programmes")
def programme_list(request):
    if not policy.can_manage_programmes(request.user):
        raise PermissionDenied("Only managers keep the programme and service catalogue.")
    programme_form = ProgrammeForm(request.POST if "add_programme" in request.POST else None)
    service_form = ServiceForm(
        request.POST if "add_service" in request.POST else None, prefix="service"
    )
    if programme_form.is_bound and programme_form.is_valid():
        try:
            programme = programme_create(actor=request.user, **programme_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(programme_form, exc)
        else:
            messages.success(request, f"The programme {programme.name} has been added.")
            return redirect("programmes")
    if service_form.is_bound and service_form.is_valid():
        try:
            service = service_create(actor=request.user, **service_form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(service_form, exc)
        else:
            messages.success(request, f"The service {service.name} has been added.")
            return redirect("programmes")
    programmes = Programme.objects.prefetch_related(
        Prefetch("services", queryset=Service.objects.order_by("name"))
    )
    return render(
        request,
        "casework/programme_list.html",
        {
            "programmes": programmes,
            "programme_form": programme_form,
            "service_form": service_form,
        },
    )
