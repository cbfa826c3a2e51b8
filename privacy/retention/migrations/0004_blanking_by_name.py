"""casebridge_blank() knows the tables it refuses by their own name rather than from
the catalog (pg_class): a partner's clone copies the template's functions, and a clone
reads no catalog (tenants.schema_clone). Same rule as 0003."""

from django.db import migrations

BLANK = """
CREATE OR REPLACE FUNCTION casebridge_blank(
    target regclass, key_column text, keys text[], blanked jsonb
) RETURNS integer SECURITY DEFINER AS $$
DECLARE
    assignments text;
    changed integer;
BEGIN
    -- The table's own name, whichever schema it is in (no catalog read: clones copy this).
    IF (parse_ident(target::text))[cardinality(parse_ident(target::text))]
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

OLD_BLANK = """
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
    dependencies = [("retention", "0003_blanking")]

    operations = [migrations.RunSQL(BLANK, OLD_BLANK)]
