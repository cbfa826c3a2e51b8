"""Roles: every account can see what each role allows; managers add partner-specific ones."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from tenants.accounts import capabilities as cap
from tenants.accounts import policy, selectors, services
from tenants.accounts.views_common import form_done, help_key


class RoleForm(forms.Form):
    name = forms.CharField(label="Role name", max_length=100)
    description = forms.CharField(label="What this role is for", max_length=300, required=False)
    permissions = forms.MultipleChoiceField(
        label="Rights",
        required=False,
        choices=[
            (p, label) for p, label in cap.CAPABILITIES.items() if p != cap.MANAGE_PARTNER_USERS
        ],
        widget=forms.CheckboxSelectMultiple,
    )


@login_required
@help_key("roles")
def role_list(request):
    scope = policy.actor_scope(request.user)
    roles = selectors.roles_offered(kind=request.tenant.kind).prefetch_related(
        "group__permissions__content_type"
    )
    rows = [
        (role, [cap.CAPABILITIES.get(p, p) for p in sorted(role.permission_names())])
        for role in roles
    ]
    return render(
        request,
        "accounts/role_list.html",
        {"rows": rows, "can_add": cap.MANAGE_ROLES in scope.permissions},
    )


@login_required
@help_key("roles")
def role_new(request):
    scope = policy.actor_scope(request.user)
    if cap.MANAGE_ROLES not in scope.permissions:
        raise PermissionDenied
    form = RoleForm(request.POST or None)
    # Only the rights the manager holds are offered; the service refuses any other.
    offered = [
        (p, label) for p, label in form.fields["permissions"].choices if p in scope.permissions
    ]

    def work():
        return services.role_create(
            actor=request.user,
            partner=request.tenant,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            permissions=set(form.cleaned_data["permissions"]),
        )

    if form_done(request, form, work, done=lambda role: f"The role “{role.name}” has been added."):
        return redirect("roles")
    return render(request, "accounts/role_new.html", {"form": form, "offered": offered})
