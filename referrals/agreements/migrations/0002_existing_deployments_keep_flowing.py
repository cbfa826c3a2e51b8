"""Upgrading a deployment that already has partners: before agreements, every referral
flowed; a platform-wide agreement covering the types of that time keeps it so, until
platform managers end it in favour of agreements between partners (README). A new
deployment (no partners yet) starts with none: referrals cross only under agreements."""

from datetime import date

from django.db import migrations

# As they were when agreements arrived (referrals.types): a migration names its own data.
TYPES = ["befriending", "employment-support", "food", "medication", "other", "transport"]
FIELDS = ["first_name", "last_name", "phone", "postcode_district", "region"]
ORGANISATION_KINDS = ["family_centre", "support_line", "borough", "provider"]


def keep_flowing(apps, schema_editor):
    Partner = apps.get_model("tenants", "Partner")
    Agreement = apps.get_model("agreements", "DataSharingAgreement")
    if not Partner.objects.filter(kind__in=ORGANISATION_KINDS).exists():
        return
    if Agreement.objects.filter(proposer__isnull=True).exists():
        return
    Agreement.objects.create(
        referral_types=TYPES,
        person_fields=FIELDS,
        purpose=(
            "Referrals between partners as they flowed before data-sharing agreements "
            "(set on upgrade; each partner's consent or recorded lawful basis still applies)."
        ),
        lawful_basis="legitimate_interests",
        starts_on=date(2026, 1, 1),
        status="accepted",
        proposed_by_name="Casebridge upgrade",
        answered_by_name="Casebridge upgrade",
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_data_sharing_agreements")]

    operations = [migrations.RunPython(keep_flowing, migrations.RunPython.noop)]
