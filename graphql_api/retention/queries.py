"""Retention rules, read-only: the data protection officer's (issue 19). Changing them,
holds and disposal are the portal's (privacy.retention)."""

import strawberry
from strawberry.types import Info

from graphql_api.auth import user_of
from privacy.retention import selectors
from privacy.retention.models import RecordType

RULES_MAX = len(RecordType.values)


@strawberry.type(name="RetentionRule")
class RetentionRuleType:
    record_type: str = strawberry.field(description="The record type's key, e.g. support_case.")
    label: str = strawberry.field(description="The record type in words.")
    years: int
    action: str = strawberry.field(description="What then happens: anonymise or erase.")
    rule: str = strawberry.field(description="The rule in words, as disposal records keep it.")


@strawberry.type
class RetentionQuery:
    @strawberry.field(
        description="How long each type of record is kept and what then happens to it (one "
        f"per type, at most {RULES_MAX}); for the data protection role, empty for others."
    )
    def retention_rules(self, info: Info) -> list[RetentionRuleType]:
        return [
            RetentionRuleType(
                record_type=rule.record_type,
                label=rule.get_record_type_display(),
                years=rule.years,
                action=rule.action,
                rule=selectors.rule_words(rule),
            )
            for rule in selectors.rules_list(user=user_of(info))
        ]
