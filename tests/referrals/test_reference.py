"""Postcode districts → regions (reference data in public) and the partner directory."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from referrals.selectors_directory import directory_matches
from tenants.models import DirectoryEntry, PostcodeDistrict, Region
from tenants.services.reference import (
    DATA_FILE,
    district_normalise,
    postcode_districts_import,
    region_for,
)
from tests.tenants.accounts.helpers import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("district", "region"),
    [
        ("SW1A", Region.LONDON),
        ("M1", Region.NORTH_WEST),
        ("B33", Region.WEST_MIDLANDS),
        ("EH1", Region.SCOTLAND),
        ("CF10", Region.WALES),
        ("BT1", Region.NORTHERN_IRELAND),
        ("CH5", Region.WALES),  # its own row beats its area (Chester → North West)
        ("CH1", Region.NORTH_WEST),
        ("UK", Region.UNITED_KINGDOM),
    ],
)
def test_region_is_looked_up_from_the_district_then_its_area(district, region):
    assert region_for(district) == region


def test_unknown_districts_have_no_region():
    assert region_for("QQ1") is None
    assert region_for("") is None


def test_lookup_works_from_inside_a_partner(partner_b):
    connection.set_tenant(partner_b)
    try:
        assert region_for("LS1") == Region.YORKSHIRE
        assert connection.schema_name == partner_b.schema_name
    finally:
        connection.set_schema_to_public()


@pytest.mark.parametrize(
    ("typed", "district"),
    [("sw1a", "SW1A"), ("SW1A 1AA", "SW1A"), ("sw1a1aa", "SW1A"), (" m1 ", "M1"), ("uk", "UK")],
)
def test_districts_are_normalised(typed, district):
    assert district_normalise(typed) == district


@pytest.mark.parametrize("typed", ["", "12", "SW1A1", "!!"])
def test_a_bad_district_names_the_field(typed):
    with pytest.raises(ValidationError) as exc:
        district_normalise(typed)
    assert "postcode_district" in exc.value.message_dict


def test_every_uk_postcode_area_is_shipped():
    codes = set(PostcodeDistrict.objects.values_list("code", flat=True))
    # 121 areas of Great Britain and Northern Ireland, three crown dependencies, and UK.
    areas = {c for c in codes if not any(ch.isdigit() for ch in c)}
    assert len(areas) == 125
    assert {"AB", "ZE", "BT", "E", "WC", "UK"} <= areas
    assert DATA_FILE.read_text().count("\n") - 1 == len(codes)


def test_platform_managers_import_all_or_nothing(platform):
    connection.set_schema_to_public()
    manager = make_user(role_key="platform-manager")
    assert postcode_districts_import(actor=manager, text="code,region\nZZ9,london\nM1,wales\n") == 2
    assert region_for("ZZ9") == Region.LONDON and region_for("M1") == Region.WALES
    with pytest.raises(ValidationError) as exc:
        postcode_districts_import(actor=manager, text="code,region\nYY9,london\nM2,nowhere\n")
    assert "Line 3" in exc.value.messages[0]
    assert not PostcodeDistrict.objects.filter(code="YY9").exists()
    staff = make_user(role_key="platform-staff")
    with pytest.raises(PermissionDenied):
        postcode_districts_import(actor=staff, text="code,region\nYY9,london\n")


def test_directory_routes_by_type_and_region_or_district(partner_b, partner_c):
    offered = lambda **kw: [e.partner.slug for e in directory_matches(exclude=partner_b, **kw)]  # noqa: E731
    assert "kappa" in offered(referral_type="food", region=Region.LONDON)
    assert "kappa" in offered(referral_type="food", region=Region.WEST_MIDLANDS, district="B33")
    assert "kappa" not in offered(referral_type="food", region=Region.WEST_MIDLANDS, district="B1")
    assert "kappa" not in offered(referral_type="transport", region=Region.LONDON)
    DirectoryEntry.objects.filter(partner=partner_c).update(accepting=False)
    assert "kappa" not in offered(referral_type="food", region=Region.LONDON)
    assert "kappa" not in [
        e.partner.slug
        for e in directory_matches(referral_type="food", region="london", exclude=partner_c)
    ]
