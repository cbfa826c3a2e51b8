"""A partner's own settings for the exchange: its directory entry and its webhooks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from referrals import policy, selectors
from referrals.forms import directory as forms
from referrals.selectors_directory import directory_entries_of
from referrals.services import webhooks
from referrals.services.directory import directory_entry_update
from referrals.services.exchange import current_partner
from referrals.views.common import found, service_id
from tenants.accounts.views_common import form_done, help_key, require


@never_cache
@login_required
@help_key("directory-entry")
def directory_entry(request):
    require(policy.can_keep_directory_entry(request.user), "Only managers keep the entry.")
    partner = current_partner()
    services = directory_entries_of(partner)
    adding = request.GET.get("service") == "new" and bool(services)
    wanted = service_id(request)
    entry = (
        None
        if adding
        else next((e for e in services if wanted is None or e.public_id == wanted), None)
    )
    if wanted is not None and entry is None:
        raise Http404  # not one of this partner's services
    initial = forms.DirectoryEntryForm.initial_for(entry, partner)
    form = forms.DirectoryEntryForm(
        request.POST if request.method == "POST" else None, initial=initial
    )

    def work():
        return directory_entry_update(
            actor=request.user,
            partner=partner,
            entry=entry,
            new=adding,
            **form.service_arguments(),
        )

    if answer := form_done(
        request,
        form,
        work,
        done=lambda saved: f"{saved.service_name} has been saved.",
        then=lambda saved: redirect(f"{reverse('directory_entry')}?service={saved.public_id}"),
    ):
        return answer
    return render(
        request,
        "referrals/directory_entry.html",
        {"form": form, "entry": entry, "services": services, "adding": adding},
    )


@never_cache
@login_required
@help_key("webhooks")
def webhook_list(request):
    require(policy.can_manage_webhooks(request.user), "Only a champion registers webhooks.")
    form = forms.WebhookForm(request.POST if request.method == "POST" else None)
    # The secret is shown once, on the page that answers the registration; never again.
    if answer := form_done(
        request,
        form,
        lambda: webhooks.webhook_register(actor=request.user, url=form.cleaned_data["url"]),
        done=None,
        then=lambda endpoint: render(
            request, "referrals/webhook_secret.html", {"endpoint": endpoint}
        ),
    ):
        return answer
    endpoints = selectors.webhooks_visible_to(user=request.user)
    return render(
        request,
        "referrals/webhook_list.html",
        {"form": form, "endpoints": endpoints.prefetch_related("deliveries")},
    )


@never_cache
@login_required
@help_key("webhooks")
def webhook_detail(request, public_id):
    endpoint = found(
        selectors.webhooks_visible_to(user=request.user).filter(public_id=public_id).first()
    )
    if request.method == "POST" and request.POST.get("action") == "deactivate":
        webhooks.webhook_deactivate(actor=request.user, endpoint=endpoint)
        messages.success(request, "The endpoint will receive no more deliveries.")
        return redirect("webhook_detail", public_id=endpoint.public_id)
    return render(
        request,
        "referrals/webhook_detail.html",
        {"endpoint": endpoint, "deliveries": endpoint.deliveries.all()[:100]},
    )
