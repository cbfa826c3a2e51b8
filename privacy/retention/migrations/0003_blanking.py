"""The one way past the append-only triggers, for disposal only.

`casebridge_blank(table, key_column, keys, blanked)` sets the named columns of the
rows whose key is in `keys` to '' or NULL, nothing else: it can erase words, never write
them. It runs with its owner's rights (SECURITY DEFINER: the application role may not
UPDATE an append-only table) and, for that one statement, tells `casebridge_append_only()`
to let UPDATEs of that one table through (a transaction-local setting holding the table's
oid). The audit log and the disposal records are refused outright. Change history (the
pghistory tables, key `pgh_obj_id`) is blanked so."""

from django.db import migrations

ORIGINAL = """
CREATE OR REPLACE FUNCTION casebridge_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

APPEND_ONLY_BUT_BLANKING = """
CREATE OR REPLACE FUNCTION casebridge_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('casebridge.blanking', true) = TG_RELID::text THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

BLANK = """
CREATE OR REPLACE FUNCTION casebridge_blank(
    target regclass, key_column text, keys text[], blanked jsonb
) RETURNS integer SECURITY DEFINER AS $$
DECLARE
    assignments text;
    changed integer;
BEGIN
    IF (SELECT relname FROM pg_class WHERE oid = target)
       IN ('retention_disposalrecord', 'accounts_auditentry') THEN
        RAISE EXCEPTION '% is never blanked', target USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF key_column NOT IN ('id', 'pgh_obj_id') THEN
        RAISE EXCEPTION 'rows are found by id or pgh_obj_id' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (
        SELECT 1 FROM jsonb_each(blanked) AS e
         WHERE e.value <> 'null'::jsonb AND e.value <> '""'::jsonb
    ) THEN
        RAISE EXCEPTION 'only blanks may be written' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT string_agg(format('%I = %L', e.key, e.value), ', ')
      INTO assignments FROM jsonb_each_text(blanked) AS e;
    IF assignments IS NULL OR keys IS NULL OR cardinality(keys) = 0 THEN
        RETURN 0;
    END IF;
    PERFORM set_config('casebridge.blanking', target::oid::text, true);
    EXECUTE format('UPDATE %s SET %s WHERE %I::text = ANY($1)', target, assignments, key_column)
        USING keys;
    GET DIAGNOSTICS changed = ROW_COUNT;
    PERFORM set_config('casebridge.blanking', '', true);
    RETURN changed;
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("retention", "0002_default_rules"), ("accounts", "0002_audit_append_only")]

    operations = [
        migrations.RunSQL(APPEND_ONLY_BUT_BLANKING, ORIGINAL),
        migrations.RunSQL(BLANK, "DROP FUNCTION IF EXISTS casebridge_blank(regclass, text, text[], jsonb);"),
    ]
