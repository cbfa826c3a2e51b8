"""platform_migrate at scale: partners already at the template's migration state are
skipped after one query; one partner's failure never stops the others, marks it (its
portal shows a maintenance page) and makes the command exit non-zero with a list."""

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from tenants.models import Partner
from tenants.services import partner_create
from tenants.services import schemas as schema_service

# DDL and migrations: the owner's work (CASEBRIDGE_TEST_AS_APP leaves these with it).
pytestmark = pytest.mark.owner_role


@pytest.fixture
def attempts(monkeypatch):
    """The schemas platform_migrate actually ran migrations for."""
    tried = []
    real = schema_service.schema_migrate

    def spy(schema):
        tried.append(schema)
        return real(schema)

    monkeypatch.setattr(schema_service, "schema_migrate", spy)
    return tried


def sql(statement: str) -> None:
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(statement)


def test_with_nothing_to_do_no_partner_is_migrated(db, attempts, django_assert_max_num_queries):
    partners = Partner.objects.organisations().count()
    assert partners >= 5
    with django_assert_max_num_queries(8):  # one query for every schema's state, not one each
        run = schema_service.partners_migrate(jobs=1)
    assert attempts == []
    assert "partner_alpha" in run.up_to_date and "partner_beta" in run.up_to_date
    assert len(run.up_to_date) == partners and run.failed == {}


def test_a_partner_differing_from_the_template_is_found(db):
    partner = partner_create(actor=None, name="Xi Borough", slug="xi-borough", kind="borough")
    up_to_date, behind = schema_service.schemas_behind_template(
        ["partner_alpha", "partner_xi_borough"]
    )
    assert (up_to_date, behind) == (["partner_alpha", "partner_xi_borough"], [])
    sql(f"DELETE FROM {partner.schema_name}.django_migrations WHERE app = 'customers'")
    assert schema_service.schemas_behind_template(["partner_alpha", "partner_xi_borough"]) == (
        ["partner_alpha"],
        ["partner_xi_borough"],
    )


def test_one_partners_failure_stops_no_other_and_closes_its_portal(db, attempts):
    broken = partner_create(actor=None, name="Mu Borough", slug="mu-borough", kind="borough")
    differing = partner_create(actor=None, name="Nu Borough", slug="nu-borough", kind="borough")
    # Broken: casework's migrations look unapplied though its tables exist, so migrating
    # fails (as after a half-applied release or a table made by hand).
    sql(f"DELETE FROM {broken.schema_name}.django_migrations WHERE app = 'casework'")
    # Differing but sound: an applied migration the code no longer has.
    sql(
        f"INSERT INTO {differing.schema_name}.django_migrations (app, name, applied) "
        "VALUES ('casework', '9999_removed_long_ago', now())"
    )

    with pytest.raises(CommandError) as caught:
        call_command("platform_migrate", jobs=1, stdout=open("/dev/null", "w"))  # noqa: SIM115
    message = str(caught.value)
    assert "1 failed" in message and "partner_mu_borough:" in message
    assert "partner_nu_borough" not in message
    assert sorted(attempts) == ["partner_mu_borough", "partner_nu_borough"]  # the rest were skipped

    broken.refresh_from_db()
    differing.refresh_from_db()
    assert broken.migration_failed_at is not None and broken.migration_error
    assert differing.migration_failed_at is None
    response = Client(HTTP_HOST="mu-borough.localhost").get("/")
    assert response.status_code == 503
    assert b"being updated" in response.content
    assert Client(HTTP_HOST="nu-borough.localhost").get("/").status_code != 503

    # Mended by hand: the next run finds it up to date and opens its portal again.
    sql(
        f"INSERT INTO {broken.schema_name}.django_migrations (app, name, applied) "
        f"SELECT app, name, applied FROM {settings.TENANT_BASE_SCHEMA}.django_migrations "
        "WHERE app = 'casework'"
    )
    run = schema_service.partners_migrate(jobs=1)
    assert "partner_mu_borough" in run.up_to_date and run.failed == {}
    broken.refresh_from_db()
    assert broken.migration_failed_at is None and broken.migration_error == ""
    assert Client(HTTP_HOST="mu-borough.localhost").get("/").status_code != 503
