"""Champions' API token screens: list, create (the secret shown once), revoke."""

from datetime import datetime, time, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tenants.accounts import policy, selectors
from tenants.accounts.models import ApiTokenScope
from tenants.accounts.services import tokens as token_services
from tenants.accounts.views_common import form_done, help_key

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %m %Y"]


class ApiTokenForm(forms.Form):
    user = forms.ChoiceField(
        label="Service account",
        help_text="The token acts as this account, with its role's rights.",
    )
    name = forms.CharField(
        label="Token name", max_length=100, help_text="Which system uses it, for example “Reports”."
    )
    scope = forms.ChoiceField(label="What it may do", choices=ApiTokenScope.choices)
    expires_on = forms.DateField(
        label="Expires on",
        input_formats=DATE_FORMATS,
        help_text="At most a year from today. For example, 27/3/2027",
        error_messages={"invalid": "Enter a real date for “expires on”, like 27/3/2027."},
    )

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Choose an account")] + [
            (str(u.public_id), f"{u.get_full_name()} ({u.username})") for u in accounts
        ]
        self.fields["user"].error_messages["required"] = "Choose a service account."
        self.fields["name"].error_messages["required"] = (
            "Enter a name that says which system uses the token."
        )
        self.fields["expires_on"].error_messages["required"] = "Enter the date the token expires."


def _scope_or_403(request):
    scope = policy.actor_scope(request.user)
    if not policy.can_manage_api_tokens(scope):
        raise PermissionDenied(policy.NO_MANAGE_API_TOKENS)
    return scope


@never_cache
@login_required
@help_key("api-tokens")
def token_list(request):
    scope = _scope_or_403(request)
    accounts = selectors.api_accounts_for(scope=scope)
    initial = {"expires_on": (timezone.localdate() + timedelta(days=90)).strftime("%d/%m/%Y")}
    form = ApiTokenForm(request.POST or None, accounts=accounts, initial=initial)

    def work():
        data = form.cleaned_data
        expires_at = timezone.make_aware(datetime.combine(data["expires_on"], time(23, 59, 59)))
        return token_services.api_token_create(
            actor=request.user,
            user_public_id=data["user"],
            name=data["name"],
            scope=data["scope"],
            expires_at=expires_at,
        )

    if answer := form_done(
        request,
        form,
        work,
        done=None,  # the token, shown once, is the answer
        then=lambda created: render(
            request, "accounts/api_token_secret.html", {"created": created}
        ),
    ):
        return answer
    tokens = selectors.api_tokens_visible_to(actor=request.user)
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens, "now": timezone.now()},
    )


@require_POST
@login_required
@help_key("api-tokens")
def token_revoke(request, public_id):
    _scope_or_403(request)
    try:
        token = token_services.api_token_revoke(actor=request.user, token_public_id=public_id)
    except ValidationError as exc:
        if "token" in getattr(exc, "error_dict", {}):
            # No such token here (another partner's id): not found, as on every screen
            # of one record.
            raise Http404("No such API token.") from exc
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The API token “{token.name}” has been revoked.")
    return redirect("api_tokens")
