"""Assessments a partner designs: versioned templates (a completed assessment renders the
same after a new version is published), answers checked per question type, completion
fixed (the database refuses a rewrite) and corrected beside it, approval never by who
completed it, the defaults per partner kind, the domain chart, and every screen refusing
who may not see it."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test.utils import CaptureQueriesContext

from casework.assessments import selectors, services
from casework.assessments.models import (
    Assessment,
    AssessmentCorrection,
    AssessmentDecision,
    AssessmentTemplate,
    TemplateVersion,
)
from casework.services.engagements import engagement_share
from tenants.accounts import capabilities as cap
from tests.casework.screens import body, new_child, new_engagement, user_with
from tests.clients import signed_in
from tests.partners import PASSWORD
from tests.tenants.accounts.helpers import make_user


class World:
    pass


def _template(manager, *, requires_approval=False):
    t = services.template_create(
        actor=manager, name="Home check", requires_approval=requires_approval
    )
    services.template_domain_add(actor=manager, template=t, label="Housing")
    services.template_section_add(actor=manager, template=t, title="Home")
    add = services.template_question_add
    add(actor=manager, template=t, section=0, label="Who lives there", kind="text", required=True)
    add(actor=manager, template=t, section=0, label="Rooms", kind="number")
    add(actor=manager, template=t, section=0, label="Moved in", kind="date")
    add(
        actor=manager,
        template=t,
        section=0,
        label="Tenure",
        kind="single",
        choices=["Rented", "Owned"],
    )
    add(
        actor=manager,
        template=t,
        section=0,
        label="Help",
        kind="multiple",
        choices=["Benefits", "Repairs", "Debt"],
    )
    add(actor=manager, template=t, section=0, label="Damp", kind="yes_no")
    add(actor=manager, template=t, section=0, label="Mood", kind="scale5")
    add(
        actor=manager,
        template=t,
        section=0,
        label="Housing score",
        kind="scale10",
        required=True,
        domain="housing",
    )
    services.template_publish(actor=manager, template=t)
    t.refresh_from_db()
    return t


GOOD = {
    "who_lives_there": "Mum and Sam",
    "rooms": "3",
    "moved_in": "2024-05-01",
    "tenure": "Rented",
    "help": ["Debt", "Benefits"],
    "damp": "yes",
    "mood": "4",
    "housing_score": "6",
}


@pytest.fixture
def w(partner_a, partner_b, programme):
    w = World()
    w.partner_a, w.partner_b = partner_a, partner_b
    w.owner = user_with("practitioner")
    w.other = user_with("practitioner")
    w.shared = user_with("practitioner")
    w.manager = user_with("manager")
    w.dsl = user_with("dsl")
    w.child = new_child(w.owner)
    w.engagement = new_engagement(w.owner, w.child, programme)
    engagement_share(actor=w.owner, engagement=w.engagement, with_user=w.shared)
    w.template = _template(w.manager, requires_approval=True)
    w.done = services.assessment_start(actor=w.owner, engagement=w.engagement, template=w.template)
    services.assessment_answers_save(actor=w.owner, assessment=w.done, answers=GOOD, complete=True)
    w.draft = services.assessment_start(actor=w.owner, engagement=w.engagement, template=w.template)
    connection.set_tenant(partner_b)
    w.stranger = user_with("call-handler")
    # A support line's supervisor given the right to build templates there.
    w.stranger_manager = make_user(
        role_key="supervisor",
        password=PASSWORD,
        privileges=(cap.MANAGE_PROGRAMMES, cap.RECORD_CASEWORK, cap.VIEW_ALL_CASEWORK),
    )
    connection.set_tenant(partner_a)
    return w


def _answers_html(page: str) -> str:
    return re.search(r'<section id="assessment-answers".*?</section>', page, re.S).group(0)


def test_a_completed_assessment_renders_the_same_after_a_new_version(w):
    client = signed_in(w.partner_a, w.owner)
    url = f"/assessments/{w.done.public_id}/"
    before = _answers_html(body(client.get(url)))
    assert "Mum and Sam" in before and "6 out of 10" in before and "Benefits, Debt" in before
    # The manager renames a question, removes one and publishes version 2.
    t = w.template
    t.refresh_from_db()
    services.template_item_remove(actor=w.manager, template=t, section=0, question=1)
    services.template_item_move(actor=w.manager, template=t, section=0, question=0, up=False)
    services.template_question_add(
        actor=w.manager, template=t, section=0, label="Garden", kind="yes_no"
    )
    v2 = services.template_publish(actor=w.manager, template=t)
    assert v2.number == 2
    connection.set_tenant(w.partner_a)
    assert _answers_html(body(client.get(url))) == before
    # New assessments use version 2; version 1 is frozen in the database.
    new = services.assessment_start(actor=w.owner, engagement=w.engagement, template=t)
    assert new.version == v2
    with pytest.raises(DatabaseError), transaction.atomic():
        TemplateVersion.objects.filter(number=1, template=t).update(definition={})


def test_answers_are_checked_per_question_type(w):
    bad = {
        "rooms": "three",
        "moved_in": "31/02/2024",
        "tenure": "Squat",
        "help": ["Benefits", "Cake"],
        "damp": "maybe",
        "mood": "6",
        "housing_score": "11",
        "nonsense": "x",
    }
    with pytest.raises(ValidationError) as caught:
        services.assessment_answers_save(actor=w.owner, assessment=w.draft, answers=bad)
    errors = caught.value.message_dict
    assert set(errors) == set(bad)
    assert errors["rooms"] == ["Enter a number, like 3 or 2.5."]
    assert errors["mood"] == ["Choose a whole number from 1 to 5."]
    assert errors["housing_score"] == ["Choose a whole number from 0 to 10."]
    # A draft saves without its required answers; completing asks for them.
    services.assessment_answers_save(actor=w.owner, assessment=w.draft, answers={"rooms": "2.5"})
    with pytest.raises(ValidationError) as caught:
        services.assessment_answers_save(
            actor=w.owner, assessment=w.draft, answers={}, complete=True
        )
    assert set(caught.value.message_dict) == {"who_lives_there", "housing_score"}
    # The portal names the same fields.
    client = signed_in(w.partner_a, w.owner)
    url = f"/assessments/{w.draft.public_id}/"
    page = body(client.post(url, {"q_mood": "9", "complete": "1"}))
    assert "Choose one of the answers offered." in page
    page = body(client.post(url, {"q_mood": "4", "q_rooms": "2.5", "complete": "1"}))
    assert page.count("Answer this question: it is required.") >= 2
    w.draft.refresh_from_db()
    assert w.draft.status == "draft" and w.draft.answers == {"rooms": 2.5}


def test_completion_scores_fixes_and_is_corrected_beside_it(w):
    w.done.refresh_from_db()
    assert w.done.scores == {"housing": 6.0} and float(w.done.total_score) == 6.0
    assert w.done.answers["help"] == ["Benefits", "Debt"] and w.done.answers["damp"] is True
    with pytest.raises(PermissionDenied):
        services.assessment_answers_save(actor=w.owner, assessment=w.done, answers=GOOD)
    with pytest.raises(DatabaseError), transaction.atomic():
        Assessment.objects.filter(pk=w.done.pk).update(answers={})
    with pytest.raises(PermissionDenied):
        services.assessment_correct(actor=w.shared, assessment=w.done, kind="corrected", text="x")
    services.assessment_correct(
        actor=w.owner, assessment=w.done, kind="corrected", text="Housing was 5."
    )
    page = body(signed_in(w.partner_a, w.manager).get(f"/assessments/{w.done.public_id}/"))
    assert "Housing was 5." in page


def test_approval_is_once_and_never_by_who_completed_it(w):
    with pytest.raises(PermissionDenied):
        services.assessment_decide(actor=w.owner, assessment=w.done, approve=True, comment="")
    w.done.completed_by = w.manager  # a manager who completed it may not approve it either
    with pytest.raises(PermissionDenied):
        services.assessment_decide(actor=w.manager, assessment=w.done, approve=True, comment="")
    w.done.refresh_from_db()
    with pytest.raises(ValidationError):
        services.assessment_decide(actor=w.dsl, assessment=w.done, approve=False, comment="")
    client = signed_in(w.partner_a, w.dsl)
    response = client.post(f"/assessments/{w.done.public_id}/decide/", {"outcome": "approve"})
    assert response.status_code == 302
    with pytest.raises(ValidationError):
        services.assessment_decide(actor=w.manager, assessment=w.done, approve=True, comment="")
    assert AssessmentDecision.objects.get().outcome == "approved"


def test_defaults_per_kind_and_templates_are_the_partners_own(w, partner_c):
    offered = {t.name for t in selectors.templates_offered(user=w.owner)}
    assert offered == {"Initial family assessment", "Home check"}
    connection.set_tenant(w.partner_b)
    assert {t.name for t in selectors.templates_offered(user=w.stranger)} == {"Needs check"}
    assert selectors.template_get(user=w.stranger_manager, public_id=w.template.public_id) is None
    connection.set_tenant(partner_c)
    assert {t.name for t in AssessmentTemplate.objects.all()} >= {"Employment readiness assessment"}
    connection.set_tenant(w.partner_a)


def test_the_builder_works_from_plain_forms(w):
    client = signed_in(w.partner_a, w.manager)
    response = client.post("/assessment-templates/", {"name": "Safety plan"})
    assert response.status_code == 302
    url = response["Location"]
    assert client.post(url, {"action": "section", "title": "Risks"}).status_code == 302
    assert client.post(url, {"action": "domain", "label": "Safety"}).status_code == 302
    page = body(
        client.post(
            url,
            {
                "action": "question",
                "section": "0",
                "label": "Pick",
                "kind": "single",
                "choices": "only one",
            },
        )
    )
    assert "Enter at least two choices, one a line." in page
    page = body(client.post(url, {"action": "publish"}))
    assert "No question scores the domain" in page
    for label in ("Safe at home", "Safe at school"):
        client.post(
            url,
            {
                "action": "question",
                "section": "0",
                "label": label,
                "kind": "scale10",
                "domain": "safety",
                "required": "on",
            },
        )
    assert client.post(url, {"action": "down", "section": "0", "question": "0"}).status_code == 302
    assert client.post(url, {"action": "publish"}).status_code == 302
    version = TemplateVersion.objects.get(name="Safety plan")
    labels = [q["label"] for q in version.definition["sections"][0]["questions"]]
    assert labels == ["Safe at school", "Safe at home"]


def test_the_tab_shows_each_domain_over_time_at_a_constant_cost(w, django_assert_max_num_queries):
    client = signed_in(w.partner_a, w.owner)
    url = f"/engagements/{w.engagement.public_id}/assessments/"
    with CaptureQueriesContext(connection) as few:
        page = body(client.get(url))
    assert 'data-testid="assessments-tab"' in page and "Assessments (2)" in page
    assert "Housing</strong>: 6.0 out of 10 now" in page and "<svg" in page
    for score in ("3", "8"):
        a = services.assessment_start(actor=w.owner, engagement=w.engagement, template=w.template)
        services.assessment_answers_save(
            actor=w.owner, assessment=a, complete=True, answers={**GOOD, "housing_score": score}
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = body(client.get(url))
    assert "Housing</strong>: 8.0 out of 10 now, 6.0 at first" in page
    contact_page = body(client.get(f"/contacts/{w.child.public_id}/assessments/"))
    assert "Assessments (4)" in contact_page
    other = body(signed_in(w.partner_a, w.other).get(f"/contacts/{w.child.public_id}/assessments/"))
    assert "Assessments (0)" in other and "Housing" not in other


def _urls(w):
    t, e, c = w.template.public_id, w.engagement.public_id, w.child.public_id
    return {
        "assessment_templates": "/assessment-templates/",
        "assessment_template": f"/assessment-templates/{t}/",
        "contact_assessments": f"/contacts/{c}/assessments/",
        "engagement_assessments": f"/engagements/{e}/assessments/",
        "assessment_detail": f"/assessments/{w.done.public_id}/",
        "assessment_correct": f"/assessments/{w.done.public_id}/correct/",
        "assessment_decide": f"/assessments/{w.done.public_id}/decide/",
    }


OK, NF, NO = 200, 404, 403
WHO = ("owner", "other", "shared", "manager", "dsl", "stranger", "stranger_manager")
EXPECTED = {
    # Managers (and DSLs, who have a manager's rights) build templates; never another's.
    "assessment_templates": (NO, NO, NO, OK, OK, NO, OK),
    "assessment_template": (NO, NO, NO, OK, OK, NO, NF),
    "contact_assessments": (OK, OK, OK, OK, OK, NF, NF),
    "engagement_assessments": (OK, NF, OK, OK, OK, NF, NF),
    "assessment_detail": (OK, NF, OK, OK, OK, NF, NF),
    # Who completed it, a manager or a DSL.
    "assessment_correct": (OK, NF, NO, OK, OK, NF, NF),
    # A manager or DSL who did not complete it.
    "assessment_decide": (NO, NF, NO, OK, OK, NF, NF),
}


def test_every_assessment_screen_refuses_who_may_not_see_it(w):
    """Every URL for every role in one world (one fixture, not one per URL)."""
    before = (Assessment.objects.count(), AssessmentCorrection.objects.count())
    clients = {
        who: signed_in(w.partner_b if who.startswith("stranger") else w.partner_a, getattr(w, who))
        for who in WHO
    }
    connection.set_tenant(w.partner_a)
    forged = {
        "kind": "error",
        "text": "Forged",
        "template": str(w.template.public_id),
        "outcome": "approve",
        "action": "publish",
    }
    for name, url in _urls(w).items():
        for who, expected in zip(WHO, EXPECTED[name], strict=True):
            client = clients[who]
            assert client.get(url).status_code == expected, (who, name)
            if expected != OK:
                client.post(url, forged)
            connection.set_tenant(w.partner_a)
    assert (Assessment.objects.count(), AssessmentCorrection.objects.count()) == before
    assert not AssessmentDecision.objects.exists()
    assert TemplateVersion.objects.filter(template=w.template).count() == 1
