"""The platform console on the platform domain: partners, for platform staff."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_tenants.utils import schema_context

from tenants import policy, selectors, services
from tenants.accounts.forms import UserCreateForm
from tenants.accounts.policy import (
    actor_scope,
    assignable_roles,
    can_manage_users_in,
    grantable_privileges,
)
from tenants.accounts.selectors import line_manager_choices
from tenants.accounts.services import user_create
from tenants.accounts.views_common import action_done, form_done
from tenants.forms import PartnerCreateForm


def _platform_only(request):
    if not policy.is_platform_user(request.user):
        raise PermissionDenied


@login_required
def partner_list(request):
    _platform_only(request)
    return render(
        request,
        "console/partner_list.html",
        {
            "partners": selectors.partners_visible_to(actor=request.user),
            "can_create": policy.can_create_partner(request.user),
            "can_archive": policy.can_archive_partner(request.user),
            "can_create_users": policy.can_create_partner_users(request.user),
        },
    )


@login_required
def partner_new(request):
    _platform_only(request)
    policy.check_create_partner(request.user)
    form = PartnerCreateForm(request.POST or None)

    def work():
        data = form.cleaned_data
        return services.partner_create_with_champion(
            actor=request.user,
            name=data["name"],
            slug=data["slug"],
            kind=data["kind"],
            domain=data["domain"],
            champion_username=data["champion_username"],
            champion_full_name=data["champion_full_name"],
            champion_email=data["champion_email"],
            delivery=data["champion_delivery"],
        )

    # The partner and its champion's first sign-in, shown once.
    if answer := form_done(
        request,
        form,
        work,
        done=lambda made: f"{made[0].name} has been created.",
        then=lambda made: _show_secret_once(request, *made),
    ):
        return answer
    return render(request, "console/partner_new.html", {"form": form})


@never_cache
@login_required
def partner_user_new(request, slug):
    """Platform staff create an account in any partner, with any of its roles."""
    _platform_only(request)
    partner = selectors.partners_visible_to(actor=request.user).filter(slug=slug).first()
    if partner is None:
        raise Http404
    scope = actor_scope(request.user)
    if not can_manage_users_in(scope, partner):
        raise PermissionDenied
    with schema_context(partner.schema_name):
        roles = assignable_roles(scope, partner)
        form = UserCreateForm(
            request.POST or None,
            roles=roles,
            privileges=grantable_privileges(scope),
            managers=list(line_manager_choices()),
        )

    def work():
        return user_create(actor=request.user, partner=partner, **form.user_create_arguments())

    if answer := form_done(
        request,
        form,
        work,
        done=None,  # the account's first sign-in, shown once, says it
        then=lambda created: _show_secret_once(request, partner, created),
    ):
        return answer
    return render(
        request, "console/partner_user_new.html", {"form": form, "target_partner": partner}
    )


def _show_secret_once(request, partner, created):
    domain = partner.get_primary_domain().domain
    port = request.get_port()
    host = domain if port in ("80", "443") else f"{domain}:{port}"
    response = render(
        request,
        "console/account_created.html",
        {
            "target_partner": partner,
            "account": created.user,
            "created": created,
            "invitation_link": f"{request.scheme}://{host}/invitation/{created.secret}/"
            if created.delivery == "invitation"
            else None,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def partner_archive(request, slug):
    return _change_state(request, slug, services.partner_archive, "archived: its portal is closed")


@login_required
@require_POST
def partner_reopen(request, slug):
    return _change_state(request, slug, services.partner_reopen, "reopened")


def _change_state(request, slug, service, verb):
    _platform_only(request)
    partner = selectors.partners_visible_to(actor=request.user).filter(slug=slug).first()
    if partner is None:
        raise Http404
    action_done(
        request,
        lambda: service(actor=request.user, partner=partner),
        done=lambda partner: f"{partner.name} has been {verb}.",
    )
    return redirect("home")
