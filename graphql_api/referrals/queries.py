import strawberry
import strawberry_django
from strawberry_django.relay import DjangoListConnection

from graphql_api.referrals.types import ReferralFilter, ReferralType, SupportCaseType


@strawberry.type
class ReferralsQuery:
    support_cases: DjangoListConnection[SupportCaseType] = strawberry_django.connection(
        description="Support-line cases, newest first (call handlers and the data team)."
    )
    referrals: DjangoListConnection[ReferralType] = strawberry_django.connection(
        filters=ReferralFilter,
        description="Referrals your partner sent (senders) or received (caseworkers).",
    )
