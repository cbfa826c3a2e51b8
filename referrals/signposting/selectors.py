from django.db.models import QuerySet

from referrals.models import SupportCase

from .models import ServiceSignpost


def case_service_signposts(*, case: SupportCase) -> QuerySet[ServiceSignpost]:
    """A case's signposts to directory services (the case is already one the user sees)."""
    return ServiceSignpost.objects.filter(case=case)
