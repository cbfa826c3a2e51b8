"""What a subject access bundle holds: one section per kind of record the partner keeps
about a person, each with the lookups that find a contact's (or a customer's) rows.

The lookups go forward along foreign keys from the section's model to the person, so a
new model that refers to a contact or a customer needs its own line here:
`tests/privacy/test_subject_access.py` walks every model and fails until it has one."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q

CASE = ("case__caller", "case__beneficiary")


def _under(prefix: str, lookups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{prefix}__{lookup}" for lookup in lookups)


@dataclass(frozen=True)
class Section:
    """One kind of record: `title` heads it in the document; `contact` and `customer`
    are the lookups (any of them) from the model to the person; a model without one
    for a subject holds nothing about that kind of subject."""

    model_label: str
    title: str
    contact: tuple[str, ...] = ()
    customer: tuple[str, ...] = ()
    history: bool = False  # a change-history table (shown after the records)
    files: tuple[str, ...] = field(default=())  # file fields whose bytes go in the zip
    # Fields left out: what would undo a redaction (the names an earlier export removed).
    hidden: tuple[str, ...] = ()
    # Rows that name the person's records by public id, not by a foreign key (a task by
    # its link, an audit entry by its target): the name of a finder in RECORD_FINDERS.
    about_records: str = ""

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def key(self) -> str:
        return self.model_label.replace(".", "-").lower()

    def lookups(self, kind: str) -> tuple[str, ...]:
        return self.contact if kind == "contact" else self.customer

    def holds(self, kind: str) -> bool:
        return bool(self.about_records or self.lookups(kind))

    def rows(self, *, kind: str, person):
        """Every row about the person, removed ones included (the partner still holds
        them), oldest first."""
        if self.about_records:
            found = RECORD_FINDERS[self.about_records](record_ids(kind=kind, person=person))
            return found.order_by("pk")
        lookups = self.lookups(kind)
        if not lookups:
            return self.model._base_manager.none()
        wanted = Q()
        for lookup in lookups:
            wanted |= Q(**{lookup: person.pk})
        return self.model._base_manager.filter(wanted).distinct().order_by("pk")


ENGAGEMENT = ("engagement__contact",)
OWN_OR_ENGAGEMENT = ("contact", "engagement__contact")
CUSTOMER_REFERRAL = ("referral__customer_link__customer",)

SECTIONS: tuple[Section, ...] = (
    # The person
    Section("casework.Contact", "Contact record", contact=("pk",)),
    Section("customers.Customer", "Customer record", customer=("pk",)),
    Section("casework.Household", "Household", contact=("members",)),
    Section("casework.Relationship", "Relationships", contact=("contact", "other")),
    Section("duplicates.NotDuplicate", "Marked not duplicates", contact=("first", "second")),
    Section("duplicates.PairFound", "Found as likely duplicates", contact=("first", "second")),
    Section(
        "duplicates.Merge",
        "Records merged",
        contact=("survivor", "merged"),
        hidden=("moved", "kept"),
    ),
    Section("customers.CustomerReason", "Reasons not interested", customer=("customer",)),
    Section(
        "customers.CustomerNotDuplicate", "Marked not duplicates", customer=("first", "second")
    ),
    Section(
        "customers.CustomerPairFound", "Found as likely duplicates", customer=("first", "second")
    ),
    Section(
        "customers.CustomerMerge",
        "Records merged",
        customer=("survivor", "merged"),
        hidden=("moved", "kept"),
    ),
    # Casework
    Section("casework.Engagement", "Engagements", contact=("contact",)),
    Section("casework.ServiceDelivery", "Services delivered", contact=ENGAGEMENT),
    Section("casework.Consultation", "Consultations", contact=ENGAGEMENT),
    Section("casework.ConsultationParticipant", "Consultations attended", contact=("contact",)),
    Section("casework.CaseworkEvent", "Shares, reassignments and closures", contact=ENGAGEMENT),
    Section("access.EmergencyAccess", "Emergency access asked for", contact=ENGAGEMENT),
    Section("notes.Note", "Notes", contact=OWN_OR_ENGAGEMENT),
    Section("notes.NoteCorrection", "Note corrections", contact=_under("note", OWN_OR_ENGAGEMENT)),
    Section("plans.CasePlan", "Case plans", contact=ENGAGEMENT),
    Section("plans.Goal", "Plan goals", contact=_under("plan", ENGAGEMENT)),
    Section("plans.PlanAction", "Plan actions", contact=_under("plan", ENGAGEMENT)),
    Section("plans.PlanReview", "Plan reviews", contact=_under("plan", ENGAGEMENT)),
    Section("plans.GoalProgress", "Goal progress", contact=_under("review__plan", ENGAGEMENT)),
    Section("plans.ApprovalRequest", "Plan approvals asked", contact=_under("plan", ENGAGEMENT)),
    Section(
        "plans.ApprovalDecision",
        "Plan approval decisions",
        contact=_under("request__plan", ENGAGEMENT),
    ),
    Section("assessments.Assessment", "Assessments", contact=OWN_OR_ENGAGEMENT),
    Section(
        "assessments.AssessmentCorrection",
        "Assessment corrections",
        contact=_under("assessment", OWN_OR_ENGAGEMENT),
    ),
    Section(
        "assessments.AssessmentDecision",
        "Assessment decisions",
        contact=_under("assessment", OWN_OR_ENGAGEMENT),
    ),
    Section("files.ClientFile", "Files", contact=OWN_OR_ENGAGEMENT, files=("stored",)),
    Section("files.ContactPhoto", "Photos", contact=("contact",), files=("stored",)),
    Section("incidents.Incident", "Incidents", contact=("contact", "people")),
    Section("events.Event", "Events", contact=("attendees__contact",)),
    Section("events.EventContact", "Event attendance", contact=("contact",)),
    # Safeguarding
    Section("safeguarding.SafeguardingCase", "Safeguarding cases", contact=ENGAGEMENT),
    Section(
        "safeguarding.MonitoringAction", "Monitoring actions", contact=_under("case", ENGAGEMENT)
    ),
    Section(
        "safeguarding.MonitoringActionCorrection",
        "Monitoring action corrections",
        contact=_under("action__case", ENGAGEMENT),
    ),
    Section("safeguarding.ClosureRequest", "Closure requests", contact=_under("case", ENGAGEMENT)),
    Section(
        "safeguarding.ClosureDecision",
        "Closure decisions",
        contact=_under("request__case", ENGAGEMENT),
    ),
    Section(
        "safeguarding.ClosureDecisionCorrection",
        "Closure decision corrections",
        contact=_under("decision__request__case", ENGAGEMENT),
    ),
    # The support line
    Section("referrals.SupportCase", "Support cases", contact=("caller", "beneficiary")),
    Section("referrals.CaseNote", "Support case notes", contact=CASE),
    Section(
        "referrals.CaseNoteCorrection",
        "Support case note corrections",
        contact=_under("note", CASE),
    ),
    Section("referrals.CaseVerification", "Support case checks", contact=CASE),
    Section("referrals.Signpost", "Signposts", contact=CASE),
    Section("signposting.ServiceSignpost", "Services signposted", contact=CASE),
    Section("referrals.LocalReferral", "Local referrals", contact=CASE),
    Section("referrals.CaseEvent", "Support case events", contact=CASE),
    # Referrals between partners
    Section(
        "referrals.Referral",
        "Referrals",
        contact=("contact",),
        customer=("customer_link__customer",),
    ),
    Section(
        "referrals.ReferralEvent",
        "Referral events",
        contact=("referral__contact",),
        customer=CUSTOMER_REFERRAL,
    ),
    Section(
        "customers.CustomerReferral",
        "Employment referrals",
        contact=("referral__contact",),
        customer=("customer",),
    ),
    Section(
        "customers.Appointment",
        "Appointments",
        contact=("referral__contact",),
        customer=CUSTOMER_REFERRAL,
    ),
    Section(
        "customers.OutcomeStep",
        "Outcome steps",
        contact=("referral__contact",),
        customer=CUSTOMER_REFERRAL,
    ),
    Section(
        "customers.OutcomeStepCorrection",
        "Outcome step corrections",
        contact=("step__referral__contact",),
        customer=_under("step", CUSTOMER_REFERRAL),
    ),
    # Earlier subject access requests about the person
    Section(
        "subject_access.SubjectAccessExport",
        "Earlier subject access requests",
        contact=("contact",),
        customer=("customer",),
        hidden=("redacted_names", "files_left_out", "file"),
    ),
    # Work and audit about those records, found by the records' public ids
    Section("worklist.Task", "Worklist tasks about their records", about_records="tasks"),
    Section(
        "accounts.AuditEntry",
        "Audit entries about their records",
        about_records="audit",
        hidden=("partner_schema",),
    ),
    # Change history (every version of each record above)
    Section("casework.ContactEvent", "History: contact record", contact=("pgh_obj",), history=True),
    Section(
        "duplicates.MergeEvent",
        "History: records merged",
        contact=("survivor", "merged"),
        history=True,
    ),
    Section(
        "customers.CustomerEvent", "History: customer record", customer=("pgh_obj",), history=True
    ),
    Section(
        "customers.CustomerMergeEvent",
        "History: records merged",
        customer=("survivor", "merged"),
        history=True,
    ),
    Section(
        "casework.HouseholdEvent", "History: household", contact=("pgh_obj__members",), history=True
    ),
    Section(
        "casework.RelationshipEvent",
        "History: relationships",
        contact=("contact", "other"),
        history=True,
    ),
    Section(
        "customers.CustomerReasonEvent",
        "History: reasons not interested",
        customer=("customer",),
        history=True,
    ),
    Section("casework.EngagementEvent", "History: engagements", contact=("contact",), history=True),
    Section(
        "casework.ServiceDeliveryEvent",
        "History: services delivered",
        contact=ENGAGEMENT,
        history=True,
    ),
    Section(
        "casework.ConsultationEvent", "History: consultations", contact=ENGAGEMENT, history=True
    ),
    Section(
        "casework.ConsultationParticipantEvent",
        "History: consultations attended",
        contact=("contact",),
        history=True,
    ),
    Section("notes.NoteEvent", "History: notes", contact=OWN_OR_ENGAGEMENT, history=True),
    Section("plans.CasePlanEvent", "History: case plans", contact=ENGAGEMENT, history=True),
    Section(
        "plans.GoalEvent", "History: plan goals", contact=_under("plan", ENGAGEMENT), history=True
    ),
    Section(
        "plans.PlanActionEvent",
        "History: plan actions",
        contact=_under("plan", ENGAGEMENT),
        history=True,
    ),
    Section(
        "assessments.AssessmentEvent",
        "History: assessments",
        contact=OWN_OR_ENGAGEMENT,
        history=True,
    ),
    Section("files.ClientFileEvent", "History: files", contact=OWN_OR_ENGAGEMENT, history=True),
    Section("files.ContactPhotoEvent", "History: photos", contact=("contact",), history=True),
    Section("incidents.IncidentEvent", "History: incidents", contact=("contact",), history=True),
    Section(
        "events.EventEvent",
        "History: events",
        contact=("pgh_obj__attendees__contact",),
        history=True,
    ),
    Section(
        "events.EventContactEvent", "History: event attendance", contact=("contact",), history=True
    ),
    Section(
        "safeguarding.SafeguardingCaseEvent",
        "History: safeguarding cases",
        contact=ENGAGEMENT,
        history=True,
    ),
    Section(
        "referrals.SupportCaseEvent",
        "History: support cases",
        contact=("caller", "beneficiary"),
        history=True,
    ),
    Section("referrals.LocalReferralEvent", "History: local referrals", contact=CASE, history=True),
    Section(
        "customers.CustomerReferralEvent",
        "History: employment referrals",
        contact=("referral__contact",),
        customer=("customer",),
        history=True,
    ),
    Section(
        "customers.AppointmentEvent",
        "History: appointments",
        contact=("referral__contact",),
        customer=CUSTOMER_REFERRAL,
        history=True,
    ),
)


def sections_for(kind: str) -> list[Section]:
    """The sections that can hold something about a contact (`kind="contact"`) or a
    customer (`"customer"`)."""
    return [section for section in SECTIONS if section.holds(kind)]


def record_ids(*, kind: str, person) -> list[str]:
    """The public ids of the person's record and of every record about them (their
    engagements, cases, plans, notes, files, referrals…): what tasks' links and audit
    entries name."""
    ids = {str(person.public_id)}
    for section in SECTIONS:
        if section.history or section.about_records or not section.lookups(kind):
            continue
        if any(f.name == "public_id" for f in section.model._meta.concrete_fields):
            found = section.rows(kind=kind, person=person).values_list("public_id", flat=True)
            ids.update(str(public_id) for public_id in found)
    return sorted(ids)


def _tasks_linking(ids: list[str]):
    # A task links to a portal page by path ("/cases/<uuid>/"): any of the ids in it.
    Task = apps.get_model("worklist.Task")
    return Task.objects.filter(link_url__regex="|".join(ids)) if ids else Task.objects.none()


def _audit_about(ids: list[str]):
    return apps.get_model("accounts.AuditEntry").objects.filter(target_public_id__in=ids)


RECORD_FINDERS = {"tasks": _tasks_linking, "audit": _audit_about}
