"""The bundle's document and "What we hold" show values as a person reads them; the
JSON keeps them exact (privacy/subject_access/templatetags)."""

import pytest

from privacy.subject_access.templatetags.subject_access import as_read


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "–"),
        ("", "–"),
        ({}, "–"),
        (True, "Yes"),
        (False, "No"),
        ("2026-12-05", "5 Dec 2026"),
        ("2026-12-06T14:06:35.799045+00:00", "6 Dec 2026, 14:06"),
        (
            {"household_size": 2, "dietary_needs": "Diabetic"},
            "household size: 2; dietary needs: Diabetic",
        ),
        (["a", "b"], "a, b"),
        ("2026-13-45 is not a date", "2026-13-45 is not a date"),
        ("Food parcel", "Food parcel"),
        (3, 3),
    ],
)
def test_values_as_read(value, shown):
    assert as_read(value) == shown
