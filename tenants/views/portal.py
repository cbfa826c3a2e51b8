"""The portal shell: sign in and sign out, on partner domains and the platform domain. (Each
role's home page is the workspace app's.)"""

from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from tenants.accounts import signin
from tenants.forms import SignInForm

# Why the sign-in page is shown again (?ended=…), said on the page.
ENDED = {
    "timeout": "You were signed out because you signed in too long ago. Sign in again.",
    "two_factor": "Your account now uses one-time passwords. Sign in again with your code.",
}


class SignInView(auth_views.LoginView):
    """Step one: username and password. A user with a one-time-password device goes on
    to step two (tenants.accounts.views.security.sign_in_code) before being signed in."""

    template_name = "portal/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if signin.has_two_factor(user):
            signin.begin_code_step(self.request, user, next_url=self.get_success_url())
            return redirect("sign_in_code")
        signin.complete_sign_in(self.request, user, backend=user.backend)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ended"] = ENDED.get(self.request.GET.get("ended", ""))
        return context


@require_POST
def sign_out(request):
    logout(request)
    return redirect("login")
