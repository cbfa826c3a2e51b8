"""Partners are schemas cloned from the template: what a new partner gets, and what bad input gets."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django_tenants.utils import schema_context, schema_exists
from wagtail.models import Page, Site

from tenants.accounts.models import User
from tenants.models import Domain, Partner
from tenants.services import partner_archive, partner_create, partner_purge

# As in production: the application role, which goes back to the owner only to create or
# drop a schema (tenants/db_roles.as_owner); a path that forgets to fails here.
pytestmark = pytest.mark.usefixtures("as_app_role")


def schema_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace")
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def new_partner(db):
    return partner_create(actor=None, name="Gamma Advice", slug="gamma", kind="provider")


def test_clone_gives_a_working_wagtail_root_and_site(new_partner):
    with schema_context(new_partner.schema_name):
        root = Page.get_first_root_node()
        assert root is not None
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        child = home.add_child(instance=Page(title="Getting started", slug="getting-started"))
        assert child.get_parent().pk == home.pk
        assert Page.objects.filter(slug="getting-started").count() == 1


def test_clone_sequences_continue_after_the_template_rows(new_partner):
    with schema_context("_template"):
        template_max_page = max(Page.objects.values_list("pk", flat=True))
    with schema_context(new_partner.schema_name):
        home = Site.objects.get(is_default_site=True).root_page
        page = home.add_child(instance=Page(title="New", slug="new"))
        assert page.pk > template_max_page


def test_clone_has_working_auth_tables(new_partner):
    with schema_context(new_partner.schema_name):
        user = User.objects.create_user(username="first", full_name="First User", password="x" * 14)
        assert user.check_password("x" * 14)
        assert User.objects.count() == 1  # nothing of any other partner's users came along


def test_partner_gets_its_domain_and_is_active(new_partner):
    assert new_partner.is_active
    assert new_partner.get_primary_domain().domain == "gamma.localhost"
    assert new_partner.schema_name == "partner_gamma"
    assert schema_exists("partner_gamma")


def test_template_is_not_a_reachable_organisation(db):
    template = Partner.objects.get(schema_name="_template")
    assert not Domain.objects.filter(tenant=template).exists()
    assert template not in Partner.objects.organisations()


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"slug": "Bad Slug!"}, "slug", "lower-case letters"),
        ({"slug": "alpha"}, "slug", "already exists"),
        ({"slug": "www"}, "slug", "reserved"),
        ({"kind": "hospital"}, "kind", "Unknown kind “hospital”"),
        ({"kind": "template"}, "kind", "Unknown kind"),
        ({"domain": "alpha.localhost"}, "domain", "already in use"),
        ({"domain": "not a domain"}, "domain", "not a valid domain"),
        ({"name": "  "}, "name", "Enter the organisation's name"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_created(db, kwargs, field, words):
    arguments = {"name": "Delta", "slug": "delta", "kind": "borough", "domain": None} | kwargs
    schemas_before, partners_before = schema_names(), Partner.objects.count()
    with pytest.raises(ValidationError) as caught:
        partner_create(actor=None, **arguments)
    assert field in caught.value.message_dict
    assert any(words in message for message in caught.value.message_dict[field])
    assert schema_names() == schemas_before
    assert Partner.objects.count() == partners_before


def test_failure_after_cloning_leaves_no_orphan_schema_or_domain(db, monkeypatch):
    """Fault injection: the domain insert fails after the schema was cloned."""
    schemas_before = schema_names()

    def failing_create(**kwargs):
        raise IntegrityError("simulated failure while saving the domain")

    monkeypatch.setattr(Domain.objects, "create", failing_create)
    with pytest.raises(IntegrityError):
        partner_create(actor=None, name="Epsilon", slug="epsilon", kind="borough")
    assert "partner_epsilon" not in schema_names()
    assert schema_names() == schemas_before
    assert not Partner.objects.filter(slug="epsilon").exists()


def test_a_failing_clone_reports_its_own_error_and_leaves_nothing(db, monkeypatch):
    """The cause reaches the operator (not django-tenants' failed clean-up)."""
    from django.db import DataError

    from tenants import models

    schemas_before = schema_names()

    def failing_clone(*, template, new_schema):
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{new_schema}"')
            cursor.execute("SELECT 1 / 0")

    monkeypatch.setattr(models, "clone_schema", failing_clone)
    with pytest.raises(DataError, match="division by zero"):
        partner_create(actor=None, name="Zeta", slug="zeta", kind="borough")
    assert schema_names() == schemas_before
    assert not Partner.objects.filter(slug="zeta").exists()


def test_create_partner_command_creates_by_clone(db, capsys):
    call_command("create_partner", name="Zeta Borough", kind="borough", domain="zeta.localhost")
    out = capsys.readouterr().out
    assert "Created Zeta Borough (borough) at zeta.localhost" in out
    assert Partner.objects.get(slug="zeta").get_primary_domain().domain == "zeta.localhost"


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--name", "X", "--kind", "castle", "--slug", "xray"], "kind: Unknown kind “castle”"),
        (
            ["--name", "X", "--kind", "borough", "--slug", "beta"],
            "slug: A partner with the short name “beta” already exists",
        ),
        (["--name", "X", "--kind", "borough", "--slug", "x_y"], "slug: The short name must be"),
        (
            ["--name", "X", "--kind", "borough", "--domain", "beta.localhost", "--slug", "yankee"],
            "domain: The domain “beta.localhost” is already in use",
        ),
        (["--name", "X", "--kind", "borough"], "Give --slug or --domain"),
    ],
)
def test_create_partner_command_bad_input(db, arguments, words):
    schemas_before = schema_names()
    with pytest.raises(CommandError) as caught:
        call_command("create_partner", *arguments)
    assert words in str(caught.value)
    assert schema_names() == schemas_before


def test_archive_then_purge_needs_typed_confirmation(new_partner):
    with pytest.raises(ValidationError) as caught:
        partner_purge(actor=None, partner=new_partner, confirmation="gamma")
    assert "Archive the partner before purging" in str(caught.value)
    partner_archive(actor=None, partner=new_partner)
    with pytest.raises(ValidationError) as caught:
        partner_purge(actor=None, partner=new_partner, confirmation="GAMMA")
    assert "confirmation" in caught.value.message_dict
    assert schema_exists("partner_gamma")
    partner_purge(actor=None, partner=new_partner, confirmation="gamma")
    assert not schema_exists("partner_gamma")
    assert not Partner.objects.filter(slug="gamma").exists()
    assert not Domain.objects.filter(domain="gamma.localhost").exists()


def test_purge_command_refuses_without_confirmation(new_partner):
    call_command("archive_partner", "gamma")
    with pytest.raises(CommandError, match="--confirm"):
        call_command("archive_partner", "gamma", "--purge", "--no-input")
    with pytest.raises(CommandError, match="Type the partner's short name"):
        call_command("archive_partner", "gamma", "--purge", "--confirm", "gamm")
    assert schema_exists("partner_gamma")
