"""Disposal reaches three more places (issue 19), still only by erasing:

- JSON columns (assessment answers, a local referral's details) are blanked to `{}` or
  `[]`: `casebridge_blank()` now accepts those two blanks besides '' and NULL.
- The audit log keeps who did what and when, but the words of an entry about an erased
  record (`detail`, `before`, `after`, `target_username`) may be blanked, found by the
  record's public id. Any other column of the audit log is still refused, and the
  disposal records are still refused outright.
- Change-history context (who acted, which service, and the reason they gave) loses
  named keys only (`casebridge_forget_keys()`): the reason goes, who acted stays."""

from django.db import migrations

import importlib

previous = importlib.import_module("privacy.retention.migrations.0004_blanking_by_name")

BLANK = """
CREATE OR REPLACE FUNCTION casebridge_blank(
    target regclass, key_column text, keys text[], blanked jsonb
) RETURNS integer SECURITY DEFINER AS $$
DECLARE
    table_name text := (parse_ident(target::text))[cardinality(parse_ident(target::text))];
    assignments text;
    changed integer;
BEGIN
    IF table_name = 'retention_disposalrecord' THEN
        RAISE EXCEPTION '% is never blanked', target USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF table_name = 'accounts_auditentry' THEN
        -- Who did what, and when, stays; only the words about the record go.
        IF key_column <> 'target_public_id' OR EXISTS (
            SELECT 1 FROM jsonb_object_keys(blanked) AS k
             WHERE k NOT IN ('detail', 'before', 'after', 'target_username')
        ) THEN
            RAISE EXCEPTION 'only the words of an audit entry are blanked'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF key_column NOT IN ('id', 'pgh_obj_id') THEN
        RAISE EXCEPTION 'rows are found by id or pgh_obj_id' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (
        SELECT 1 FROM jsonb_each(blanked) AS e
         WHERE e.value NOT IN ('null'::jsonb, '""'::jsonb, '{}'::jsonb, '[]'::jsonb)
    ) THEN
        RAISE EXCEPTION 'only blanks may be written' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT string_agg(format('%I = %s', e.key, CASE jsonb_typeof(e.value)
               WHEN 'null' THEN 'NULL'
               WHEN 'string' THEN quote_literal(e.value #>> '{}')
               ELSE quote_literal(e.value::text) END), ', ')
      INTO assignments FROM jsonb_each(blanked) AS e;
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

FORGET_KEYS = """
CREATE OR REPLACE FUNCTION casebridge_forget_keys(
    target regclass, keys text[], json_column text, forgotten text[]
) RETURNS integer SECURITY DEFINER AS $$
DECLARE
    table_name text := (parse_ident(target::text))[cardinality(parse_ident(target::text))];
    changed integer;
BEGIN
    IF table_name IN ('retention_disposalrecord', 'accounts_auditentry') THEN
        RAISE EXCEPTION '% is never changed', target USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF json_column <> 'pgh_context' THEN
        RAISE EXCEPTION 'only change-history context loses keys'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF keys IS NULL OR cardinality(keys) = 0 THEN
        RETURN 0;
    END IF;
    PERFORM set_config('casebridge.blanking', target::oid::text, true);
    EXECUTE format(
        'UPDATE %s SET %I = %I - $2 WHERE pgh_obj_id::text = ANY($1) AND %I ?| $2',
        target, json_column, json_column, json_column
    ) USING keys, forgotten;
    GET DIAGNOSTICS changed = ROW_COUNT;
    PERFORM set_config('casebridge.blanking', '', true);
    RETURN changed;
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("retention", "0004_blanking_by_name")]

    operations = [
        migrations.RunSQL(BLANK, previous.BLANK),
        migrations.RunSQL(
            FORGET_KEYS,
            "DROP FUNCTION IF EXISTS casebridge_forget_keys(regclass, text[], text, text[]);",
        ),
    ]
