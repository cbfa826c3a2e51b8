"""Client notes on contacts and engagements, their correction entries and their change
history. Notes are never deleted, and the database refuses to rewrite one more than 24
hours old; corrections and history rows are append-only."""

import django.db.models.deletion
import pghistory.utils
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('casework', '0012_merge_0009_soft_removal_0011_relationship_one_current'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # casebridge_append_only(), which the triggers run.
        ('accounts', '0002_audit_append_only'),
    ]

    operations = [
        migrations.CreateModel(
            name='Note',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('kind', models.CharField(choices=[('call', 'Call'), ('visit', 'Visit'), ('meeting', 'Meeting'), ('email', 'Email'), ('other', 'Other')], max_length=10, verbose_name='type')),
                ('happened_at', models.DateTimeField(verbose_name='date and time')),
                ('duration_minutes', models.PositiveIntegerField(blank=True, null=True, verbose_name='duration in minutes')),
                ('summary', models.CharField(max_length=200)),
                ('body', models.TextField(blank=True, verbose_name='note')),
                ('confidential', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('contact', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='notes', to='casework.contact')),
                ('engagement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='notes', to='casework.engagement')),
            ],
            options={
                'ordering': ['-happened_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='NoteCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('error', 'Entered in error'), ('corrected', 'Corrected')], max_length=10)),
                ('text', models.TextField()),
                ('author_name', models.CharField(max_length=200)),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('note', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='notes.note')),
            ],
            options={
                'ordering': ['at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='NoteEvent',
            fields=[
                ('pgh_id', models.AutoField(primary_key=True, serialize=False)),
                ('pgh_created_at', models.DateTimeField(auto_now_add=True)),
                ('pgh_label', models.TextField(help_text='The event label.')),
                ('pgh_context', pghistory.utils.JSONField(null=True)),
                ('pgh_context_id', models.UUIDField(null=True)),
                ('id', models.BigIntegerField()),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('kind', models.CharField(choices=[('call', 'Call'), ('visit', 'Visit'), ('meeting', 'Meeting'), ('email', 'Email'), ('other', 'Other')], max_length=10, verbose_name='type')),
                ('happened_at', models.DateTimeField(verbose_name='date and time')),
                ('duration_minutes', models.PositiveIntegerField(blank=True, null=True, verbose_name='duration in minutes')),
                ('summary', models.CharField(max_length=200)),
                ('body', models.TextField(blank=True, verbose_name='note')),
                ('confidential', models.BooleanField(default=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL)),
                ('contact', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='casework.contact')),
                ('engagement', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='casework.engagement')),
                ('pgh_obj', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='history', to='notes.note')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddIndex(
            model_name='note',
            index=models.Index(fields=['contact', '-happened_at'], name='note_contact_when'),
        ),
        migrations.AddIndex(
            model_name='note',
            index=models.Index(fields=['engagement', '-happened_at'], name='note_engagement_when'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='note',
            trigger=pgtrigger.compiler.Trigger(name='never_deleted', sql=pgtrigger.compiler.UpsertTriggerSql(execute='casebridge_append_only()', func='RETURN NULL;', hash='796e258e35deaeb7fa57da3a10c593205ded08d1', operation='DELETE', pgid='pgtrigger_never_deleted_6e96a', table='notes_note', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='note',
            trigger=pgtrigger.compiler.Trigger(name='never_truncated', sql=pgtrigger.compiler.UpsertTriggerSql(execute='casebridge_append_only()', func='RETURN NULL;', hash='8ceeecc7ac4a21ad435bf5b15c95537dc7aee929', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_never_truncated_86a4f', table='notes_note', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='note',
            trigger=pgtrigger.compiler.Trigger(name='fixed_after_a_day', sql=pgtrigger.compiler.UpsertTriggerSql(condition="WHEN (OLD.created_at < now() - interval '24 hours')", execute='casebridge_append_only()', func='RETURN NULL;', hash='fc86f96a3e1cc59afde78edec4f82e7acfedba1b', operation='UPDATE', pgid='pgtrigger_fixed_after_a_day_737ae', table='notes_note', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='note',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "notes_noteevent" ("author_id", "body", "confidential", "contact_id", "created_at", "duration_minutes", "engagement_id", "happened_at", "id", "kind", "pgh_context", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "summary") VALUES (NEW."author_id", NEW."body", NEW."confidential", NEW."contact_id", NEW."created_at", NEW."duration_minutes", NEW."engagement_id", NEW."happened_at", NEW."id", NEW."kind", COALESCE(NULLIF(CURRENT_SETTING(\'pghistory.context_metadata\', TRUE), \'\'), NULL)::JSONB, COALESCE(NULLIF(CURRENT_SETTING(\'pghistory.context_id\', TRUE), \'\'), NULL)::UUID, CLOCK_TIMESTAMP(), \'insert\', NEW."id", NEW."public_id", NEW."summary"); RETURN NULL;', hash='d97eb2269165ace8f38243a8fe1f71b4e9247243', operation='INSERT', pgid='pgtrigger_insert_insert_7ed5b', table='notes_note', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='note',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "notes_noteevent" ("author_id", "body", "confidential", "contact_id", "created_at", "duration_minutes", "engagement_id", "happened_at", "id", "kind", "pgh_context", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "summary") VALUES (NEW."author_id", NEW."body", NEW."confidential", NEW."contact_id", NEW."created_at", NEW."duration_minutes", NEW."engagement_id", NEW."happened_at", NEW."id", NEW."kind", COALESCE(NULLIF(CURRENT_SETTING(\'pghistory.context_metadata\', TRUE), \'\'), NULL)::JSONB, COALESCE(NULLIF(CURRENT_SETTING(\'pghistory.context_id\', TRUE), \'\'), NULL)::UUID, CLOCK_TIMESTAMP(), \'update\', NEW."id", NEW."public_id", NEW."summary"); RETURN NULL;', hash='9974f76ef17f2094868bc384550d32ddebdbc7d7', operation='UPDATE', pgid='pgtrigger_update_update_38f06', table='notes_note', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='note',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "notes_noteevent" ("author_id", "body", "confidential", "contact_id", "created_at", "duration_minutes", "engagement_id", "happened_at", "id", "kind", "pgh_context", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "public_id", "summary") VALUES (OLD."author_id", OLD."body", OLD."confidential", OLD."contact_id", OLD."created_at", OLD."duration_minutes", OLD."engagement_id", OLD."happened_at", OLD."id", OLD."kind", COALESCE(NULLIF(CURRENT_SETTING(\'pghistory.context_metadata\', TRUE), \'\'), NULL)::JSONB, COALESCE(NULLIF(CURRENT_SETTING(\'pghistory.context_id\', TRUE), \'\'), NULL)::UUID, CLOCK_TIMESTAMP(), \'delete\', OLD."id", OLD."public_id", OLD."summary"); RETURN NULL;', hash='5fc1c5325896658fa3e5df5716b32bc8f11a7d20', operation='DELETE', pgid='pgtrigger_delete_delete_14f74', table='notes_note', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='notecorrection',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(execute='casebridge_append_only()', func='RETURN NULL;', hash='0cdb6bf7e90223444e1068ee2c90290361c0f1b2', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_24655', table='notes_notecorrection', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='notecorrection',
            trigger=pgtrigger.compiler.Trigger(name='append_only_truncate', sql=pgtrigger.compiler.UpsertTriggerSql(execute='casebridge_append_only()', func='RETURN NULL;', hash='9279289fb631d113c44671f9d3b200cbb80eef9b', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_append_only_truncate_c2e32', table='notes_notecorrection', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='noteevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only', sql=pgtrigger.compiler.UpsertTriggerSql(execute='casebridge_append_only()', func='RETURN NULL;', hash='0c48eb4a1e965c49f7777d691ffcfd9605bf3b82', operation='UPDATE OR DELETE', pgid='pgtrigger_append_only_3ddc3', table='notes_noteevent', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='noteevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only_truncate', sql=pgtrigger.compiler.UpsertTriggerSql(execute='casebridge_append_only()', func='RETURN NULL;', hash='f8d5bca7fde259d81e08db6bcfc9102a930ff8b8', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_append_only_truncate_9f8be', table='notes_noteevent', when='BEFORE')),
        ),
    ]
