"""The audit log is append-only in the database itself: UPDATE, DELETE and
TRUNCATE raise, whoever asks. The function is created in each schema (first on
the search path) and travels with the template when partners are cloned."""

from django.db import migrations

APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION casebridge_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

TRIGGERS = """
CREATE TRIGGER accounts_auditentry_append_only
    BEFORE UPDATE OR DELETE ON accounts_auditentry
    FOR EACH ROW EXECUTE FUNCTION casebridge_append_only();
CREATE TRIGGER accounts_auditentry_no_truncate
    BEFORE TRUNCATE ON accounts_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION casebridge_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS accounts_auditentry_append_only ON accounts_auditentry;
DROP TRIGGER IF EXISTS accounts_auditentry_no_truncate ON accounts_auditentry;
"""


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunSQL(APPEND_ONLY_FUNCTION, migrations.RunSQL.noop),
        migrations.RunSQL(TRIGGERS, DROP),
    ]
