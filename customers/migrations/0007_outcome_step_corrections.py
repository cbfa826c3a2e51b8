"""Outcome steps are answered by correction entries (on both copies), append-only like them."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

from tenants.corrections import append_only_sql


class Migration(migrations.Migration):

    dependencies = [
        ('customers', '0006_merge_parallel_work'),
    ]

    operations = [
        migrations.CreateModel(
            name='OutcomeStepCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('error', 'Entered in error'), ('corrected', 'Corrected')], max_length=10)),
                ('text', models.TextField()),
                ('author_name', models.CharField(max_length=200)),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('public_id', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('step', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='customers.outcomestep')),
            ],
            options={
                'ordering': ['at', 'id'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('public_id',), name='outcome_step_correction_once')],
            },
        ),
        migrations.RunSQL(*append_only_sql("customers_outcomestepcorrection")),
    ]
