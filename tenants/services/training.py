"""Training copies: a champion makes a practice partner beside their live one.

A training copy is a separate Partner (its own schema, domain and accounts) cloned
from the pristine template, never from the live schema, and filled with made-up
people; so no live record can reach it. Colleagues the champion picks get an account
there with the same username and role, and sign in on the training portal's own
address with a one-time invitation link or a temporary password (shown once to the
champion), exactly like a new live account. Resetting drops the schema, clones the
template again and reseeds it; the training accounts (and their passwords) are kept.
"""

import logging

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

from tenants import hooks, policy
from tenants.accounts import capabilities as cap
from tenants.accounts.models import Role, User
from tenants.accounts.policy import effective_permissions
from tenants.accounts.services.audit import audit_record
from tenants.accounts.services.credentials import DELIVERIES, credentials_issue, privileges_set
from tenants.accounts.services.users import CreatedAccount
from tenants.db_roles import as_owner
from tenants.models import Partner, PartnerKind
from tenants.services.partners import partner_create, schema_name_for

logger = logging.getLogger(__name__)

# The made-up staff who "own" the synthetic casework; deactivated once it is seeded,
# so nobody can sign in as them.
SAMPLE_ROLES = {
    PartnerKind.FAMILY_CENTRE: ("practitioner", "manager"),
    PartnerKind.SUPPORT_LINE: ("call-handler", None),
    PartnerKind.BOROUGH: ("housing-officer", None),
    PartnerKind.PROVIDER: ("adviser", None),
}


SAMPLE_PREFIX = "training.sample."


def training_slug_for(slug: str) -> str:
    return f"{slug[:31].rstrip('-')}-training"


def training_copy_of(partner: Partner) -> Partner | None:
    with schema_context(get_public_schema_name()):
        return Partner.objects.filter(training_of=partner).first()


def training_copy_create(*, actor, partner: Partner) -> tuple[Partner, CreatedAccount]:
    """Create the training copy of the actor's partner, seeded with made-up people, and
    an account there for the actor (a champion in the copy too)."""
    policy.check_manage_training(actor, partner)
    if training_copy_of(partner) is not None:
        raise ValidationError({"partner": f"{partner.name} already has a training copy."})
    with as_owner(), transaction.atomic():  # a schema is created (tenants/db_roles.py)
        training = partner_create(
            actor=None,  # checked above: a champion makes their own partner's copy
            name=f"{partner.name} (training)",
            slug=training_slug_for(partner.slug),
            kind=partner.kind,
        )
        with schema_context(get_public_schema_name()):
            training.training_of = partner
            training.training_reset_at = timezone.now()
            training.save(update_fields=["training_of", "training_reset_at"])
        with schema_context(training.schema_name):
            _seed_synthetic_people(training.kind)
        created = _grant(actor=actor, training=training, colleague=actor, delivery="invitation")
        audit_record(
            actor=actor,
            action="training.create",
            detail=f"training copy {training.slug} created",
        )
    logger.info("training copy %s created by %s", training.slug, actor.username)
    return training, created


def training_access_grant(
    *, actor, partner: Partner, colleague_public_ids, delivery: str = "invitation"
) -> list[CreatedAccount]:
    """Give live colleagues an account in the training copy (same username and role),
    or new first-sign-in credentials if they have one already."""
    policy.check_manage_training(actor, partner)
    if delivery not in DELIVERIES:
        raise ValidationError({"delivery": "Choose an invitation link or a temporary password."})
    training = training_copy_of(partner)
    if training is None:
        raise ValidationError({"partner": "Create the training copy first."})
    ids = [str(i) for i in colleague_public_ids]
    if not ids:
        raise ValidationError({"colleagues": "Choose at least one colleague."})
    try:
        colleagues = list(User.objects.filter(public_id__in=ids, is_active=True))
    except ValidationError:
        colleagues = []
    if len(colleagues) != len(set(ids)):
        raise ValidationError({"colleagues": "Choose colleagues from the list."})
    own = effective_permissions(actor)
    above = [c.get_full_name() for c in colleagues if not effective_permissions(c) <= own]
    if above:
        raise ValidationError(
            {
                "colleagues": "You can only give training access to colleagues with no more "
                f"rights than your own: {', '.join(sorted(above))}."
            }
        )
    with transaction.atomic():
        created = [
            _grant(actor=actor, training=training, colleague=c, delivery=delivery)
            for c in colleagues
        ]
        audit_record(
            actor=actor,
            action="training.access",
            detail="training access for " + ", ".join(sorted(c.username for c in colleagues)),
        )
    return created


