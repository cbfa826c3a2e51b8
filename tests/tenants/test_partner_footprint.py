"""Every partner carries every index of the template: an index whose columns lead another
index of the same table serves no read the longer one cannot, and costs each partner a
page and its catalog rows. None in Casebridge's own models; what third-party apps and
Django's many-to-many tables bring is theirs (bench/footprint counts those)."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db

# Models whose fields Casebridge does not declare: installed apps from outside the project.
OWN_PACKAGES = (
    "accounts",
    "casework",
    "cms",
    "customers",
    "demo",
    "graphql_api",
    "privacy",
    "referrals",
    "reports",
    "tenants",
    "workspace",
)
LEADING_SQL = """
SELECT ac.relname, t.relname
  FROM pg_index a
  JOIN pg_class ac ON ac.oid = a.indexrelid
  JOIN pg_class t ON t.oid = a.indrelid
 WHERE ac.relnamespace = %s::regnamespace AND NOT a.indisunique
   AND a.indpred IS NULL AND a.indexprs IS NULL
   AND EXISTS (
     SELECT 1 FROM pg_index b JOIN pg_class bc ON bc.oid = b.indexrelid
      WHERE b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid AND bc.relam = ac.relam
        AND b.indpred IS NULL AND b.indexprs IS NULL AND b.indnkeyatts > a.indnkeyatts
        AND (b.indkey::int2[])[0:a.indnkeyatts - 1] = (a.indkey::int2[])[0:a.indnkeyatts - 1]
        AND (b.indclass::oid[])[0:a.indnkeyatts - 1] = (a.indclass::oid[])[0:a.indnkeyatts - 1])
 ORDER BY 2, 1
"""


def leading_indexes() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(LEADING_SQL, [settings.TENANT_BASE_SCHEMA])
        return cursor.fetchall()


def own_declared(table: str) -> bool:
    """Whether the table is a model Casebridge declares itself (not an app from outside
    the project, not the table Django makes for a many-to-many field)."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table == table:
            own = model.__module__.split(".")[0] in OWN_PACKAGES
            return own and not model._meta.auto_created
    return False


def test_no_own_index_is_led_by_another_of_its_table():
    found = leading_indexes()
    own = [(index, table) for index, table in found if own_declared(table)]
    assert own == []


def test_the_check_sees_such_an_index():
    # The query finds one the moment a model declares it: a probe in the template,
    # rolled back with the test's transaction.
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE INDEX probe_led ON "{settings.TENANT_BASE_SCHEMA}".notes_note (contact_id)'
        )
    assert ("probe_led", "notes_note") in leading_indexes()
    assert own_declared("notes_note")
    assert not own_declared("wagtailcore_page")
