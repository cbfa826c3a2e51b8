"""The console's external services: a platform manager imports another organisation's
Open Referral UK feed from saved files, and links an imported service to the partner
once its organisation joins Casebridge. Routed from config.urls_public."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from referrals.selectors_directory import (
    external_service_get,
    partners_listed,
)
from referrals.selectors_directory import (
    external_services as external_services_list,
)
from referrals.services.directory_import import (
    FILE_MAX_BYTES,
    directory_feed_import,
    directory_service_link,
)
from referrals.views.common import found
from tenants import policy
from tenants.accounts.views_common import form_done


class FeedImportForm(forms.Form):
    feed = forms.CharField(
        label="Whose feed is it?",
        max_length=100,
        help_text="Like “Ashvale Borough Council”. Importing the same feed again updates "
        "its services by their ids.",
        error_messages={"required": "Enter the feed's name, like “Ashvale Borough Council”."},
    )
    file = forms.FileField(
        label="The feed, saved as JSON",
        help_text="A page of its /services (or a list of pages), or full services.",
        error_messages={"required": "Choose the saved feed to import."},
    )


class LinkForm(forms.Form):
    partner = forms.ChoiceField(
        label="The partner it now belongs to",
        error_messages={
            "required": "Choose the partner.",
            "invalid_choice": "Choose a partner from the list.",
        },
    )

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "Choose a partner")] + [
            (p.slug, p.name) for p in partners
        ]


def _platform_only(request):
    if not policy.is_platform_user(request.user):
        raise PermissionDenied


@never_cache
@login_required
def external_services(request):
    _platform_only(request)
    can_change = policy.can_keep_reference_data(request.user)
    form = FeedImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and not can_change:
        raise PermissionDenied

    def work():
        upload = form.cleaned_data["file"]
        if upload.size > FILE_MAX_BYTES:
            raise ValidationError({"file": "The file must be under 20 MB."})
        return directory_feed_import(
            actor=request.user,
            feed=form.cleaned_data["feed"],
            pages=[(upload.name, upload.read())],
        )

    if form_done(request, form, work, done=lambda result: f"Imported {result}"):
        return redirect("console_external_services")
    return render(
        request,
        "console/external_services.html",
        {
            "form": form,
            "can_change": can_change,
            "services": external_services_list(text=request.GET.get("q", "")[:100]),
            "query": request.GET.get("q", "")[:100],
        },
    )


@never_cache
@login_required
def external_service_link(request, public_id):
    _platform_only(request)
    if not policy.can_keep_reference_data(request.user):
        raise PermissionDenied
    entry = found(external_service_get(public_id=public_id))
    partners = list(
        partners_listed().filter(is_active=True, training_of__isnull=True).order_by("name")
    )
    form = LinkForm(request.POST if request.method == "POST" else None, partners=partners)

    def work():
        partner = next(p for p in partners if p.slug == form.cleaned_data["partner"])
        directory_service_link(actor=request.user, entry=entry, partner=partner)
        return partner

    if form_done(
        request, form, work, done=lambda partner: f"{entry.name} is now {partner.name}'s service."
    ):
        return redirect("console_external_services")
    return render(
        request,
        "includes/change_form.html",
        {
            "form": form,
            "title": "Link the service to its partner",
            "caption": f"{entry.name} ({entry.organisation_name})",
            "intro": "When the organisation has joined Casebridge, its imported service "
            "becomes its partner's: the partner keeps it from then on, and states which "
            "referrals it takes through Casebridge. Later imports of the feed leave it be.",
            "back_url": reverse("console_external_services"),
            "back_label": "External services",
        },
    )
