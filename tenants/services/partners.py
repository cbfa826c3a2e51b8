"""Creating, archiving and purging partners.

`actor=None` means the operator at the command line (manage.py), who already
has the machine; every other caller passes the signed-in user and is checked
by tenants.policy.
"""

import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

from tenants import hooks, policy
from tenants.accounts.roles import PARTNER_ROLES, PLATFORM_ROLES
from tenants.accounts.services.roles import roles_prune_to_kind, roles_seed
from tenants.db_roles import as_owner
from tenants.directory_cache import published_directory_changed
from tenants.models import ORGANISATION_KINDS, Domain, Partner, PartnerKind
from tenants.schema_clone import snapshots_forget
from tenants.shared_keys import shared_keys_drop

logger = logging.getLogger(__name__)

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
# Hostname labels: letters, digits, hyphens; no leading or trailing hyphen.
HOST_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
RESERVED_SLUGS = {"www", "admin", "api", "static", "media", "public", "template", "platform"}


def schema_name_for(slug: str) -> str:
    """Partner schemas are prefixed so no slug can collide with public, _template or pg_*."""
    return "partner_" + slug.replace("-", "_")


def _validate_new_partner(*, name: str, slug: str, kind: str, domain: str) -> None:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors.setdefault("name", []).append("Enter the organisation's name.")
    elif len(name) > 200:
        errors.setdefault("name", []).append("The name must be 200 characters or fewer.")
    if not SLUG_RE.match(slug):
        errors.setdefault("slug", []).append(
            "The short name must be 3 to 40 characters: lower-case letters, digits and "
            "hyphens, starting with a letter and not ending with a hyphen."
        )
    elif slug in RESERVED_SLUGS:
        errors.setdefault("slug", []).append(f"The short name “{slug}” is reserved.")
    elif Partner.objects.filter(slug=slug).exists() or schema_exists(schema_name_for(slug)):
        errors.setdefault("slug", []).append(
            f"A partner with the short name “{slug}” already exists."
        )
    if kind not in ORGANISATION_KINDS:
        choices = ", ".join(k.value for k in ORGANISATION_KINDS)
        errors.setdefault("kind", []).append(f"Unknown kind “{kind}”: choose one of {choices}.")
    labels = domain.split(".")
    if not domain or len(domain) > 253 or not all(HOST_LABEL_RE.match(label) for label in labels):
        errors.setdefault("domain", []).append(
            f"“{domain}” is not a valid domain name (letters, digits, hyphens and dots)."
        )
    elif Domain.objects.filter(domain=domain).exists():
        errors.setdefault("domain", []).append(f"The domain “{domain}” is already in use.")
    if errors:
        raise ValidationError(errors)


def default_domain_for(slug: str) -> str:
    return f"{slug}.{settings.CASEBRIDGE_BASE_DOMAIN}"


def partner_create(*, actor, name: str, slug: str, kind: str, domain: str | None = None) -> Partner:
    """Create a partner by cloning the template schema, with its domain.

    All or nothing: the row, the schema and the domain are made in one
    transaction (PostgreSQL DDL is transactional), so a failure leaves no
    orphan schema and no orphan domain.
    """
    if actor is not None:
        policy.check_create_partner(actor)
    name, slug = name.strip(), slug.strip().lower()
    domain = (domain or default_domain_for(slug)).strip().lower()
    _validate_new_partner(name=name, slug=slug, kind=kind, domain=domain)
    if not schema_exists(settings.TENANT_BASE_SCHEMA):
        raise ValidationError(
            "The template schema is missing: run `python manage.py platform_migrate` first."
        )
    # The schema is created by the owner role (tenants/db_roles.py), whoever asks.
    with as_owner(), schema_context(get_public_schema_name()), transaction.atomic():
        partner = Partner(name=name, slug=slug, kind=kind, schema_name=schema_name_for(slug))
        partner.save(verbosity=0)  # clones _template (Partner.create_schema)
        Domain.objects.create(domain=domain, tenant=partner, is_primary=True)
        with schema_context(partner.schema_name):
            roles_prune_to_kind(kind=kind)
            hooks.partner_cloned(kind=kind)
    logger.info("partner created: %s (%s) by %s", slug, kind, actor or "operator")
    return partner


def partner_archive(*, actor, partner: Partner) -> Partner:
    """Close a partner's portal. Its data stays; its domain shows a 'closed' page."""
    if actor is not None:
        policy.check_archive_partner(actor)
    _refuse_non_organisation(partner)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        partner.is_active = False
        partner.archived_at = timezone.now()
        partner.save(update_fields=["is_active", "archived_at"])
        published_directory_changed()  # its entry leaves (or rejoins) /oruk/
    return partner


