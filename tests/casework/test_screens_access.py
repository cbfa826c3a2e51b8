"""Every casework URL against every kind of user: the owner, another practitioner, a
manager, a colleague it is shared with, a role without casework (editor) and a user of
partner B presenting partner A's ids. Refused is 404 for a record (403 only for a whole
screen a role lacks), and a refused post changes nothing."""

from datetime import date

import pytest
from django.db import connection
from guardian.models import UserObjectPermission

from casework.models import (
    CaseworkEvent,
    Consultation,
    ConsultationParticipant,
    Contact,
    Engagement,
    GroupSession,
    Programme,
    Relationship,
    Service,
    ServiceDelivery,
)
from casework.services.contacts import contact_create
from casework.services.engagements import consultation_create, delivery_create, engagement_share
from casework.services.group_sessions import BulkRow, deliveries_bulk_create
from casework.services.relationships import relationship_create
from tests.casework.screens import new_child, new_engagement, today_text, user_with
from tests.clients import signed_in

pytestmark = pytest.mark.security

WHO = ("owner", "other", "manager", "shared", "editor", "partner_b")

# url name → expected status for each of WHO, in order.
OK, NF, NO = 200, 404, 403
EXPECTED = {
    "contacts": (OK, OK, OK, OK, NO, OK),
    "contact_new": (OK, OK, OK, OK, NO, OK),
    "contact_detail": (OK, OK, OK, OK, NF, NF),
    "contact_history": (OK, OK, OK, OK, NF, NF),
    "relationship_remove": (OK, OK, OK, OK, NF, NF),
    "engagement_new": (OK, OK, OK, OK, NF, NF),
    "household": (OK, OK, OK, OK, NF, NF),
    "household_history": (OK, OK, OK, OK, NF, NF),
    "engagements": (OK, OK, OK, OK, NO, OK),
    # Another practitioner is offered emergency access instead (casework.access): 403.
    "engagement": (OK, NO, OK, OK, NF, NF),
    "engagement_history": (OK, NF, OK, OK, NF, NF),
    "delivery_new": (OK, NF, OK, OK, NF, NF),
    "consultation_new": (OK, NF, OK, OK, NF, NF),
    "close": (OK, NF, OK, OK, NF, NF),
    "share": (OK, NF, OK, NO, NF, NF),
    "bulk": (OK, OK, OK, OK, NO, OK),
    "programmes": (NO, NO, OK, NO, NO, NO),
    "home": (OK, OK, OK, OK, OK, OK),
    "cases_due": (OK, OK, OK, OK, NO, OK),
    # Changing what was recorded: contacts by any caseworker; an engagement's contents by
    # its owner and managers (a colleague it is shared with sees them but is told no).
    "contact_edit": (OK, OK, OK, OK, NF, NF),
    "household_member_remove": (OK, OK, OK, OK, NF, NF),
    "engagement_edit": (OK, NF, OK, NO, NF, NF),
    "delivery_edit": (OK, NF, OK, NO, NF, NF),
    "delivery_remove": (OK, NF, OK, NO, NF, NF),
    "consultation_edit": (OK, NF, OK, NO, NF, NF),
    "consultation_remove": (OK, NF, OK, NO, NF, NF),
    "consultation_people": (OK, NF, OK, NO, NF, NF),
    "consultation_person_remove": (OK, NF, OK, NO, NF, NF),
    "group_session": (OK, NF, OK, OK, NF, NF),
    "programme_edit": (NO, NO, OK, NO, NO, NO),
    "service_edit": (NO, NO, OK, NO, NO, NO),
}


class World:
    pass


@pytest.fixture
def world(partner_a, partner_b, programme, service):
    w = World()
    w.partner_a = partner_a
    w.users = {
        "owner": user_with("practitioner"),
        "other": user_with("practitioner"),
        "manager": user_with("manager"),
        "shared": user_with("practitioner"),
        "editor": user_with("editor"),
    }
    w.child = new_child(w.users["owner"], alerts="Secret alert")
    w.mum = contact_create(
        actor=w.users["owner"],
        kind="adult",
        first_name="Jane",
        last_name="Bunny",
        household=w.child.household,
    )
    relationship_create(actor=w.users["owner"], contact=w.mum, other=w.child, kind="mother")
    w.engagement = new_engagement(w.users["owner"], w.child, programme)
    engagement_share(actor=w.users["owner"], engagement=w.engagement, with_user=w.users["shared"])
    w.service = service
    owner = w.users["owner"]
    w.delivery = delivery_create(
        actor=owner, engagement=w.engagement, service=service, on=date.today()
    )
    w.consultation = consultation_create(
        actor=owner,
        engagement=w.engagement,
        on=date.today(),
        method="phone",
        held_with="Health visitor",
        held_with_contacts=[w.mum],
        notes="Notes",
    )
    w.nan = contact_create(actor=owner, kind="adult", first_name="Olive", last_name="Hare")
    [row] = deliveries_bulk_create(
        actor=owner,
        rows=[BulkRow(engagement=w.engagement, service=service, on=date.today())],
        anonymous_attendees=2,
        group_service=service,
        on=date.today(),
    )
    w.session = row.group_session
    connection.set_tenant(partner_b)
    w.users["partner_b"] = user_with("call-handler")
    connection.set_tenant(partner_a)
    return w


