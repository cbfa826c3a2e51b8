"""Forms of the assessment screens: they parse input only; every rule (answers per
question type, required on completion, who may) is the services' and policy's."""

from django import forms

from casework.assessments import definition as d
from casework.forms import date_field


def field_name(key: str) -> str:
    return f"q_{key}"


class AnswersForm(forms.Form):
    """One field per question of a version's definition; blank is allowed here (the
    service asks for required answers on completion)."""

    def __init__(self, *args, definition: dict, answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        self.sections = []
        for section in definition.get("sections", []):
            names = []
            for q in section["questions"]:
                name = field_name(q["key"])
                self.fields[name] = self._field(q)
                self.fields[name].question = q
                value = answers.get(q["key"])
                if value is not None:
                    self.initial[name] = (
                        ("yes" if value else "no") if q["kind"] == "yes_no" else value
                    )
                names.append(name)
            self.sections.append({"title": section["title"], "names": names})

    @staticmethod
    def _field(q):
        label = q["label"] + ("" if q.get("required") else " (optional)")
        common = {"label": label, "required": False, "help_text": q.get("help", "")}
        offered = {"invalid_choice": "Choose one of the answers offered."}
        kind = q["kind"]
        if kind == "text":
            return forms.CharField(max_length=d.LONGEST_TEXT, widget=forms.Textarea, **common)
        if kind == "date":
            field = date_field(label, help_text=q.get("help") or "For example, 27/3/2026")
            return field
        if kind == "single":
            return forms.ChoiceField(
                choices=[(c, c) for c in q["choices"]], error_messages=offered, **common
            )
        if kind == "multiple":
            return forms.MultipleChoiceField(
                choices=[(c, c) for c in q["choices"]], error_messages=offered, **common
            )
        if kind == "yes_no":
            return forms.ChoiceField(
                choices=[("yes", "Yes"), ("no", "No")], error_messages=offered, **common
            )
        if kind in d.SCALES:
            low, high = d.SCALES[kind]
            return forms.ChoiceField(
                choices=[(str(n), str(n)) for n in range(low, high + 1)],
                error_messages=offered,
                **common,
            )
        return forms.CharField(max_length=30, **common)  # number: the service reads it

    def answers(self) -> dict:
        """{question key: raw answer} for the service."""
        out = {}
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            out[field.question["key"]] = value if value not in ("", []) else None
        return out

    def bound_sections(self):
        return [
            {"title": s["title"], "fields": [self[name] for name in s["names"]]}
            for s in self.sections
        ]


class StartForm(forms.Form):
    template = forms.ChoiceField(
        label="Assessment",
        error_messages={
            "required": "Choose the assessment to fill in.",
            "invalid_choice": "Choose one of the assessments offered.",
        },
    )

    def __init__(self, *args, templates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(str(t.public_id), t.name) for t in templates]


class TemplateForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the template's name."}
    )
    description = forms.CharField(
        label="What it is for", max_length=2000, required=False, widget=forms.Textarea
    )
    requires_approval = forms.BooleanField(
        label="Completed assessments need a manager's approval", required=False
    )


class SectionForm(forms.Form):
    title = forms.CharField(
        label="Section title",
        max_length=d.LONGEST_LABEL,
        error_messages={"required": "Enter the section's title."},
    )


class DomainForm(forms.Form):
    label = forms.CharField(
        label="Scored domain",
        max_length=100,
        help_text="For example, Housing: scored 0 to 10 by the 0–10 questions you tie to it.",
        error_messages={"required": "Enter the domain's name, like Housing."},
    )


class QuestionForm(forms.Form):
    section = forms.TypedChoiceField(
        label="Section",
        coerce=int,
        error_messages={"required": "Choose a section.", "invalid_choice": "Choose a section."},
    )
    label = forms.CharField(
        label="Question",
        max_length=d.LONGEST_LABEL,
        error_messages={"required": "Enter the question."},
    )
    kind = forms.ChoiceField(
        label="Type of answer",
        choices=list(d.QUESTION_KINDS.items()),
        error_messages={
            "required": "Choose the type of answer.",
            "invalid_choice": "Choose the type of answer.",
        },
    )
    choices = forms.CharField(
        label="Choices (for one or several choices)",
        help_text="One a line.",
        required=False,
        max_length=3000,
        widget=forms.Textarea,
    )
    domain = forms.ChoiceField(label="Scores the domain (0–10 scale only)", required=False)
    help_text = forms.CharField(label="Help text", required=False, max_length=d.LONGEST_LABEL)
    required = forms.BooleanField(label="An answer is required", required=False)

    def __init__(self, *args, draft: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            (i, s["title"]) for i, s in enumerate(draft.get("sections", []))
        ]
        self.fields["domain"].choices = [("", "None")] + [
            (x["key"], x["label"]) for x in draft.get("domains", [])
        ]


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve"), ("reject", "Do not approve")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you approve it."},
    )
    comment = forms.CharField(
        label="Comment", required=False, max_length=5000, widget=forms.Textarea
    )
