"""Champions' user administration in a partner's portal. Thin: parse, call one
service, show the result; the delegation rule is in policy and the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tenants.accounts import capabilities as cap
from tenants.accounts import policy, selectors, services
from tenants.accounts.forms import ResetForm, UserCreateForm, UserDetailsForm, UserSearchForm
from tenants.accounts.private_search import private_search
from tenants.accounts.services.security import two_factor_reset
from tenants.accounts.views_common import action_done, form_done, help_key


def _scope_for_user_admin(request):
    scope = policy.actor_scope(request.user)
    if not policy.can_manage_users_in(scope, request.tenant):
        raise PermissionDenied(policy.NO_MANAGE_USERS)
    return scope


def _target_or_404(request, public_id):
    target = selectors.user_for_admin(
        actor=request.user, partner=request.tenant, public_id=public_id
    )
    if target is None:
        raise Http404
    return target


@private_search("q")
@login_required
@help_key("users")
def user_list(request):
    _scope_for_user_admin(request)
    search = UserSearchForm(request.private_search.data)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    users = selectors.users_visible_to(actor=request.user, partner=request.tenant, query=query)
    return render(
        request,
        "accounts/user_list.html",
        {
            "search": search,
            "query": query,
            "users": users,
            "searched": bool(request.private_search),
            "can_manage_api_tokens": policy.can_manage_api_tokens(policy.actor_scope(request.user)),
        },
    )


def _details_form(request, form_class, scope, *, target=None, data=None, initial=None):
    return form_class(
        data,
        initial=initial,
        roles=policy.assignable_roles(scope, request.tenant, target=target),
        privileges=policy.grantable_privileges(scope),
        managers=selectors.line_manager_choices(exclude=target),
    )


@private_search("q")
@never_cache
@login_required
@help_key("users-create")
def user_new(request):
    """Search first, so nobody creates a duplicate account; then the form."""
    scope = _scope_for_user_admin(request)
    query = request.private_search["q"]
    matches = (
        selectors.users_visible_to(actor=request.user, partner=request.tenant, query=query)[:20]
        if query
        else []
    )
    form = _details_form(
        request,
        UserCreateForm,
        scope,
        data=request.POST or None,
        # "Change own password" is everyone's by default.
        initial={"full_name": query, "privileges": [cap.CHANGE_OWN_PASSWORD]},
    )

    def work():
        return services.user_create(
            actor=request.user, partner=request.tenant, **form.user_create_arguments()
        )

    if answer := form_done(
        request,
        form,
        work,
        done=None,  # the first sign-in, shown once, says it
        then=lambda created: _show_secret_once(request, created, "created"),
    ):
        return answer
    return render(
        request,
        "accounts/user_new.html",
        {
            "form": form,
            "query": query,
            "matches": matches,
            "show_form": bool(query) or request.method == "POST",
        },
    )


def _show_secret_once(request, created, verb):
    link = None
    if created.delivery == "invitation":
        link = request.build_absolute_uri(f"/invitation/{created.secret}/")
    response = render(
        request,
        "accounts/user_secret.html",
        {"account": created.user, "created": created, "invitation_link": link, "verb": verb},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@help_key("users")
def user_detail(request, public_id):
    scope = _scope_for_user_admin(request)
    target = _target_or_404(request, public_id)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": target,
            "privileges": sorted(policy.privileges_of(target)),
            "can_edit": policy.can_edit(scope, request.tenant, target),
            "history": selectors.audit_visible_to(
                actor=request.user, partner=request.tenant, target=target
            )[:50],
        },
    )


@never_cache
@login_required
@help_key("users-edit")
def user_edit(request, public_id):
    scope = _scope_for_user_admin(request)
    target = _target_or_404(request, public_id)
    initial = {
        "full_name": target.full_name,
        "job_title": target.job_title,
        "email": target.email,
        "phone": target.phone,
        "role": target.role.key if target.role_id else "",
        "privileges": sorted(policy.privileges_of(target)),
        "line_manager": str(target.line_manager.public_id) if target.line_manager_id else "",
    }
    form = _details_form(
        request, UserDetailsForm, scope, target=target, data=request.POST or None, initial=initial
    )

    def work():
        data = form.cleaned_data
        return services.user_update(
            actor=request.user,
            partner=request.tenant,
            user_public_id=target.public_id,
            full_name=data["full_name"],
            role_key=data["role"],
            privileges=data["privileges"],
            email=data["email"],
            job_title=data["job_title"],
            phone=data["phone"],
            line_manager_public_id=data["line_manager"] or None,
        )

    if form_done(
        request, form, work, done=lambda _: f"{target.get_full_name()}'s account has been updated."
    ):
        return redirect("user_detail", public_id=target.public_id)
    return render(request, "accounts/user_edit.html", {"form": form, "account": target})


@never_cache
@login_required
@help_key("users-reset")
def user_reset(request, public_id):
    _scope_for_user_admin(request)
    target = _target_or_404(request, public_id)
    form = ResetForm(request.POST or None)
    if answer := form_done(
        request,
        form,
        lambda: services.user_reset_password(
            actor=request.user,
            partner=request.tenant,
            user_public_id=target.public_id,
            delivery=form.cleaned_data["delivery"],
        ),
        done=None,  # the new first sign-in, shown once, says it
        then=lambda created: _show_secret_once(request, created, "reset"),
    ):
        return answer
    return render(request, "accounts/user_reset.html", {"form": form, "account": target})


@login_required
@require_POST
def user_deactivate(request, public_id):
    return _change_active(request, public_id, services.user_deactivate, "deactivated")


@login_required
@require_POST
def user_reactivate(request, public_id):
    return _change_active(request, public_id, services.user_reactivate, "reactivated")


def _change_active(request, public_id, service, verb):
    _scope_for_user_admin(request)
    target = _target_or_404(request, public_id)
    try:
        service(actor=request.user, partner=request.tenant, user_public_id=target.public_id)
    except policy.DelegationRefused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{target.get_full_name()}'s account has been {verb}.")
    return redirect("user_detail", public_id=target.public_id)


@login_required
@require_POST
def user_two_factor_reset(request, public_id):
    """A colleague lost the phone with their authenticator app: remove the device."""
    _scope_for_user_admin(request)
    target = _target_or_404(request, public_id)

    def work():
        return two_factor_reset(
            actor=request.user, partner=request.tenant, user_public_id=target.public_id
        )

    action_done(
        request,
        work,
        refusals=(ValidationError, policy.DelegationRefused),
        done=lambda removed: (
            f"{target.get_full_name()}'s authenticator app has been removed."
            if removed
            else f"{target.get_full_name()} had no authenticator app set up."
        ),
    )
    return redirect("user_detail", public_id=target.public_id)


@login_required
@help_key("users-history")
def users_history(request):
    _scope_for_user_admin(request)
    entries = selectors.audit_visible_to(actor=request.user, partner=request.tenant)[:200]
    return render(request, "accounts/users_history.html", {"entries": entries})
