"""The merge form offers each differing detail with the sensible side ticked."""

from types import SimpleNamespace

from casework.duplicates.forms import MergeForm


def _form(differing):
    sides = [SimpleNamespace(display_name=name, client_id=name[:2]) for name in ("Ann", "Anne")]
    return MergeForm(sides=sides, differing=differing)


def test_a_detail_only_the_other_record_has_is_offered_ticked():
    form = _form([("email", "Email", "", "ann@example.org"), ("phone", "Phone", "0161", "")])
    assert form.fields["take_email"].initial == "1"
    assert form.fields["take_phone"].initial == "0"


def test_where_both_have_a_value_the_kept_records_is_ticked():
    form = _form([("postcode", "Postcode", "M4 1AA", "M4 1AB")])
    assert form.fields["take_postcode"].initial == "0"


def test_the_ticked_detail_is_taken_from_the_other_record_when_sent_as_offered():
    form = MergeForm(
        {"survivor": "0", "take_email": "1", "reason": "Same person: same phone."},
        sides=["kept", "other"],
        differing=[("email", "Email", "", "ann@example.org")],
        describe=str,
    )
    assert form.is_valid(), form.errors
    assert form.merge_arguments() == {"survivor": "kept", "merged": "other", "keep": ["email"]}
