"""The partner directory on Open Referral UK (issue 20): the organisation's and the
service's published ids, the service's HSDS fields and its locations. Existing entries
keep their routing (types, regions, districts) and gain ids and the partner's name."""

import uuid

import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models


def ids_for_existing_rows(apps, schema_editor):
    # A callable default gives every existing row the same value: set each one here.
    Partner = apps.get_model("tenants", "Partner")
    DirectoryEntry = apps.get_model("tenants", "DirectoryEntry")
    for partner in Partner.objects.filter(public_id__isnull=True).only("pk"):
        Partner.objects.filter(pk=partner.pk).update(public_id=uuid.uuid4())
    for entry in DirectoryEntry.objects.filter(public_id__isnull=True).select_related("partner"):
        DirectoryEntry.objects.filter(pk=entry.pk).update(
            public_id=uuid.uuid4(), name=entry.partner.name
        )


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0007_partner_migration_failed"),
    ]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="name",
            field=models.CharField(
                blank=True, help_text="Blank: the partner's name.", max_length=200
            ),
        ),
        migrations.RunPython(ids_for_existing_rows, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="partner",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="directoryentry",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="description",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="eligibility",
            field=models.TextField(blank=True, help_text="Who the service is for."),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="fees",
            field=models.TextField(blank=True, help_text="Any charges; blank when free."),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="how_to_access",
            field=models.TextField(blank=True, help_text="How people or partners get help."),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="status",
            field=models.CharField(
                choices=[
                    ("active", "Running"),
                    ("temporarily closed", "Closed for now"),
                    ("inactive", "Not running"),
                    ("defunct", "Closed for good"),
                ],
                default="active",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="url",
            field=models.URLField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="email",
            field=models.EmailField(
                blank=True,
                help_text="The service's public address, not a person's.",
                max_length=254,
            ),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="phone",
            field=models.CharField(blank=True, max_length=30),
        ),
        migrations.AddField(
            model_name="directoryentry",
            name="service_types",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(max_length=60), blank=True, default=list, size=None
            ),
        ),
        migrations.CreateModel(
            name="DirectoryLocation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("location_public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ("name", models.CharField(max_length=200)),
                ("address", models.CharField(blank=True, max_length=300)),
                ("city", models.CharField(blank=True, max_length=100)),
                ("postcode", models.CharField(max_length=10)),
                ("postcode_district", models.CharField(max_length=4)),
                (
                    "region",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("north_east", "North East"),
                            ("north_west", "North West"),
                            ("yorkshire", "Yorkshire and the Humber"),
                            ("east_midlands", "East Midlands"),
                            ("west_midlands", "West Midlands"),
                            ("east", "East of England"),
                            ("london", "London"),
                            ("south_east", "South East"),
                            ("south_west", "South West"),
                            ("wales", "Wales"),
                            ("scotland", "Scotland"),
                            ("northern_ireland", "Northern Ireland"),
                            ("crown_dependencies", "Channel Islands and Isle of Man"),
                            ("uk", "United Kingdom"),
                        ],
                        max_length=20,
                    ),
                ),
                ("opening_hours", models.CharField(blank=True, max_length=300)),
                ("position", models.PositiveSmallIntegerField(default=0)),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="locations",
                        to="tenants.directoryentry",
                    ),
                ),
            ],
            options={"ordering": ["position", "id"]},
        ),
    ]
