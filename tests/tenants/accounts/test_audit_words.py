"""The audit history reads in words (tenants/accounts/audit_words.py)."""

from tenants.accounts import capabilities as cap
from tenants.accounts.audit_words import action_words, change_words


def test_known_actions_read_as_sentences_and_unknown_ones_without_codes():
    assert action_words("user.create") == "Account created"
    assert action_words("signin.locked") == "Locked out after failed sign-ins"
    assert action_words("customer.reason_add") == "Customer: reason add"


def test_changes_name_fields_and_values_in_words():
    rows = change_words(
        {"is_active": True, "privileges": []},
        {"is_active": False, "privileges": [cap.MANAGE_USERS]},
    )
    assert rows == [
        ("Active", "Yes", "No"),
        ("Privileges", "–", cap.PRIVILEGES[cap.MANAGE_USERS]),
    ]
    assert change_words({}, {"role": "Manager"}) == [("Role", None, "Manager")]
