from tenant_schemas_celery.scheduler import TenantAwareScheduler

from tenants.models import Partner, PartnerKind


class PartnerAwareScheduler(TenantAwareScheduler):
    """Fan periodic jobs out over active partners and the platform; never the template."""

    @classmethod
    def get_queryset(cls):
        return Partner.objects.exclude(kind=PartnerKind.TEMPLATE).filter(is_active=True)
