from django.shortcuts import render
from django_tenants.middleware.main import TenantMainMiddleware


class PartnerMiddleware(TenantMainMiddleware):
    """Selects the partner's schema by host; an archived partner's portal is closed."""

    def process_request(self, request):
        if request.path == "/healthz":
            # Probes use bare IPs and service names: answer before any host lookup.
            from tenants.views import healthz

            return healthz(request)
        response = super().process_request(request)
        if response is not None:
            return response
        partner = request.tenant
        if not partner.is_active:
            # Checked before sessions or auth run: nothing of the partner is reachable.
            return render(
                request, "errors/partner_closed.html", {"closed_partner": partner}, status=410
            )
        return None
