"""Who sees which engagement: owner, other practitioner, manager, shared-with, another partner."""

from datetime import date

import pytest
from django.db import connection

from casework.policy import CaseworkRefused
from casework.selectors import deliveries_visible_to, engagement_get, engagements_visible_to
from casework.services.engagements import (
    delivery_create,
    engagement_open,
    engagement_reassign,
    engagement_share,
)
from tests.tenants.accounts.helpers import make_user

pytestmark = pytest.mark.security


@pytest.fixture
def engagement(practitioner, child, programme):
    return engagement_open(
        actor=practitioner, contact=child, programme=programme, start_date=date.today()
    )


def visible(user, engagement) -> bool:
    return engagements_visible_to(user=user).filter(pk=engagement.pk).exists()


def test_owner_and_manager_see_it_other_practitioner_does_not(
    practitioner, other_practitioner, manager, engagement, service
):
    delivery_create(actor=practitioner, engagement=engagement, service=service, on=date.today())
    assert visible(practitioner, engagement) and visible(manager, engagement)
    assert not visible(other_practitioner, engagement)
    assert engagement_get(user=other_practitioner, public_id=engagement.public_id) is None
    assert deliveries_visible_to(user=other_practitioner).count() == 0
    assert deliveries_visible_to(user=manager).count() == 1
    with pytest.raises(CaseworkRefused):
        delivery_create(
            actor=other_practitioner, engagement=engagement, service=service, on=date.today()
        )


def test_sharing_gives_sight_and_stopping_takes_it_away(
    practitioner, other_practitioner, engagement
):
    engagement_share(actor=practitioner, engagement=engagement, with_user=other_practitioner)
    assert visible(other_practitioner, engagement)
    engagement_share(
        actor=practitioner, engagement=engagement, with_user=other_practitioner, share=False
    )
    assert not visible(other_practitioner, engagement)
    assert list(engagement.events.values_list("action", flat=True)[:2]) == [
        "engagement.unshare",
        "engagement.share",
    ]


def test_only_owner_or_manager_shares_and_only_managers_reassign(
    practitioner, other_practitioner, manager, engagement
):
    with pytest.raises(CaseworkRefused):
        engagement_share(
            actor=other_practitioner, engagement=engagement, with_user=other_practitioner
        )
    with pytest.raises(CaseworkRefused):
        engagement_reassign(actor=practitioner, engagement=engagement, new_owner=other_practitioner)
    engagement_reassign(actor=manager, engagement=engagement, new_owner=other_practitioner)
    assert visible(other_practitioner, engagement) and not visible(practitioner, engagement)


def test_roles_without_casework_see_nothing(in_partner_a, engagement):
    editor = make_user(role_key="editor")
    assert not visible(editor, engagement)


def test_a_user_of_another_partner_finds_nothing(engagement, partner_b):
    public_id = engagement.public_id
    connection.set_tenant(partner_b)
    try:
        from tenants.accounts.models import User

        supervisor_b = make_user(role_key="supervisor")
        assert engagements_visible_to(user=supervisor_b).count() == 0
        assert engagement_get(user=supervisor_b, public_id=public_id) is None
        assert (
            User.objects.filter(pk=engagement.owner_id, username=engagement.owner.username).count()
            == 0
        )
    finally:
        connection.set_schema_to_public()
