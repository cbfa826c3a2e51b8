"""Filters and orderings for casework connections. Exact matches and date ranges only:
no regular expressions or substring scans a client could make expensive."""

from datetime import date, datetime

import strawberry_django
from django.db.models import Q
from strawberry import auto

from casework import models

DateLookup = strawberry_django.ComparisonFilterLookup[date] | None
DateTimeLookup = strawberry_django.ComparisonFilterLookup[datetime] | None


@strawberry_django.filter_type(models.Contact)
class ContactFilter:
    kind: auto
    last_name: auto
    client_id: auto
    date_of_birth: DateLookup
    watch_list: auto


@strawberry_django.order_type(models.Contact)
class ContactOrder:
    last_name: auto
    first_name: auto
    created_at: auto


@strawberry_django.filter_type(models.Engagement)
class EngagementFilter:
    stage: auto
    start_date: DateLookup
    closed_on: DateLookup
    created_at: DateTimeLookup

    @strawberry_django.filter_field(description="Open (not closed or withdrawn) or ended.")
    def is_open(self, value: bool, prefix: str) -> Q:
        ended = Q(**{f"{prefix}stage__in": [s.value for s in models.ENDED_STAGES]})
        return ~ended if value else ended


@strawberry_django.order_type(models.Engagement)
class EngagementOrder:
    start_date: auto
    created_at: auto
    closed_on: auto


@strawberry_django.filter_type(models.ServiceDelivery)
class DeliveryFilter:
    date: DateLookup
    attendance: auto


@strawberry_django.order_type(models.ServiceDelivery)
class DeliveryOrder:
    date: auto
    created_at: auto


@strawberry_django.filter_type(models.Consultation)
class ConsultationFilter:
    date: DateLookup
    method: auto
