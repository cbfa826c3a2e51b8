"""Likely duplicate customers, merging two records of one person and undoing it, through
the same services (and rules) as the screens (customers.services.duplicates): for a
champion or manager of the partner, as contacts' (graphql_api/duplicates)."""

from datetime import datetime

import strawberry
from strawberry import relay
from strawberry.types import Info

from customers import selectors, selectors_duplicates
from customers.services import duplicates as services
from graphql_api.auth import check_can_write, user_of
from graphql_api.customers.types import CustomerType
from graphql_api.errors import FieldError, not_found, payload_of
from graphql_api.ids import public_id_of


@strawberry.type(name="LikelyDuplicateCustomer", description="Two customers who may be one person.")
class LikelyDuplicateCustomerType:
    first: CustomerType
    second: CustomerType
    matched: list[str] = strawberry.field(description="What matched, in words.")
    score: int


@strawberry.type(name="CustomerMerge", description="A merge of two customer records of one person.")
class CustomerMergeType:
    id: strawberry.ID = strawberry.field(description="The merge's id, to undo it.")
    survivor: CustomerType = strawberry.field(description="The record kept.")
    reason: str
    merged_at: datetime
    unmerged_at: datetime | None
    merged_name: str = strawberry.field(description="The name of the record merged away.")


def _merge_type(merge) -> CustomerMergeType:
    return CustomerMergeType(
        id=strawberry.ID(str(merge.public_id)),
        survivor=merge.survivor,
        reason=merge.reason,
        merged_at=merge.merged_at,
        unmerged_at=merge.unmerged_at,
        merged_name=str(merge.merged),
    )


@strawberry.type
class CustomerMergePayload:
    merge: CustomerMergeType | None = None
    survivor: CustomerType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.type
class CustomersNotDuplicatePayload:
    decided: bool = False
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class CustomersMergeInput:
    survivor_id: relay.GlobalID = strawberry.field(description="The record kept.")
    merged_id: relay.GlobalID = strawberry.field(description="The record merged into it.")
    keep: list[str] = strawberry.field(
        default_factory=list,
        description="Details taken from the merged record rather than the kept one: "
        f"{', '.join(services.CUSTOMERS.keepable)}.",
    )
    reason: str = strawberry.field(description="How you know they are the same person.")


@strawberry.input
class CustomersUnmergeInput:
    merge_id: strawberry.ID = strawberry.field(description="The merge's id.")
    reason: str


@strawberry.input
class CustomersNotDuplicateInput:
    first_id: relay.GlobalID
    second_id: relay.GlobalID
    reason: str = strawberry.field(description="How you know they are different people.")


def _customer(info: Info, global_id):
    public_id = public_id_of(global_id, "Customer")
    return selectors.customer_get(user=user_of(info), public_id=public_id) if public_id else None


API_FIELDS = {"merged": "mergedId", "merge": "mergeId"}


@strawberry.type
class CustomerDuplicatesQuery:
    @strawberry.field(
        description="Likely duplicate customers, best first, for champions and managers "
        f"(empty for anyone else): at most {selectors_duplicates.PAIRS_MAX}."
    )
    def customer_duplicate_candidates(
        self, info: Info, first: int = 50
    ) -> list[LikelyDuplicateCustomerType]:
        limit = min(max(first, 1), selectors_duplicates.PAIRS_MAX)
        return [
            LikelyDuplicateCustomerType(
                first=pair.first, second=pair.second, matched=list(pair.matched), score=pair.score
            )
            for pair in selectors_duplicates.customer_duplicate_pairs(
                user=user_of(info), limit=limit
            )
        ]


@strawberry.type
class CustomerDuplicatesMutation:
    @strawberry.mutation(
        description="Merge two customer records of one person: their referrals (with "
        "appointments and checklist) move to the kept one; the merged record is kept, hidden."
    )
    def customers_merge(self, info: Info, input: CustomersMergeInput) -> CustomerMergePayload:  # noqa: A002
        check_can_write(info)
        survivor = _customer(info, input.survivor_id)
        if survivor is None:
            return CustomerMergePayload(errors=not_found("survivor_id", "customer"))
        merged = _customer(info, input.merged_id)
        if merged is None:
            return CustomerMergePayload(errors=not_found("merged_id", "customer"))

        def work():
            merge = services.customers_merge(
                actor=user_of(info),
                survivor=survivor,
                merged=merged,
                keep=list(input.keep),
                reason=input.reason,
            )
            return CustomerMergePayload(merge=_merge_type(merge), survivor=merge.survivor)

        return payload_of(CustomerMergePayload, work, renamed=API_FIELDS)

    @strawberry.mutation(
        description="Undo a merge of customers (champions and managers, within the days allowed)."
    )
    def customers_unmerge(self, info: Info, input: CustomersUnmergeInput) -> CustomerMergePayload:  # noqa: A002
        check_can_write(info)
        merge = selectors_duplicates.customer_merge_get(
            user=user_of(info), public_id=str(input.merge_id)
        )
        if merge is None:
            return CustomerMergePayload(errors=not_found("merge_id", "merge"))

        def work():
            done = services.customers_unmerge(actor=user_of(info), merge=merge, reason=input.reason)
            return CustomerMergePayload(merge=_merge_type(done), survivor=done.survivor)

        return payload_of(CustomerMergePayload, work, renamed=API_FIELDS)

    @strawberry.mutation(
        description="Two customers are different people: the pair is not offered again."
    )
    def customers_not_duplicate(
        self,
        info: Info,
        input: CustomersNotDuplicateInput,  # noqa: A002
    ) -> CustomersNotDuplicatePayload:
        check_can_write(info)
        first = _customer(info, input.first_id)
        if first is None:
            return CustomersNotDuplicatePayload(errors=not_found("first_id", "customer"))
        second = _customer(info, input.second_id)
        if second is None:
            return CustomersNotDuplicatePayload(errors=not_found("second_id", "customer"))

        def work():
            services.customers_not_duplicate(
                actor=user_of(info), first=first, second=second, reason=input.reason
            )
            return CustomersNotDuplicatePayload(decided=True)

        return payload_of(CustomersNotDuplicatePayload, work)
