"""The data protection officer's capability and role (issue 19), added to partners that
exist already: the template gets the role for every kind, a partner for its own kind,
and every champion the capability (a champion creates the role's accounts, so must hold
its rights). A schema being built from nothing gets both from roles_seed instead."""

from django.db import migrations
from django.db.models import Q

ROLE_KEY = "data-protection"
ROLE_NAME = "Data protection officer"
ROLE_RIGHTS = ("protect_data", "view_all_casework", "view_reports")
ORGANISATION_KINDS = ("family_centre", "support_line", "borough", "provider")


def forward(apps, schema_editor):
    from django_tenants.utils import get_public_schema_name

    schema = schema_editor.connection.schema_name
    if schema == get_public_schema_name():
        return
    Role = apps.get_model("accounts", "Role")
    if not Role.objects.exists():
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Partner = apps.get_model("tenants", "Partner")
    content_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="capability")
    Permission.objects.get_or_create(
        content_type=content_type,
        codename="protect_data",
        defaults={
            "name": "Answer data protection questions (who looked, retention, subject access)"
        },
    )
    rights = list(Permission.objects.filter(content_type=content_type, codename__in=ROLE_RIGHTS))
    partner = Partner.objects.filter(schema_name=schema).first()
    own_kind = partner is not None and partner.kind in ORGANISATION_KINDS
    kinds = [partner.kind] if own_kind else list(ORGANISATION_KINDS)
    for kind in kinds:
        if Role.objects.filter(key=ROLE_KEY, kinds__contains=[kind]).exists():
            continue
        name = ROLE_NAME if own_kind else f"{ROLE_NAME} ({kind})"
        group = Group.objects.create(name=name)
        group.permissions.set(rights)
        Role.objects.create(
            key=ROLE_KEY,
            name=ROLE_NAME,
            kinds=[kind],
            group=group,
            description="Answers who looked, keeps retention and subject access requests.",
        )
    for champion in Role.objects.filter(Q(key="champion")).select_related("group"):
        champion.group.permissions.add(*rights)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_audit_entry_corrections"),
        ("tenants", "0009_directory_services_external_capacity"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="capability",
            options={
                "default_permissions": (),
                "managed": False,
                "permissions": [
                    ("manage_users", "Manage users (create, edit, reset, deactivate)"),
                    ("change_own_password", "Change own password"),
                    ("manage_roles", "Add partner-specific roles"),
                    ("manage_api_tokens", "Create and revoke API tokens"),
                    ("record_casework", "Record casework"),
                    ("view_all_casework", "See every engagement and case in the partner"),
                    ("approve_safeguarding_closure", "Approve closing safeguarding cases"),
                    ("notify_local_authority", "Record that the local authority was notified"),
                    ("manage_programmes", "Keep the programme and service catalogue"),
                    ("handle_calls", "Take support-line calls"),
                    ("review_referrals", "Review and send local referrals"),
                    ("set_lawful_basis", "Record a lawful basis for sharing without consent"),
                    ("refer_customers", "Refer residents to providers"),
                    ("record_outcomes", "Record appointments and outcomes"),
                    ("view_reports", "See reports"),
                    ("edit_manual", "Edit the user manual"),
                    ("approve_manual", "Approve manual changes"),
                    ("use_api", "Use the GraphQL API"),
                    (
                        "protect_data",
                        "Answer data protection questions (who looked, retention, subject access)",
                    ),
                    ("manage_partner_users", "Create users in any partner (platform)"),
                ],
            },
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
