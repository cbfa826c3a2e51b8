"""Consent review periods per kind of partner (issue 19): a new partner starts from its
kind's (a borough 24 months, a provider 6, the support line 12), seeded when its schema is
cloned; the migration moves partners still on the old single default (12) to their kind's
and leaves a period an officer chose alone; the setting stays editable."""

import importlib
from datetime import date
from types import SimpleNamespace

from django.db import connection
from django_tenants.utils import schema_context

from casework.consent import consent_review_date, consent_review_months
from casework.models import CaseworkSettings
from casework.services.consent import consent_review_months_set
from tenants.services.partners import partner_create
from tests.casework.screens import user_with


def test_a_new_partner_starts_from_its_kinds_period(db):
    borough = partner_create(actor=None, name="Delta Borough", slug="delta-borough", kind="borough")
    provider = partner_create(actor=None, name="Omega Skills", slug="omega-skills", kind="provider")
    with schema_context(borough.schema_name):
        assert CaseworkSettings.objects.get().consent_review_months == 24
        assert consent_review_date(date(2027, 3, 10)) == date(2029, 3, 10)
    with schema_context(provider.schema_name):
        assert CaseworkSettings.objects.get().consent_review_months == 6
        assert consent_review_date(date(2027, 3, 10)) == date(2027, 9, 10)
    with schema_context("_template"):  # the template holds no kind's row
        assert not CaseworkSettings.objects.exists()


def test_without_a_row_the_kinds_period_answers(partner_c):
    with schema_context(partner_c.schema_name):
        CaseworkSettings.objects.all().delete()
        assert consent_review_months() == 6


def _migrate_by_kind():
    migration = importlib.import_module("casework.migrations.0015_consent_review_by_kind")
    migration.forwards(None, SimpleNamespace(connection=connection))


def test_the_migration_moves_only_the_old_single_default(partner_b, partner_c):
    with schema_context(partner_c.schema_name):  # a provider still on 12
        CaseworkSettings.objects.all().delete()
        CaseworkSettings.objects.create(consent_review_months=12)
        _migrate_by_kind()
        assert CaseworkSettings.objects.get().consent_review_months == 6
        CaseworkSettings.objects.update(consent_review_months=18)  # the officer's choice
        _migrate_by_kind()
        assert CaseworkSettings.objects.get().consent_review_months == 18
    with schema_context(partner_b.schema_name):  # the support line's kind keeps 12
        CaseworkSettings.objects.all().delete()
        CaseworkSettings.objects.create(consent_review_months=12)
        _migrate_by_kind()
        assert CaseworkSettings.objects.get().consent_review_months == 12


def test_the_period_stays_editable(partner_c):
    with schema_context(partner_c.schema_name):
        consent_review_months_set(actor=user_with("data-protection"), months=9)
        assert consent_review_months() == 9
