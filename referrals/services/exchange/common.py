"""What both sides of the exchange share: the current partner, switching schema."""

from contextlib import contextmanager

from django.db import connection
from django.urls import reverse
from django_tenants.utils import schema_context

from tenants.models import Partner


def current_partner() -> Partner:
    return Partner.objects.get(schema_name=connection.schema_name)


@contextmanager
def in_schema(schema_name: str):
    if schema_name == connection.schema_name:
        yield
    else:
        with schema_context(schema_name):
            yield


def inbox_url(referral) -> str:
    return reverse("referral_received", kwargs={"public_id": referral.public_id})


def sent_url(referral) -> str:
    return reverse("referral_sent", kwargs={"public_id": referral.public_id})
