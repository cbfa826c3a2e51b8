from django.db import connection
from django.utils.functional import SimpleLazyObject
from django_tenants.utils import get_public_schema_name


def bell(request):
    """The header's unread count: one COUNT on a partial index, only when a page shows it."""

    def count():
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or connection.schema_name == get_public_schema_name()
        ):
            return None
        from casework.worklist.selectors import unread_count

        return unread_count(user=user)

    return {"bell_unread": SimpleLazyObject(count)}