def url_of(w, key) -> str:
    c, e = w.child.public_id, w.engagement.public_id
    return {
        "contacts": "/contacts/",
        "contact_new": "/contacts/new/",
        "contact_detail": f"/contacts/{c}/",
        "contact_history": f"/contacts/{c}/history/",
        "relationship_remove": f"/contacts/{c}/relationships/{w.mum.public_id}/remove/",
        "engagement_new": f"/contacts/{c}/engagements/new/",
        "household": f"/households/{w.child.household.public_id}/",
        "household_history": f"/households/{w.child.household.public_id}/history/",
        "engagements": "/engagements/?status=all",
        "engagement": f"/engagements/{e}/",
        "engagement_history": f"/engagements/{e}/history/",
        "delivery_new": f"/engagements/{e}/deliveries/new/",
        "consultation_new": f"/engagements/{e}/consultations/new/",
        "close": f"/engagements/{e}/close/",
        "share": f"/engagements/{e}/share/",
        "bulk": "/deliveries/bulk/",
        "programmes": "/programmes/",
        "home": "/",
        "cases_due": "/cases/?status=due",
        "contact_edit": f"/contacts/{c}/change/",
        "household_member_remove": (
            f"/households/{w.child.household.public_id}/members/{w.mum.public_id}/remove/"
        ),
        "engagement_edit": f"/engagements/{e}/change/",
        "delivery_edit": f"/deliveries/{w.delivery.public_id}/change/",
        "delivery_remove": f"/deliveries/{w.delivery.public_id}/remove/",
        "consultation_edit": f"/consultations/{w.consultation.public_id}/change/",
        "consultation_remove": f"/consultations/{w.consultation.public_id}/remove/",
        "consultation_people": f"/consultations/{w.consultation.public_id}/people/",
        "consultation_person_remove": (
            f"/consultations/{w.consultation.public_id}/people/{w.mum.public_id}/remove/"
        ),
        "group_session": f"/group-sessions/{w.session.public_id}/",
        "programme_edit": f"/programmes/{w.engagement.programme.public_id}/change/",
        "service_edit": f"/services/{w.service.public_id}/change/",
    }[key]


def post_of(w, key) -> dict:
    e = str(w.engagement.public_id)
    return {
        "contact_new": {
            "kind": "adult",
            "first_name": "Forged",
            "last_name": "Person",
            "consent": "given",
        },
        "contact_detail": {"kind": "sibling", "other": str(w.mum.public_id)},
        "relationship_remove": {"reason": "Forged"},
        "engagement_new": {
            "programme": str(w.engagement.programme.public_id),
            "start_date": today_text(),
            "stage": "applied",
        },
        "household": {"address_line_1": "1 Forged Road", "postcode": "M1 1AE"},
        "delivery_new": {
            "service": str(w.service.public_id),
            "date": today_text(),
            "attendance": "attended",
        },
        "consultation_new": {
            "date": today_text(),
            "method": "phone",
            "held_with": "Someone",
            "notes": "Forged",
        },
        "close": {"closed_on": today_text(), "stage": "withdrawn"},
        "share": {"action": "share", "colleague": str(w.users["other"].public_id)},
        "bulk": {
            "service": str(w.service.public_id),
            "date": today_text(),
            "anonymous_attendees": "2",
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "0",
            "form-0-engagement": e,
            "form-0-attendance": "attended",
        },
        "programmes": {"add_programme": "1", "name": "Forged", "code_prefix": "FG"},
        "contact_edit": {
            "first_name": "Forged",
            "last_name": "Bunny",
            "date_of_birth": f"{w.child.date_of_birth:%d/%m/%Y}",
            "consent": "given",
            "reason": "Forged",
        },
        "household_member_remove": {"reason": "Forged"},
        "engagement_edit": {
            "programme": str(w.engagement.programme.public_id),
            "start_date": f"{w.engagement.start_date:%d/%m/%Y}",
            "stage": "applied",
            "referral_source": "Forged",
            "reason": "Forged",
        },
        "delivery_edit": {
            "service": str(w.service.public_id),
            "date": today_text(),
            "attendance": "absent",
            "reason": "Forged",
        },
        "delivery_remove": {"reason": "Forged"},
        "consultation_edit": {
            "date": today_text(),
            "method": "email",
            "held_with": "Forged",
            "notes": "Forged",
            "reason": "Forged",
        },
        "consultation_remove": {"reason": "Forged"},
        "consultation_people": {"add": "1", "contact": str(w.nan.public_id), "reason": "Forged"},
        "consultation_person_remove": {"reason": "Forged"},
        "group_session": {
            "service": str(w.service.public_id),
            "date": today_text(),
            "anonymous_attendees": "9",
            "reason": "Forged",
        },
        "programme_edit": {"name": "Forged", "code_prefix": "FG", "is_active": "on"},
        "service_edit": {"name": "Forged", "is_active": "on"},
    }.get(key)


