"""Likely duplicate contacts and merges, as the API shows them."""

from datetime import datetime

import strawberry

from graphql_api.casework.types import ContactType


@strawberry.type(name="LikelyDuplicate", description="Two contacts who may be one person.")
class LikelyDuplicateType:
    first: ContactType
    second: ContactType
    matched: list[str] = strawberry.field(description="What matched, in words.")
    score: int


@strawberry.type(name="ContactMerge", description="A merge of two records of one person.")
class ContactMergeType:
    id: strawberry.ID = strawberry.field(description="The merge's id, to undo it.")
    survivor: ContactType = strawberry.field(description="The record kept.")
    reason: str
    merged_at: datetime
    unmerged_at: datetime | None
    merged_name: str = strawberry.field(description="The name of the record merged away.")


def merge_type(merge) -> ContactMergeType:
    return ContactMergeType(
        id=strawberry.ID(str(merge.public_id)),
        survivor=merge.survivor,
        reason=merge.reason,
        merged_at=merge.merged_at,
        unmerged_at=merge.unmerged_at,
        merged_name=merge.merged.display_name,
    )
