"""The signed-in user's permissions are read once per request, in one query
(tenants.accounts.middleware.CapabilitiesMiddleware), and are exactly what Django's
ModelBackend would have read: their own privileges and their role's capabilities."""

from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.accounts import capabilities as cap
from tenants.accounts.models import Role, User
from tenants.accounts.selectors import permissions_of
from tests.clients import signed_in
from tests.tenants.accounts.helpers import make_user


def test_one_query_gives_what_the_backend_gives_for_every_role(in_partner_a):
    for role in Role.objects.all():
        user = make_user(role_key=role.key, privileges=(cap.CHANGE_OWN_PASSWORD,))
        expected = ModelBackend().get_all_permissions(User.objects.get(pk=user.pk))
        assert permissions_of(user) == expected
        assert cap.CHANGE_OWN_PASSWORD in expected  # own privilege
    champion = make_user(role_key="champion", privileges=(cap.MANAGE_USERS,))
    assert cap.MANAGE_USERS in permissions_of(champion)
    assert cap.MANAGE_USERS not in permissions_of(make_user(role_key="practitioner"))


def test_a_page_reads_permissions_once(in_partner_a):
    from tests.partners import PASSWORD

    user = make_user(role_key="manager", password=PASSWORD)
    client = signed_in(in_partner_a, user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/contacts/").status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if '"auth_permission"' in q["sql"]]
    assert len(reads) == 1, reads


def test_therights_statement_is_made_once_and_serves_every_partner(partner_a, partner_b):
    """permissions_of runs SQL compiled once per process: only the user's id changes,
    and the partner's own tables are found by its search path."""
    from django.db import connection

    from tenants.accounts.selectors import rights_statement

    connection.set_tenant(partner_a)
    try:
        champion = make_user(role_key="champion")
        made = rights_statement()
        connection.set_tenant(partner_b)
        handler = make_user(role_key="call-handler", privileges=(cap.CHANGE_OWN_PASSWORD,))
        with CaptureQueriesContext(connection) as queries:
            rights = permissions_of(handler)
        reads = [q["sql"] for q in queries if '"auth_permission"' in q["sql"]]
        assert len(reads) == 1 and reads[0].startswith(made[0].split("%s")[0])
        assert rights == ModelBackend().get_all_permissions(User.objects.get(pk=handler.pk))
        assert rights_statement() is made  # the same text, not compiled again
        connection.set_tenant(partner_a)
        assert permissions_of(champion) == ModelBackend().get_all_permissions(
            User.objects.get(pk=champion.pk)
        )
    finally:
        connection.set_schema_to_public()
