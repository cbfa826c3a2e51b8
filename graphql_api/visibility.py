"""Every GraphQL type narrows its querysets through the same selectors the portal uses,
at the top level, under `node(id:)` and in nested lists alike."""

from django.db.models import QuerySet


def within(queryset: QuerySet, visible: QuerySet) -> QuerySet:
    """`queryset` restricted to the rows of `visible` (a selector's answer)."""
    if visible.query.is_empty():
        return queryset.none()
    if not visible.query.where:
        return queryset  # the selector allows everything: no subquery needed
    if _conditions_only(queryset, visible):
        # The selector's conditions added to the query itself (`&`): the same rows as
        # the subquery below, cheaper to build and for PostgreSQL to plan.
        return queryset & visible
    return queryset.filter(pk__in=visible.values("pk"))


def _conditions_only(queryset: QuerySet, visible: QuerySet) -> bool:
    """Whether `visible` is its model's rows narrowed by conditions on the model's own
    table alone (no join that could repeat a row, no annotation, slice or distinct), so
    that `queryset & visible` keeps exactly the rows `pk__in=visible` keeps."""
    query, mine = visible.query, queryset.query
    return (
        query.model is mine.model
        and query.count_active_tables() <= 1  # its own table (a trimmed join counts 0)
        and not query.annotations
        and not query.is_sliced
        and not query.distinct
        and not query.combinator
        and not query.extra
        and visible._fields is None
        and queryset._fields is None
        and not mine.is_sliced
        and not mine.distinct
        and not mine.combinator
    )
