"""The directory's data migrations run over rows in the shape they had before: the
public schema's tenants app is taken back to 0007 and forward again with the migration
executor, all inside the test's transaction (PostgreSQL's DDL is transactional, so
the test's rollback puts today's shape back)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("tenants", "0007_partner_migration_failed")
OPEN_REFERRAL = ("tenants", "0008_directory_on_open_referral")


def test_existing_entries_gain_ids_and_their_partners_names(partner_b, partner_c):
    # The public schema's migrations: an earlier test may have left a partner's in use.
    connection.set_schema_to_public()
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    Entry = old.get_model("tenants", "DirectoryEntry")
    Entry.objects.filter(partner_id=partner_b.pk).delete()
    Entry.objects.create(partner_id=partner_b.pk, referral_types=["food"], regions=["london"])
    with connection.cursor() as cursor:  # check the new row's keys now, not at commit
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert Entry.objects.count() >= 2

    executor = MigrationExecutor(connection)
    executor.migrate([OPEN_REFERRAL])
    new = executor.loader.project_state([OPEN_REFERRAL]).apps
    rows = list(new.get_model("tenants", "DirectoryEntry").objects.select_related("partner"))
    assert len({row.public_id for row in rows}) == len(rows)  # one id each, none shared
    assert all(row.name == row.partner.name for row in rows)
    beta = next(row for row in rows if row.partner_id == partner_b.pk)
    assert (beta.referral_types, beta.regions, beta.status) == (["food"], ["london"], "active")
    partners = new.get_model("tenants", "Partner").objects.all()
    assert len({p.public_id for p in partners}) == partners.count()
