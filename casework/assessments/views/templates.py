"""Managers' template screens: the list (and a new template), and the builder: the
draft's sections and questions with plain forms to add a section, a domain or a
question, move them up or down, remove them, and publish the draft as a new version.
Everything works without JavaScript (each button is a small form)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework.assessments import definition as d
from casework.assessments import policy, selectors, services
from casework.assessments.forms import DomainForm, QuestionForm, SectionForm, TemplateForm
from casework.views_common import found
from tenants.accounts.views_common import add_service_errors, form_done, help_key


def _refuse_unless_builder(request) -> None:
    if not policy.can_build_templates(request.user):
        raise PermissionDenied("Only managers build assessment templates.")


@never_cache
@login_required
@help_key("assessments")
def templates_list(request):
    _refuse_unless_builder(request)
    form = TemplateForm(request.POST or None)
    if answer := form_done(
        request,
        form,
        lambda: services.template_create(actor=request.user, **form.cleaned_data),
        done="The template is created: add its sections and questions.",
        then=lambda template: redirect("assessment_template", template.public_id),
    ):
        return answer
    return render(
        request,
        "assessments/templates_list.html",
        {"templates": selectors.templates_for_builders(user=request.user), "form": form},
    )


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _act(request, template, action):
    """(form to show with its errors, or None) after one builder action."""
    data = request.POST
    if action == "settings":
        form = TemplateForm(data)
        call = lambda c: services.template_settings_change(  # noqa: E731
            actor=request.user, template=template, **c
        )
    elif action == "section":
        form = SectionForm(data)
        call = lambda c: services.template_section_add(  # noqa: E731
            actor=request.user, template=template, **c
        )
    elif action == "domain":
        form = DomainForm(data)
        call = lambda c: services.template_domain_add(  # noqa: E731
            actor=request.user, template=template, **c
        )
    elif action == "question":
        form = QuestionForm(data, draft=template.draft)
        call = lambda c: services.template_question_add(  # noqa: E731
            actor=request.user,
            template=template,
            **{**c, "choices": c["choices"].splitlines()},
        )
    elif action in ("up", "down", "remove"):
        section, question = _int_or_none(data.get("section")), _int_or_none(data.get("question"))
        if section is None:
            raise ValidationError("Choose something of this template.")
        if action == "remove":
            services.template_item_remove(
                actor=request.user, template=template, section=section, question=question
            )
        else:
            services.template_item_move(
                actor=request.user,
                template=template,
                section=section,
                question=question,
                up=action == "up",
            )
        return None
    elif action == "publish":
        version = services.template_publish(actor=request.user, template=template)
        messages.success(request, f"Version {version.number} is published.")
        return None
    else:
        raise ValidationError("Choose what to do.")
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return form
        return None
    return form


@never_cache
@login_required
@help_key("assessments")
def template_builder(request, public_id):
    _refuse_unless_builder(request)
    template = found(selectors.template_get(user=request.user, public_id=public_id))
    forms = {
        "settings": TemplateForm(
            initial={
                "name": template.name,
                "description": template.description,
                "requires_approval": template.requires_approval,
            },
            auto_id="settings_%s",
        ),
        "section": SectionForm(auto_id="section_%s"),
        "domain": DomainForm(auto_id="domain_%s"),
        "question": QuestionForm(draft=template.draft, auto_id="question_%s"),
    }
    problems = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            shown = _act(request, template, action)
        except (ValidationError, PermissionDenied) as exc:
            problems = getattr(exc, "messages", [str(exc)])
        else:
            if shown is None:
                return redirect("assessment_template", template.public_id)
            shown.auto_id = f"{action}_%s"
            forms[action] = shown
    return render(
        request,
        "assessments/template_builder.html",
        {
            "template": template,
            "draft": template.draft,
            "kinds": d.QUESTION_KINDS,
            "versions": list(template.versions.order_by("-number")[:20]),
            "forms": forms,
            "problems": problems,
            "status": 400 if problems else 200,
        },
        status=400 if problems else 200,
    )
