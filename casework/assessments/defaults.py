"""The default templates every new partner starts with (seeded in the template schema,
cloned with it; the migration 0002 gives them to partners that existed before): an
initial family assessment (family centres), a needs check (support lines) and an
employment readiness assessment (boroughs and providers). Each partner offers those of
its own kind, and changes its copies as it likes."""


def _q(key, label, kind, *, required=False, help_text="", choices=(), domain=""):
    return {
        "key": key,
        "label": label,
        "kind": kind,
        "required": required,
        "help": help_text,
        "choices": list(choices),
        "domain": domain,
    }


SCORE_HELP = "0 is a serious concern, 10 is thriving."

DEFAULTS = [
    {
        "name": "Initial family assessment",
        "description": "The first assessment of a family: who they are, and where they "
        "stand on housing, health, education and safety.",
        "for_kinds": "family_centre",
        "definition": {
            "domains": [
                {"key": "housing", "label": "Housing"},
                {"key": "health", "label": "Health"},
                {"key": "education", "label": "Education"},
                {"key": "safety", "label": "Safety"},
            ],
            "sections": [
                {
                    "title": "The family",
                    "questions": [
                        _q("assessed_on", "Date of the assessment", "date", required=True),
                        _q("household", "Who lives at home", "text", required=True),
                        _q("children_count", "Number of children at home", "number"),
                        _q(
                            "support_now",
                            "Support the family already has",
                            "multiple",
                            choices=["Health visitor", "Social worker", "School", "Family"],
                        ),
                    ],
                },
                {
                    "title": "Scores",
                    "questions": [
                        _q(
                            "housing_score",
                            "Housing",
                            "scale10",
                            required=True,
                            help_text=SCORE_HELP,
                            domain="housing",
                        ),
                        _q(
                            "health_score",
                            "Health",
                            "scale10",
                            required=True,
                            help_text=SCORE_HELP,
                            domain="health",
                        ),
                        _q(
                            "education_score",
                            "Education",
                            "scale10",
                            required=True,
                            help_text=SCORE_HELP,
                            domain="education",
                        ),
                        _q(
                            "safety_score",
                            "Safety",
                            "scale10",
                            required=True,
                            help_text=SCORE_HELP,
                            domain="safety",
                        ),
                        _q("worries", "Any safeguarding worries", "yes_no", required=True),
                        _q("next_steps", "Agreed next steps", "text"),
                    ],
                },
            ],
        },
    },
    {
        "name": "Needs check",
        "description": "A short check of what the caller needs.",
        "for_kinds": "support_line",
        "definition": {
            "domains": [],
            "sections": [
                {
                    "title": "Needs",
                    "questions": [
                        _q(
                            "main_need",
                            "Main need",
                            "single",
                            required=True,
                            choices=["Money", "Housing", "Health", "Family", "Other"],
                        ),
                        _q("urgent", "Is it urgent", "yes_no", required=True),
                        _q(
                            "coping",
                            "How well are they coping",
                            "scale5",
                            help_text="1 is not at all, 5 is very well.",
                        ),
                        _q("notes", "What they said", "text"),
                    ],
                }
            ],
        },
    },
    {
        "name": "Employment readiness assessment",
        "description": "Where someone stands on the way to work.",
        "for_kinds": "borough provider",
        "definition": {
            "domains": [
                {"key": "skills", "label": "Skills"},
                {"key": "confidence", "label": "Confidence"},
                {"key": "barriers", "label": "Barriers removed"},
            ],
            "sections": [
                {
                    "title": "Work so far",
                    "questions": [
                        _q("last_worked", "When did they last work", "date"),
                        _q("hours_wanted", "Hours a week they want", "number"),
                        _q(
                            "sectors",
                            "Sectors of interest",
                            "multiple",
                            choices=["Care", "Retail", "Construction", "Office", "Other"],
                        ),
                    ],
                },
                {
                    "title": "Scores",
                    "questions": [
                        _q(
                            "skills_score",
                            "Skills",
                            "scale10",
                            required=True,
                            help_text=SCORE_HELP,
                            domain="skills",
                        ),
                        _q(
                            "confidence_score",
                            "Confidence",
                            "scale10",
                            required=True,
                            help_text=SCORE_HELP,
                            domain="confidence",
                        ),
                        _q(
                            "barriers_score",
                            "Barriers removed",
                            "scale10",
                            required=True,
                            help_text=SCORE_HELP,
                            domain="barriers",
                        ),
                    ],
                },
            ],
        },
    },
]


def defaults_create(template_model, version_model) -> None:
    """Create the defaults missing by name (idempotent); models passed in so that the data
    migration can use its historical ones."""
    for spec in DEFAULTS:
        if template_model.objects.filter(name=spec["name"]).exists():
            continue
        template = template_model.objects.create(
            name=spec["name"],
            description=spec["description"],
            for_kinds=spec["for_kinds"],
            draft=spec["definition"],
        )
        version_model.objects.create(
            template=template, number=1, name=spec["name"], definition=spec["definition"]
        )


def defaults_seed() -> None:
    """The template schema's hook (tenants.hooks.on_template_seeded)."""
    from casework.assessments.models import AssessmentTemplate, TemplateVersion

    defaults_create(AssessmentTemplate, TemplateVersion)