def partner_reopen(*, actor, partner: Partner) -> Partner:
    if actor is not None:
        policy.check_archive_partner(actor)
    _refuse_non_organisation(partner)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        partner.is_active = True
        partner.archived_at = None
        partner.save(update_fields=["is_active", "archived_at"])
        published_directory_changed()  # its entry leaves (or rejoins) /oruk/
    return partner


def partner_purge(*, actor, partner: Partner, confirmation: str) -> None:
    """Drop an archived partner's schema and its rows. Irreversible: the caller must
    type the partner's short name as confirmation."""
    if actor is not None:
        policy.check_purge_partner(actor)
    _refuse_non_organisation(partner)
    with as_owner(), transaction.atomic():
        connection.set_schema_to_public()
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        if partner.is_active:
            raise ValidationError(
                {
                    "partner": "Archive the partner before purging it: active partners cannot be purged."
                }
            )
        if confirmation != partner.slug:
            raise ValidationError(
                {
                    "confirmation": f"Type the partner's short name “{partner.slug}” exactly to confirm."
                }
            )
        with connection.cursor() as cursor:
            # Deferred foreign-key checks still pending in this transaction would block DROP SCHEMA.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        partner.delete(force_drop=True)
    logger.warning("partner purged: %s by %s", partner.slug, actor or "operator")


def _refuse_non_organisation(partner: Partner) -> None:
    if not partner.is_organisation:
        raise ValidationError({"partner": "The platform and the template cannot be changed here."})


def platform_ensure() -> Partner:
    """The public tenant for the platform domain (idempotent)."""
    public_name = get_public_schema_name()
    partner, _ = Partner.objects.get_or_create(
        schema_name=public_name,
        defaults={"name": "Casebridge platform", "slug": "platform", "kind": PartnerKind.PLATFORM},
    )
    Domain.objects.get_or_create(
        domain=settings.CASEBRIDGE_BASE_DOMAIN, defaults={"tenant": partner, "is_primary": True}
    )
    with schema_context(public_name):
        roles_seed(specs=PLATFORM_ROLES)
    return partner


def template_ensure(*, verbosity: int = 0) -> Partner:
    """The pristine template schema every partner is cloned from (idempotent).

    It is a Partner row with no domain, so `migrate_schemas` migrates it
    alongside every partner and no request can ever reach it.
    """
    template_schema = settings.TENANT_BASE_SCHEMA
    partner = Partner.objects.filter(schema_name=template_schema).first()
    if partner is None:
        # Nothing to clone from yet: this save creates the schema and runs the migrations,
        # each in its own transaction (Wagtail's cannot share one); on failure
        # django-tenants drops the schema and the row again.
        partner = Partner(
            name="Template",
            slug="template",
            kind=PartnerKind.TEMPLATE,
            schema_name=template_schema,
            is_active=False,
        )
        partner.save(verbosity=verbosity)
    elif not schema_exists(template_schema):
        partner.create_schema(check_if_exists=True, verbosity=verbosity)
    else:
        call_command(
            "migrate_schemas", schema_name=template_schema, interactive=False, verbosity=verbosity
        )
    with schema_context(template_schema):
        roles_seed(specs=PARTNER_ROLES)
        hooks.template_seeded()  # e.g. the default manual (cms), after the roles
    connection.set_schema_to_public()
    if shared_keys_drop([template_schema]):  # clones are made without them (its docstring)
        snapshots_forget()
    return partner


def partner_create_with_champion(
    *,
    actor,
    name: str,
    slug: str,
    kind: str,
    domain: str | None = None,
    champion_username: str,
    champion_full_name: str,
    champion_email: str = "",
    delivery: str = "invitation",
):
    """A platform manager creates a partner and its first champion, both or neither."""
    from tenants.accounts import capabilities as cap
    from tenants.accounts.services.users import user_create

    policy.check_create_partner(actor)
    with as_owner(), transaction.atomic():
        partner = partner_create(actor=actor, name=name, slug=slug, kind=kind, domain=domain)
        try:
            created = user_create(
                actor=actor,
                partner=partner,
                username=champion_username,
                full_name=champion_full_name,
                email=champion_email,
                role_key="champion",
                privileges={cap.MANAGE_USERS, cap.CHANGE_OWN_PASSWORD},
                delivery=delivery,
            )
        except ValidationError as exc:
            # Name the console form's fields, so the message lands beside the right box.
            raise ValidationError(
                {f"champion_{field}": msgs for field, msgs in exc.message_dict.items()}
            ) from exc
    return partner, created