def _grant(*, actor, training: Partner, colleague, delivery: str) -> CreatedAccount:
    """Only the username, name and role travel: no password, no e-mail, no records."""
    if colleague.username.startswith(SAMPLE_PREFIX):
        raise ValidationError({"colleagues": "That username is kept for the made-up staff."})
    role_key = colleague.role.key if colleague.role_id else None
    name, username = colleague.get_full_name(), colleague.username
    privileges = {cap.CHANGE_OWN_PASSWORD}
    if colleague.pk == actor.pk:
        privileges.add(cap.MANAGE_USERS)  # the champion looks after the copy's accounts
    with schema_context(training.schema_name):
        role = Role.objects.filter(key=role_key, kinds__contains=[training.kind]).first()
        if role is None:
            raise ValidationError(
                {
                    "colleagues": f"{name}'s role is particular to your organisation and does "
                    "not exist in the training copy."
                }
            )
        user = User.objects.filter(username=username).first() or User(username=username)
        user.full_name, user.role, user.is_active = name, role, True
        user.set_unusable_password()
        user.save()
        user.groups.set([role.group])
        privileges_set(user=user, privileges=privileges)
        secret = credentials_issue(user=user, delivery=delivery)
        audit_record(
            actor=None,
            action="user.create",
            target=user,
            detail=f"training access given by {actor.username} at its live partner",
        )
    return CreatedAccount(user=user, delivery=delivery, secret=secret)


def training_accounts(*, partner: Partner) -> list[User]:
    training = training_copy_of(partner)
    if training is None:
        return []
    with schema_context(training.schema_name):
        return list(User.objects.filter(is_active=True).select_related("role").order_by("username"))


def training_copy_reset(*, actor, partner: Partner, confirmed: bool) -> Partner:
    """Drop the copy's schema, clone the template again and reseed it. Its accounts stay
    (same passwords), everything practised in it goes."""
    policy.check_manage_training(actor, partner)
    if not confirmed:
        raise ValidationError(
            {"confirm": "Confirm that everything in the training copy will be replaced."}
        )
    training = training_copy_of(partner)
    if training is None:
        raise ValidationError({"partner": "There is no training copy to reset."})
    schema = schema_name_for(training.slug)
    assert training.schema_name == schema  # never drop anything but a copy's own schema
    with as_owner(), transaction.atomic(), schema_context(get_public_schema_name()):
        training = Partner.objects.select_for_update().get(pk=training.pk)
        with schema_context(schema):
            accounts = _accounts_snapshot()
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')  # noqa: S608 (validated slug)
        training.create_schema()
        with schema_context(schema):
            from tenants.accounts.services.roles import roles_prune_to_kind

            roles_prune_to_kind(kind=training.kind)
            hooks.partner_cloned(kind=training.kind)
            _seed_synthetic_people(training.kind)
            _accounts_restore(accounts)
        training.training_reset_at = timezone.now()
        training.save(update_fields=["training_reset_at"])
    audit_record(actor=actor, action="training.reset", detail=f"training copy {schema} reset")
    return training


def _accounts_snapshot() -> list[dict]:
    return [
        {
            "username": u.username,
            "full_name": u.full_name,
            "password": u.password,
            "must_change_password": u.must_change_password,
            "role_key": u.role.key if u.role_id else None,
            "privileges": [
                f"{app}.{code}"
                for app, code in u.user_permissions.values_list(
                    "content_type__app_label", "codename"
                )
            ],
        }
        # Accounts given to colleagues: every active one (the sample staff are inactive).
        for u in User.objects.filter(is_active=True).exclude(username__startswith=SAMPLE_PREFIX)
    ]


def _accounts_restore(accounts: list[dict]) -> None:
    for data in accounts:
        role = Role.objects.filter(key=data["role_key"]).first()
        if role is None:
            continue
        user = User.objects.create(
            username=data["username"],
            full_name=data["full_name"],
            password=data["password"],
            must_change_password=data["must_change_password"],
            role=role,
        )
        user.groups.set([role.group])
        codes = [p.split(".", 1)[1] for p in data["privileges"]]
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label=cap.APP, codename__in=codes)
        )


def _seed_synthetic_people(kind: str) -> None:
    """Made-up people, recorded by made-up staff: the apps above fill the copy through
    the `tenants.hooks` training hook (casework's families, for instance)."""
    practitioner_key, manager_key = SAMPLE_ROLES[kind]
    staff = {}
    for key in filter(None, (practitioner_key, manager_key)):
        role = Role.objects.get(key=key, kinds__contains=[kind])
        user = User.objects.create(
            username=f"{SAMPLE_PREFIX}{key}", full_name=f"Sample {role.name}", role=role
        )
        user.set_unusable_password()
        user.save()
        user.groups.set([role.group])
        staff[key] = User.objects.get(pk=user.pk)
    hooks.training_copy_filled(
        kind=kind,
        recorder=staff[practitioner_key],
        manager=staff[manager_key] if manager_key else None,
    )
    User.objects.filter(pk__in=[u.pk for u in staff.values()]).update(is_active=False)
