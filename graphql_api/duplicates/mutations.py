"""Merging two contacts of one person and undoing it, through the same services (and
rules) as the screens (casework.duplicates.merging)."""

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework.duplicates import merging, selectors
from graphql_api.auth import check_can_write, user_of
from graphql_api.casework.mutations import contact_by_id
from graphql_api.casework.types import ContactType
from graphql_api.duplicates.types import ContactMergeType, merge_type
from graphql_api.errors import FieldError, not_found, payload_of


@strawberry.type
class ContactMergePayload:
    merge: ContactMergeType | None = None
    survivor: ContactType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class ContactMergeInput:
    survivor_id: relay.GlobalID = strawberry.field(description="The record kept.")
    merged_id: relay.GlobalID = strawberry.field(description="The record merged into it.")
    keep: list[str] = strawberry.field(
        default_factory=list,
        description="Details taken from the merged record rather than the kept one: "
        f"{', '.join(merging.KEEPABLE)}.",
    )
    reason: str = strawberry.field(description="How you know they are the same person.")


@strawberry.input
class ContactUnmergeInput:
    merge_id: strawberry.ID = strawberry.field(description="The merge's id.")
    reason: str


API_FIELDS = {"merged": "mergedId", "merge": "mergeId"}


def _merge(info: Info, input: ContactMergeInput) -> ContactMergePayload:  # noqa: A002
    check_can_write(info)
    survivor = contact_by_id(info, input.survivor_id)
    if survivor is None:
        return ContactMergePayload(errors=not_found("survivor_id", "contact"))
    merged = contact_by_id(info, input.merged_id)
    if merged is None:
        return ContactMergePayload(errors=not_found("merged_id", "contact"))

    def work():
        merge = merging.contacts_merge(
            actor=user_of(info),
            survivor=survivor,
            merged=merged,
            keep=list(input.keep),
            reason=input.reason,
        )
        return ContactMergePayload(merge=merge_type(merge), survivor=merge.survivor)

    return payload_of(ContactMergePayload, work, renamed=API_FIELDS)


def _unmerge(info: Info, input: ContactUnmergeInput) -> ContactMergePayload:  # noqa: A002
    check_can_write(info)
    merge = selectors.merge_get(user=user_of(info), public_id=str(input.merge_id))
    if merge is None:
        return ContactMergePayload(errors=not_found("merge_id", "merge"))

    def work():
        done = merging.contacts_unmerge(actor=user_of(info), merge=merge, reason=input.reason)
        return ContactMergePayload(merge=merge_type(done), survivor=done.survivor)

    return payload_of(ContactMergePayload, work, renamed=API_FIELDS)


MERGE_DESCRIPTION = (
    "Merge two records of one person: everything on the merged record moves to the kept "
    "one; the merged record is kept, hidden."
)
UNMERGE_DESCRIPTION = "Undo a merge (managers, within the days allowed)."


@strawberry.type
class DuplicatesMutation:
    @strawberry.mutation(description=MERGE_DESCRIPTION)
    def contacts_merge(self, info: Info, input: ContactMergeInput) -> ContactMergePayload:  # noqa: A002
        return _merge(info, input)

    @strawberry.mutation(description=UNMERGE_DESCRIPTION)
    def contacts_unmerge(self, info: Info, input: ContactUnmergeInput) -> ContactMergePayload:  # noqa: A002
        return _unmerge(info, input)

    # The names these mutations first had; kept for integrators who use them (issue 18
    # names them contactsMerge and contactsUnmerge).
    @strawberry.mutation(description=MERGE_DESCRIPTION, deprecation_reason="Use contactsMerge.")
    def contact_merge(self, info: Info, input: ContactMergeInput) -> ContactMergePayload:  # noqa: A002
        return _merge(info, input)

    @strawberry.mutation(description=UNMERGE_DESCRIPTION, deprecation_reason="Use contactsUnmerge.")
    def contact_unmerge(self, info: Info, input: ContactUnmergeInput) -> ContactMergePayload:  # noqa: A002
        return _unmerge(info, input)
