"""Every GraphQL type narrows its querysets through the same selectors the portal uses,
at the top level, under `node(id:)` and in nested lists alike."""

from django.db.models import QuerySet


def within(queryset: QuerySet, visible: QuerySet) -> QuerySet:
    """`queryset` restricted to the rows of `visible` (a selector's answer)."""
    if visible.query.is_empty():
        return queryset.none()
    if not visible.query.where:
        return queryset  # the selector allows everything: no subquery needed
    return queryset.filter(pk__in=visible.values("pk"))
