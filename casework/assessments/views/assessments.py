"""Assessment screens: the Assessments tab of a contact or an engagement (with each
domain's score over time), starting one, filling and completing it, reading it (always
with the version it was filled in with), correcting and approving it. Thin: parse with a
form, call one service or selector, render. What the user may not see is 404."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.assessments import charts, policy, selectors, services
from casework.assessments import definition as d
from casework.assessments.forms import AnswersForm, DecisionForm, StartForm, field_name
from casework.views_common import found
from tenants.accounts.views_common import form_done, help_key
from tenants.views.corrections import correction_page


class Record:
    def __init__(self, *, contact=None, engagement=None):
        self.engagement = engagement
        self.contact = engagement.contact if engagement is not None else contact
        if engagement is not None:
            key = engagement.public_id
            self.label = "engagement"
            self.title = f"{engagement.programme.name} – {self.contact.display_name}"
            self.url = reverse("engagement_detail", args=[key])
            self.tab_url = reverse("engagement_assessments", args=[key])
        else:
            self.label = "contact"
            self.title = f"{self.contact.display_name} ({self.contact.client_id})"
            self.url = reverse("contact_detail", args=[self.contact.public_id])
            self.tab_url = reverse("contact_assessments", args=[self.contact.public_id])

    def on(self) -> dict:
        return {"contact": self.contact, "engagement": self.engagement}


def _record(request, kind, public_id) -> Record:
    if kind == "engagement":
        engagement = casework_selectors.engagement_get(user=request.user, public_id=public_id)
        return Record(engagement=found(engagement))
    return Record(
        contact=found(casework_selectors.contact_get(user=request.user, public_id=public_id))
    )


@never_cache
@login_required
@help_key("assessments")
def assessments_tab(request, public_id, kind="contact"):
    """The record's assessments, each domain's score over time; on an engagement, start
    one (POST)."""
    record = _record(request, kind, public_id)
    can_start = record.engagement is not None and policy.can_fill_on(
        request.user, record.engagement
    )
    templates = list(selectors.templates_offered(user=request.user)) if can_start else []
    form = StartForm(request.POST or None, templates=templates)
    if request.method == "POST" and not can_start:
        raise PermissionDenied("You cannot fill assessments here.")

    def work():
        template = found(
            selectors.template_get(
                user=request.user, public_id=form.cleaned_data["template"], offered=True
            )
        )
        return services.assessment_start(
            actor=request.user, engagement=record.engagement, template=template
        )

    if answer := form_done(
        request,
        form,
        work,
        done=None,  # the new assessment's page is what comes next
        then=lambda assessment: redirect("assessment_detail", assessment.public_id),
    ):
        return answer
    assessments = list(selectors.assessments_on(user=request.user, **record.on()))
    return render(
        request,
        "assessments/assessments_tab.html",
        {
            "record": record,
            "assessments": assessments,
            "charts": charts.score_lines(selectors.domain_scores(assessments)),
            "form": form if can_start and templates else None,
        },
    )


def _rendered_sections(assessment) -> list[dict]:
    """The assessment's questions and answers, from its own version's definition."""
    definition = assessment.version.definition
    domains = {x["key"]: x["label"] for x in definition.get("domains", [])}
    return [
        {
            "title": section["title"],
            "rows": [
                {
                    "label": q["label"],
                    "answer": d.answer_text(q, assessment.answers.get(q["key"])),
                    "domain": domains.get(q.get("domain") or ""),
                }
                for q in section["questions"]
            ],
        }
        for section in definition.get("sections", [])
    ]


def _scores(assessment) -> list[tuple[str, float]]:
    domains = assessment.version.definition.get("domains", [])
    return [
        (x["label"], assessment.scores[x["key"]]) for x in domains if x["key"] in assessment.scores
    ]


@never_cache
@login_required
@help_key("assessments")
def assessment_detail(request, public_id):
    """A completed assessment as filled in; a draft, its form (save or complete)."""
    assessment = found(selectors.assessment_get(user=request.user, public_id=public_id))
    record = Record(engagement=assessment.engagement)
    editable = policy.can_edit_assessment(request.user, assessment)
    form = None
    if editable:
        form = AnswersForm(
            request.POST or None,
            definition=assessment.version.definition,
            answers=assessment.answers,
        )
        complete = "complete" in request.POST
        if form_done(
            request,
            form,
            lambda: services.assessment_answers_save(
                actor=request.user,
                assessment=assessment,
                answers=form.answers(),
                complete=complete,
            ),
            done="The assessment is completed." if complete else "Your answers are saved.",
            renamed=field_name,  # the service names a question by its key
        ):
            return redirect("assessment_detail", assessment.public_id)
    elif request.method == "POST":
        raise PermissionDenied("This assessment cannot be changed.")
    decided = hasattr(assessment, "decision")
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "record": record,
            "form": form,
            "sections": _rendered_sections(assessment),
            "scores": _scores(assessment),
            "can_correct": policy.can_correct_assessment(request.user, assessment),
            "can_decide": policy.can_decide(request.user, assessment, decided=decided),
            "decision": assessment.decision if decided else None,
        },
    )


@never_cache
@login_required
@help_key("assessments")
def assessment_correct(request, public_id):
    assessment = found(selectors.assessment_get(user=request.user, public_id=public_id))
    return correction_page(
        request,
        title="Correct an assessment",
        caption=Record(engagement=assessment.engagement).title,
        original=[
            ("Assessment", str(assessment.version)),
            (
                "Completed",
                f"{timezone.localtime(assessment.completed_at):%d/%m/%Y %H:%M}"
                if assessment.completed_at
                else "–",
            ),
            *((label, str(score)) for label, score in _scores(assessment)),
        ],
        back_url=reverse("assessment_detail", args=[assessment.public_id]),
        allowed=policy.can_correct_assessment(request.user, assessment),
        call=lambda kind, text: services.assessment_correct(
            actor=request.user, assessment=assessment, kind=kind, text=text
        ),
    )


@never_cache
@login_required
@help_key("assessments")
def assessment_decide(request, public_id):
    """Approve, or not, a completed assessment (once; not by who completed it)."""
    assessment = found(selectors.assessment_get(user=request.user, public_id=public_id))
    if not policy.can_decide(request.user, assessment, decided=hasattr(assessment, "decision")):
        raise PermissionDenied("You cannot decide on this assessment.")
    form = DecisionForm(request.POST or None)
    if form_done(
        request,
        form,
        lambda: services.assessment_decide(
            actor=request.user,
            assessment=assessment,
            approve=form.cleaned_data["outcome"] == "approve",
            comment=form.cleaned_data["comment"],
        ),
        done="Your decision is recorded.",
    ):
        return redirect("assessment_detail", assessment.public_id)
    return render(
        request,
        "assessments/assessment_decide.html",
        {
            "assessment": assessment,
            "record": Record(engagement=assessment.engagement),
            "form": form,
        },
    )
