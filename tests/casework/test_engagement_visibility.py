"""Engagement visibility is written twice, for good reasons: in Python for one record
(casework.policy.can_see_engagement) and in SQL for lists (casework.selectors.
engagements_visible_to, filtered before anything is counted or paged). This proves they
agree for every kind of user of the access matrix, on engagements owned, shared,
unshared, reassigned and closed, and for users deactivated since."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from casework import policy, selectors
from casework.access.models import EmergencyAccess
from casework.access.services import emergency_access_ask
from casework.services.engagements import engagement_close, engagement_reassign, engagement_share
from tests.casework.screens import new_child, new_engagement, user_with

pytestmark = pytest.mark.security


def test_the_python_check_and_the_sql_filter_agree(partner_a, programme):
    users = {
        "owner": user_with("practitioner"),
        "other": user_with("practitioner"),
        "manager": user_with("manager"),
        "shared": user_with("practitioner"),
        "unshared": user_with("practitioner"),
        "editor": user_with("editor"),
        "gone": user_with("practitioner"),
        "glass": user_with("practitioner"),
        "glass_ended": user_with("practitioner"),
    }
    owner = users["owner"]
    engagements = {
        "owned": new_engagement(owner, new_child(owner), programme),
        "shared": new_engagement(owner, new_child(owner, first="Mia"), programme),
        "closed": new_engagement(owner, new_child(owner, first="Leo"), programme),
        "reassigned": new_engagement(owner, new_child(owner, first="Ada"), programme),
        "others": new_engagement(users["other"], new_child(users["other"]), programme),
        "gone_owns": new_engagement(users["gone"], new_child(users["gone"]), programme),
    }
    for key in ("shared", "closed"):
        engagement_share(actor=owner, engagement=engagements[key], with_user=users["shared"])
    engagement_share(actor=owner, engagement=engagements["shared"], with_user=users["unshared"])
    engagement_share(
        actor=owner, engagement=engagements["shared"], with_user=users["unshared"], share=False
    )
    engagement_share(actor=owner, engagement=engagements["owned"], with_user=users["gone"])
    engagement_close(actor=owner, engagement=engagements["closed"], closed_on=date.today())
    engagement_reassign(
        actor=users["manager"], engagement=engagements["reassigned"], new_owner=users["other"]
    )
    # Emergency access (casework.access): a live grant lets in, an ended one no longer.
    emergency_access_ask(actor=users["glass"], engagement=engagements["others"], reason="Urgent")
    ended = emergency_access_ask(
        actor=users["glass_ended"], engagement=engagements["others"], reason="Urgent"
    )
    EmergencyAccess.objects.filter(pk=ended.pk).update(expires_at=timezone.now())
    users["gone"].is_active = False
    users["gone"].save(update_fields=["is_active"])

    seen = {}
    for who, user in [*users.items(), ("anonymous", AnonymousUser())]:
        in_sql = set(selectors.engagements_visible_to(user=user).values_list("pk", flat=True))
        for what, engagement in engagements.items():
            engagement.refresh_from_db()
            in_python = policy.can_see_engagement(user, engagement)
            assert in_python == (engagement.pk in in_sql), (who, what, in_python)
            seen[who, what] = in_python
    # Both can fail: the cases cover seeing and not seeing, each for several reasons.
    assert seen["owner", "owned"] and seen["manager", "others"] and seen["shared", "shared"]
    assert seen["shared", "closed"] and seen["other", "reassigned"]
    assert not seen["other", "owned"] and not seen["unshared", "shared"]
    assert not seen["owner", "reassigned"] and not seen["editor", "owned"]
    assert not seen["gone", "gone_owns"] and not seen["anonymous", "owned"]
    assert seen["glass", "others"] and not seen["glass", "owned"]
    assert not seen["glass_ended", "others"]
