"""Incidents on a contact: raised with their details (bad input names the field), a
high-severity one tells the line manager and the DSLs once committed and offers a
safeguarding case filled in from it, corrections keep a reason and the version before,
the partner's own list of types, the side panel and the home page, and every screen
refusing who may not see it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casework.incidents import selectors, services
from casework.incidents.models import Incident, IncidentEvent, IncidentType
from casework.safeguarding.selectors import dsls
from casework.worklist.models import Notification
from tests.casework.screens import body, new_child, new_engagement, today_text, user_with
from tests.clients import signed_in


class World:
    pass


@pytest.fixture
def w(partner_a, partner_b, programme):
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.manager = user_with("manager")
    w.owner = user_with("practitioner")
    w.owner.line_manager = w.manager
    w.owner.save(update_fields=["line_manager"])
    w.other = user_with("practitioner")
    w.dsl = user_with("dsl")
    w.editor = user_with("editor")
    w.child = new_child(w.owner)
    w.sibling = new_child(w.owner, first="Ruby", household=w.child.household)
    w.engagement = new_engagement(w.owner, w.child, programme)
    w.injury = IncidentType.objects.get(name="Injury")
    w.incident = services.incident_raise(
        actor=w.owner,
        contact=w.child,
        happened_at=timezone.now() - timedelta(hours=3),
        kind=w.injury,
        severity="medium",
        location="Garden",
        description="Fell from the slide marker",
        people=[w.sibling],
        immediate_action="First aid",
    )
    connection.set_tenant(partner_b)
    w.stranger = user_with("call-handler")
    connection.set_tenant(partner_a)
    return w


def test_the_default_types_are_seeded_and_kept_by_managers(w):
    names = list(IncidentType.objects.values_list("name", flat=True))
    assert names[:5] == ["Injury", "Behaviour", "Missing from home", "Allegation", "Other"]
    client = signed_in(w.partner_a, w.manager)
    assert client.post("/incidents/types/", {"name": "Self-harm"}).status_code == 302
    assert body(client.post("/incidents/types/", {"name": "injury"})).count("already a type") >= 1
    assert client.post("/incidents/types/", {"retire": str(w.injury.pk)}).status_code == 302
    w.injury.refresh_from_db()
    assert not w.injury.in_use
    assert w.injury not in selectors.incident_types(user=w.owner)
    # The incident keeps its retired type, and is corrected without changing it.
    services.incident_correct(actor=w.owner, incident=w.incident, reason="Time", location="Yard")
    with pytest.raises(services.policy.CaseworkRefused):
        services.incident_type_add(actor=w.owner, name="Mine")


def test_bad_input_names_the_field(w):
    with pytest.raises(ValidationError) as refused:
        services.incident_raise(
            actor=w.owner,
            contact=w.child,
            happened_at=timezone.now() + timedelta(days=1),
            kind=None,
            severity="extreme",
            description=" ",
        )
    assert set(refused.value.message_dict) == {"happened_at", "kind", "severity", "description"}
    client = signed_in(w.partner_a, w.owner)
    page = body(
        client.post(f"/contacts/{w.child.public_id}/incidents/new/", {"happened_on": "31/02/2020"})
    )
    assert "Describe what happened." in page and "Choose low, medium or high." in page


def test_a_high_severity_incident_tells_those_who_must_know(w, django_capture_on_commit_callbacks):
    client = signed_in(w.partner_a, w.owner)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            f"/contacts/{w.child.public_id}/incidents/new/",
            {
                "happened_on": today_text(),
                "happened_time": "00:01",
                "kind": str(IncidentType.objects.get(name="Allegation").pk),
                "severity": "high",
                "location": "Nursery",
                "description": "Allegation marker",
                "people": [str(w.sibling.public_id)],
                "follow_up_needed": "on",
            },
        )
    assert response.status_code == 302 and callbacks  # told once committed
    incident = Incident.objects.get(description="Allegation marker")
    assert list(incident.people.all()) == [w.sibling]
    told = Notification.objects.filter(dedupe_key=f"incident:{incident.public_id}:high")
    told_to = set(told.values_list("recipient", flat=True))
    # The line manager and every DSL of the partner (others than this test's may exist).
    assert {w.manager.pk, w.dsl.pk} <= told_to and w.owner.pk not in told_to
    assert told_to - {w.manager.pk} == set(dsls().values_list("pk", flat=True))
    assert "Allegation marker" not in told.first().title  # titles go into emails
    # The medium one told nobody.
    assert not Notification.objects.filter(dedupe_key__contains=str(w.incident.public_id)).exists()
    page = body(client.get(response["Location"]))
    assert "Raise a safeguarding case" in page
    assert f"/engagements/{w.engagement.public_id}/cases/new/?description=Allegation" in page
    form = body(
        client.get(
            f"/engagements/{w.engagement.public_id}/cases/new/?description=Allegation+marker&threshold=high"
        )
    )
    assert "Allegation marker</textarea>" in form
    # The home page of the DSL and the manager; the side panel of the contact.
    assert "Allegation" in body(signed_in(w.partner_a, w.dsl).get("/"))
    assert 'data-testid="home-incidents"' in body(signed_in(w.partner_a, w.manager).get("/"))
    assert 'data-testid="home-incidents"' not in body(client.get("/"))
    assert 'data-testid="recent-incidents"' in body(client.get(f"/contacts/{w.child.public_id}/"))


def test_corrections_keep_the_reason_and_the_version_before(w):
    with pytest.raises(ValidationError):
        services.incident_correct(actor=w.owner, incident=w.incident, reason="", severity="low")
    with pytest.raises(services.policy.CaseworkRefused):
        services.incident_correct(actor=w.other, incident=w.incident, reason="No", severity="low")
    client = signed_in(w.partner_a, w.dsl)
    page = body(client.get(f"/incidents/{w.incident.public_id}/correct/"))
    assert "Fell from the slide marker" in page
    services.incident_correct(
        actor=w.dsl,
        incident=w.incident,
        reason="It was the climbing frame",
        location="Climbing frame",
    )
    assert IncidentEvent.objects.filter(pgh_obj=w.incident).count() == 2
    page = body(client.get(f"/incidents/{w.incident.public_id}/history/"))
    assert "It was the climbing frame" in page and "Garden" in page


def test_the_tab_costs_the_same_for_many(w, django_assert_max_num_queries):
    client = signed_in(w.partner_a, w.owner)
    url = f"/contacts/{w.child.public_id}/incidents/"
    assert "Incidents (1)" in body(client.get(url))
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        services.incident_raise(
            actor=w.owner,
            contact=w.child,
            happened_at=timezone.now(),
            kind=w.injury,
            severity="low",
            description="More",
            people=[w.sibling],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


OK, NF, NO = 200, 404, 403
WHO = ("owner", "other", "manager", "dsl", "editor", "stranger")
EXPECTED = {
    "contact_incidents": (OK, OK, OK, OK, NF, NF),
    "contact_incident_new": (OK, OK, OK, OK, NF, NF),
    "incident_detail": (OK, OK, OK, OK, NF, NF),
    "incident_correct": (OK, NO, OK, OK, NF, NF),
    "incident_history": (OK, OK, OK, OK, NF, NF),
    # Managers and DSLs (who answer for incidents) keep the list.
    "incident_types": (NO, NO, OK, OK, NO, NO),
}


def test_every_incidents_screen_refuses_who_may_not_see_it(w, client_a):
    c, i = w.child.public_id, w.incident.public_id
    urls = {
        "contact_incidents": f"/contacts/{c}/incidents/",
        "contact_incident_new": f"/contacts/{c}/incidents/new/",
        "incident_detail": f"/incidents/{i}/",
        "incident_correct": f"/incidents/{i}/correct/",
        "incident_history": f"/incidents/{i}/history/",
        "incident_types": "/incidents/types/",
    }
    before = (Incident.objects.count(), IncidentType.objects.count())
    clients = {
        who: signed_in(w.partner_b if who == "stranger" else w.partner_a, getattr(w, who))
        for who in WHO
    }
    connection.set_tenant(w.partner_a)
    for name, url in urls.items():
        for who, expected in zip(WHO, EXPECTED[name], strict=True):
            client = clients[who]
            assert client.get(url).status_code == expected, (who, name)
            if expected != OK:
                client.post(url, {"name": "Forged", "description": "Forged", "reason": "Forged"})
            connection.set_tenant(w.partner_a)
        response = client_a.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], name
    assert (Incident.objects.count(), IncidentType.objects.count()) == before