def snapshot(w) -> tuple:
    connection.set_tenant(w.partner_a)
    engagement = Engagement.objects.get(pk=w.engagement.pk)
    household = w.child.household.__class__.objects.get(pk=w.child.household_id)
    return (
        Contact.objects.count(),
        Relationship.objects.count(),
        Relationship.objects.current().count(),
        Engagement.objects.count(),
        ServiceDelivery.objects.count(),
        Consultation.objects.count(),
        GroupSession.objects.count(),
        Programme.objects.count(),
        CaseworkEvent.objects.count(),
        UserObjectPermission.objects.count(),
        engagement.stage,
        engagement.owner_id,
        household.address_line_1,
        engagement.referral_source,
        tuple(Contact.objects.order_by("pk").values_list("first_name", "removed_at")),
        tuple(ServiceDelivery.objects.order_by("pk").values_list("attendance", "removed_at")),
        tuple(Consultation.objects.order_by("pk").values_list("notes", "removed_at")),
        tuple(GroupSession.objects.order_by("pk").values_list("anonymous_attendees", "date")),
        tuple(
            ConsultationParticipant.objects.order_by("pk").values_list("contact_id", "removed_at")
        ),
        tuple(Programme.objects.order_by("pk").values_list("name")),
        tuple(Service.objects.order_by("pk").values_list("name")),
    )


@pytest.mark.parametrize("key", list(EXPECTED))
@pytest.mark.parametrize("who", WHO)
def test_access_matrix(world, who, key):
    w = world
    expected = EXPECTED[key][WHO.index(who)]
    partner = w.partner_a
    if who == "partner_b":
        from tenants.models import Partner

        partner = Partner.objects.get(slug="beta")
    client = signed_in(partner, w.users[who])
    response = client.get(url_of(w, key))
    assert response.status_code == expected, (who, key, response.status_code)
    page = response.content.decode()
    if who == "partner_b" or (who == "other" and key in ("engagements", "home", "cases_due")):
        # Lists at another partner, or of someone else's work, never show it.
        assert w.child.client_id not in page and "Secret alert" not in page
    data = post_of(w, key)
    if data is None or expected == OK:
        return
    before = snapshot(w)
    response = client.post(url_of(w, key), data)
    assert response.status_code == expected, (who, key, "post", response.status_code)
    assert snapshot(w) == before


def test_the_same_posts_by_the_owner_do_change_things(world):
    """So the refused posts above are meaningful."""
    w = world
    client = signed_in(w.partner_a, w.users["owner"])
    before = snapshot(w)
    client.post(url_of(w, "delivery_new"), post_of(w, "delivery_new"))
    client.post(url_of(w, "close"), post_of(w, "close"))
    after = snapshot(w)
    assert after[4] == before[4] + 1 and after[10] == "withdrawn"
    assert Engagement.objects.get(pk=w.engagement.pk).closed_on == date.today()


@pytest.mark.parametrize(
    ("who", "keys"),
    [
        (
            "owner",
            (
                "contact_edit",
                "household_member_remove",
                "engagement_edit",
                "delivery_edit",
                "consultation_edit",
                "consultation_people",
                "group_session",
            ),
        ),
        ("owner", ("consultation_person_remove", "delivery_remove", "consultation_remove")),
        ("manager", ("programme_edit", "service_edit")),
    ],
)
def test_the_same_edits_by_those_allowed_do_change_things(world, who, keys):
    """So the refused edits above are meaningful: each allowed post changes the snapshot."""
    w = world
    client = signed_in(w.partner_a, w.users[who])
    for key in keys:
        before = snapshot(w)
        response = client.post(url_of(w, key), post_of(w, key))
        assert response.status_code == 302, (key, response.content.decode()[:2000])
        assert snapshot(w) != before, key


@pytest.mark.parametrize("who", WHO)
def test_the_person_pickers_search_for_every_kind_of_user(world, who):
    """POST /people/find/ (the pickers' search as you type): casework roles of partner A
    find A's child; a role without casework is refused; partner B finds nothing of A."""
    w = world
    expected = {"editor": NO}.get(who, OK)
    partner = w.partner_a
    if who == "partner_b":
        from tenants.models import Partner

        partner = Partner.objects.get(slug="beta")
    client = signed_in(partner, w.users[who])
    response = client.post("/people/find/", {"q": "Sam Bunny"})
    assert response.status_code == expected, (who, response.status_code)
    found = str(w.child.public_id) in response.content.decode()
    assert found == (who not in ("editor", "partner_b")), who
    assert "Secret alert" not in response.content.decode()
