import strawberry
from strawberry.types import Info

from casework.duplicates import selectors
from graphql_api.auth import user_of
from graphql_api.duplicates.types import LikelyDuplicateType


def _pairs(info: Info, first: int) -> list[LikelyDuplicateType]:
    limit = min(max(first, 1), selectors.PAIRS_MAX)
    return [
        LikelyDuplicateType(
            first=pair.first, second=pair.second, matched=list(pair.matched), score=pair.score
        )
        for pair in selectors.duplicate_pairs(user=user_of(info), limit=limit)
    ]


@strawberry.type
class DuplicatesQuery:
    @strawberry.field(
        description="Likely duplicate contacts, best first, for managers (empty for anyone "
        f"else): at most {selectors.PAIRS_MAX}."
    )
    def duplicate_candidates(self, info: Info, first: int = 50) -> list[LikelyDuplicateType]:
        return _pairs(info, first)

    # The first name this field had; kept for integrators who use it (issue 18 names it
    # duplicateCandidates).
    @strawberry.field(
        description="Likely duplicate contacts: the same as duplicateCandidates.",
        deprecation_reason="Use duplicateCandidates.",
    )
    def likely_duplicates(self, info: Info, first: int = 50) -> list[LikelyDuplicateType]:
        return _pairs(info, first)
