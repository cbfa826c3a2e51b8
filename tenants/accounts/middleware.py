from django.shortcuts import redirect
from django.urls import reverse


class FirstPasswordMiddleware:
    """Someone signed in with a temporary password must choose their own before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("password_change"), reverse("logout")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)


class CapabilitiesMiddleware:
    """What the signed-in user may do, loaded in one query into the cache Django's
    ModelBackend reads (`_perm_cache`), before the menu and the view ask: the backend
    would otherwise read the user's own permissions and their role's in two. Same
    lifetime as the backend's own cache: this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from tenants.accounts.selectors import permissions_of

        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_active
            and not user.is_superuser  # the backend gives a superuser every permission
            and not hasattr(user, "_perm_cache")
        ):
            user._perm_cache = permissions_of(user)
        return self.get_response(request)
