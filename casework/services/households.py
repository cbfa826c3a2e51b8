"""Households: one address each, named after their members' surnames in order of joining."""

from django.db import transaction

from casework import policy
from casework.models import Household
from casework.tracking import attributed
from tenants.postcodes import normalise_postcode


def household_name_for(surnames: list[str]) -> str:
    distinct = list(dict.fromkeys(s.strip() for s in surnames if s.strip()))
    if not distinct:
        return "Household"
    if len(distinct) == 1:
        return f"{distinct[0]} Household"
    return f"{', '.join(distinct[:-1])} and {distinct[-1]} Household"


def household_rename(household: Household) -> Household:
    surnames = list(
        household.members.filter(removed_at__isnull=True)
        .order_by("joined_household_at", "id")
        .values_list("last_name", flat=True)
    )
    name = household_name_for(surnames)
    if name != household.name:
        household.name = name
        household.save(update_fields=["name"])
    return household


@attributed
def household_address_update(
    *,
    actor,
    household: Household,
    address_line_1: str,
    address_line_2: str = "",
    town: str = "",
    postcode: str,
) -> Household:
    """One address per household: changing it changes it for every member."""
    policy.check_record_casework(actor)
    with transaction.atomic():
        household = Household.objects.select_for_update().get(pk=household.pk)
        household.address_line_1 = address_line_1.strip()
        household.address_line_2 = address_line_2.strip()
        household.town = town.strip()
        household.postcode = normalise_postcode(postcode) if postcode.strip() else ""
        household.save()
    return household
