"""Assessments through the API: templates with typed questions, start, save (answers
typed by question, errors naming the question), complete, and who may read them."""

from graphql import parse

from casework.assessments import services
from casework.assessments.models import AssessmentTemplate
from graphql_api.assessments import queries
from graphql_api.assessments.queries import ASSESSMENTS_MAX
from graphql_api.limits import LIST_BOUNDS, NOT_YET_BOUNDED, query_cost
from graphql_api.schema import schema
from tests.graphql_api.helpers import global_id, run

TEMPLATES = """{ assessmentTemplates { id name requiresApproval
  versions { number }
  latestVersion { number sections questions { key section kind required choices domain }
                  domains { key label } } } }"""
READ = """query($c: ID, $e: ID) { assessments(contactId: $c, engagementId: $e) {
  id status totalScore approval corrections version { number }
  answers { questionKey kind text number date choice choices yes scale }
  scores { key label score } } }"""
START = """mutation($e: ID!, $t: ID!) { assessmentStart(engagementId: $e, templateId: $t) {
  assessment { id status } errors { field message code } } }"""
SAVE = """mutation($a: ID!, $answers: [AnswerInput!]!, $complete: Boolean!) {
  assessmentSave(assessmentId: $a, answers: $answers, complete: $complete) {
  assessment { status totalScore answers { questionKey date choices yes scale } }
  errors { field message code } } }"""


def test_fill_an_assessment_through_the_api(world, django_assert_max_num_queries):
    owner = world.users["owner"]
    result = run(owner, TEMPLATES)
    assert result.errors is None, result.errors
    data = result.data["assessmentTemplates"]
    [family] = [t for t in data if t["name"] == "Initial family assessment"]
    kinds = {q["kind"] for q in family["latestVersion"]["questions"]}
    assert {"date", "text", "number", "multiple", "scale10", "yes_no"} <= kinds
    template = AssessmentTemplate.objects.get(name="Initial family assessment")
    e = global_id("Engagement", world.engagement)
    started = run(owner, START, {"e": e, "t": global_id("AssessmentTemplate", template)})
    assessment = started.data["assessmentStart"]["assessment"]
    assert assessment["status"] == "draft"
    bad = [{"questionKey": "housing_score", "scale": 12}, {"questionKey": "worries", "yes": True}]
    result = run(owner, SAVE, {"a": assessment["id"], "answers": bad, "complete": True})
    errors = {e["field"]: e["message"] for e in result.data["assessmentSave"]["errors"]}
    assert errors["housingScore"] == "Choose a whole number from 0 to 10."
    assert errors["household"] == "Answer this question: it is required."
    good = [
        {"questionKey": "assessed_on", "date": "2026-03-02"},
        {"questionKey": "household", "text": "Mum and the child"},
        {"questionKey": "support_now", "choices": ["School", "Family"]},
        {"questionKey": "worries", "yes": False},
        *({"questionKey": f"{k}_score", "scale": 5} for k in ("housing", "health", "education")),
        {"questionKey": "safety_score", "scale": 9},
    ]
    result = run(owner, SAVE, {"a": assessment["id"], "answers": good, "complete": True})
    saved = result.data["assessmentSave"]
    assert saved["errors"] == [] and saved["assessment"]["status"] == "completed"
    assert saved["assessment"]["totalScore"] == 24.0
    by_key = {a["questionKey"]: a for a in saved["assessment"]["answers"]}
    assert by_key["assessed_on"]["date"] == "2026-03-02"
    assert by_key["support_now"]["choices"] == ["School", "Family"]
    assert by_key["worries"]["yes"] is False and by_key["safety_score"]["scale"] == 9
    again = run(owner, SAVE, {"a": assessment["id"], "answers": good, "complete": False})
    assert again.data["assessmentSave"]["errors"][0]["code"] == "REFUSED"
    # Who may read: the engagement's readers; another practitioner gets nothing.
    for who in ("owner", "shared", "manager"):
        [read] = run(world.users[who], READ, {"e": e}).data["assessments"]
        assert read["scores"][3] == {"key": "safety", "label": "Safety", "score": 9.0}
    assert run(world.users["other"], READ, {"e": e}).data["assessments"] is None
    c = global_id("Contact", world.child)
    assert run(world.users["other"], READ, {"c": c}).data["assessments"] == []
    # A constant number of queries, however many assessments.
    with django_assert_max_num_queries(12) as few:
        run(owner, READ, {"c": c})
    for _ in range(3):
        a = services.assessment_start(actor=owner, engagement=world.engagement, template=template)
        services.assessment_answers_save(actor=owner, assessment=a, answers={"household": "x"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(run(owner, READ, {"c": c}).data["assessments"]) == 4


FIRST = """query($c: ID, $first: Int!) { assessments(contactId: $c, first: $first) { id } }"""


def test_a_records_assessments_are_bounded_newest_first(world, monkeypatch):
    """Issue 22: the list was unbounded (counted at a guess by the cost limit); now it
    gives the newest `first`, never more than ASSESSMENTS_MAX, and the cost counts that."""
    owner = world.users["owner"]
    template = AssessmentTemplate.objects.get(name="Initial family assessment")
    started = [
        services.assessment_start(actor=owner, engagement=world.engagement, template=template)
        for _ in range(4)
    ]
    c = global_id("Contact", world.child)
    newest = [a["id"] for a in run(owner, READ, {"c": c}).data["assessments"]]
    assert len(newest) == 4
    assert {i for i in newest} == {global_id("Assessment", a) for a in started}
    assert [a["id"] for a in run(owner, FIRST, {"c": c, "first": 2}).data["assessments"]] == (
        newest[:2]
    )
    monkeypatch.setattr(queries, "ASSESSMENTS_MAX", 3)
    assert len(run(owner, FIRST, {"c": c, "first": 100}).data["assessments"]) == 3
    assert len(run(owner, FIRST, {"c": c, "first": 0}).data["assessments"]) == 1
    # Still null for a record you may not see, whatever `first`.
    e = global_id("Engagement", world.engagement)
    other = run(
        world.users["other"],
        "query($e: ID) { assessments(engagementId: $e, first: 5) { id } }",
        {"e": e},
    )
    assert other.data["assessments"] is None
    assert ("Query", "assessments") not in NOT_YET_BOUNDED
    assert LIST_BOUNDS[("Query", "assessments")] == ASSESSMENTS_MAX
    # The cost counts what is asked (20 when not), never more than the maximum.
    for first, counted in (("", 20), (", first: 3", 3), (", first: 500", ASSESSMENTS_MAX)):
        asked = parse('{ assessments(contactId: "x"' + first + ") { id } }")
        assert query_cost(schema._schema, asked, {}) == counted
