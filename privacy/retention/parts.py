"""What disposing of a record blanks: the rows that belong to it, model by model, and the
columns each loses when anonymised and, in addition, when erased. `KEPT` says, for every
other model that refers to a person, why disposal leaves it as it is:
`tests/privacy/test_disposal_coverage.py` walks the models and fails on one in neither."""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count

from casework.access.models import EmergencyAccess
from casework.assessments.models import Assessment, AssessmentCorrection, AssessmentDecision
from casework.duplicates.models import Merge, NotDuplicate
from casework.events.models import Event, EventContact
from casework.files.models import ClientFile, ContactPhoto
from casework.incidents.models import Incident
from casework.models import (
    CaseworkEvent,
    Consultation,
    ConsultationParticipant,
    Contact,
    Engagement,
    Relationship,
    ServiceDelivery,
)
from casework.notes.models import Note, NoteCorrection
from casework.plans.models import (
    ApprovalDecision,
    ApprovalRequest,
    Goal,
    GoalProgress,
    PlanAction,
    PlanReview,
)
from casework.safeguarding.models import (
    ClosureDecision,
    ClosureDecisionCorrection,
    ClosureRequest,
    MonitoringAction,
    MonitoringActionCorrection,
    SafeguardingCase,
)
from customers.models import (
    Customer,
    CustomerMerge,
    CustomerNotDuplicate,
    OutcomeStep,
    OutcomeStepCorrection,
)
from privacy.retention.models import Action
from referrals.models import CaseEvent, CaseNote, CaseNoteCorrection, LocalReferral, SupportCase


def _one_to_one(events):
    """Events the person attended alone: their place and notes are about them. A group
    session's notes are about the group and stay with the other attendees' records."""
    alone = Event.objects.annotate(people=Count("attendees")).filter(people=1)
    return events.filter(pk__in=alone.values("pk"))


@dataclass(frozen=True)
class Part:
    """Rows of `model` that belong to a record (`link` leads from them to its id), the
    columns blanked by anonymising and, in addition, by erasing, and file fields whose
    bytes are deleted either way (`files`, blanked too). `narrow` keeps only some rows."""

    # A model, or the "app_label.Model" label of one whose app reads retention itself
    # (subject access shows holds), so that the two never import each other.
    model_or_label: type | str
    link: str
    identifying: tuple = ()
    words: tuple = ()
    files: tuple = ()
    narrow: Callable | None = None
    # Anonymising: (field, words) put in place of a non-empty value, so a report that
    # counts "has one" counts the same (the history rows are blanked all the same).
    counted: tuple = ()

    @property
    def model(self) -> type:
        if isinstance(self.model_or_label, str):
            return apps.get_model(self.model_or_label)
        return self.model_or_label

    def fields(self, action: str) -> tuple:
        return self.identifying + self.files + (self.words if action == Action.ERASE else ())

    def rows(self, pk: int):
        rows = self.model._base_manager.filter(**{self.link: pk})
        return self.narrow(rows) if self.narrow else rows


FILE = ("name", "description", "removal_reason")
CORRECTION = ("text",)

PERSON_PARTS = (
    Part(
        Contact,
        "pk",
        identifying=(
            "first_name",
            "last_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "unique_pupil_number",
            "phone",
            "phone_digits",
            "email",
            "alerts",
            "removal_reason",
        ),
    ),
    # What is written about the person on their record, not in one engagement.
    Part(Note, "contact_id", identifying=("body",), words=("summary",)),
    Part(NoteCorrection, "note__contact_id", identifying=CORRECTION),
    Part(
        Incident,
        "contact_id",
        identifying=("description", "people_named", "immediate_action"),
        words=("location",),
    ),
    Part(ClientFile, "contact_id", identifying=FILE, files=("stored", "thumbnail")),
    Part(
        ContactPhoto, "contact_id", identifying=("removal_reason",), files=("stored", "thumbnail")
    ),
    # Scores stay for the charts when anonymised; the answers are the person's words.
    Part(Assessment, "contact_id", identifying=("answers",), words=("scores",)),
    Part(AssessmentCorrection, "assessment__contact_id", identifying=CORRECTION),
    Part(AssessmentDecision, "assessment__contact_id", identifying=("comment",)),
    # Calendar: their one-to-one meetings' place and notes; whether they came stays
    # for attendance counts unless erased.
    Part(
        Event,
        "attendees__contact_id",
        identifying=("notes", "place", "cancel_reason"),
        narrow=_one_to_one,
    ),
    Part(EventContact, "contact_id", words=("presence",)),
    Part(ConsultationParticipant, "contact_id", identifying=("removal_reason",)),
    Part(Relationship, "contact_id", identifying=("removal_reason",)),
    Part(Relationship, "other_id", identifying=("removal_reason",)),
    # A merge keeps the merged record's old details (`kept`) for unmerging.
    Part(Merge, "survivor_id", identifying=("reason", "kept", "unmerge_reason")),
    Part(Merge, "merged_id", identifying=("reason", "kept", "unmerge_reason")),
    Part(NotDuplicate, "first_id", identifying=("reason",)),
    Part(NotDuplicate, "second_id", identifying=("reason",)),
    Part(
        "subject_access.SubjectAccessExport",
        "contact_id",
        identifying=("person_name", "redacted_names"),
        files=("file",),
    ),
)
CUSTOMER_PARTS = (
    Part(
        Customer,
        "pk",
        identifying=(
            "first_name",
            "last_name",
            "date_of_birth",
            "phone",
            "phone_digits",
            "email",
            "housing_reference",
            "not_interested_other",
        ),
        counted=(("not_interested_other", "Another reason (removed)"),),
    ),
    # A merge keeps the merged record's old details (`kept`) for unmerging.
    Part(CustomerMerge, "survivor_id", identifying=("reason", "kept", "unmerge_reason")),
    Part(CustomerMerge, "merged_id", identifying=("reason", "kept", "unmerge_reason")),
    Part(CustomerNotDuplicate, "first_id", identifying=("reason",)),
    Part(CustomerNotDuplicate, "second_id", identifying=("reason",)),
    # Outcome steps keep their kind and date (the employment report counts them).
    Part(
        OutcomeStep,
        "referral__customer_link__customer_id",
        identifying=("details", "summary"),
    ),
    Part(
        OutcomeStepCorrection,
        "step__referral__customer_link__customer_id",
        identifying=CORRECTION,
    ),
    Part(
        "subject_access.SubjectAccessExport",
        "customer_id",
        identifying=("person_name", "redacted_names"),
        files=("file",),
    ),
)
SUPPORT_CASE_PARTS = (
    Part(
        SupportCase,
        "pk",
        identifying=("safeguarding_reason", "returned_comment", "lawful_basis"),
        words=("title",),
    ),
    Part(CaseNote, "case_id", identifying=("text",)),
    Part(CaseNoteCorrection, "note__case_id", identifying=CORRECTION),
    Part(CaseEvent, "case_id", words=("detail",)),
    # What was passed on to a local service about the caller (their answers, JSON).
    Part(LocalReferral, "case_id", identifying=("details",)),
)
ENGAGEMENT_PARTS = (
    Part(Engagement, "pk", identifying=("referral_reason", "referral_source")),
    Part(ServiceDelivery, "engagement_id", identifying=("summary", "removal_reason")),
    Part(Consultation, "engagement_id", identifying=("held_with", "notes", "removal_reason")),
    Part(ConsultationParticipant, "consultation__engagement_id", identifying=("removal_reason",)),
    Part(CaseworkEvent, "engagement_id", words=("detail",)),
    Part(EmergencyAccess, "engagement_id", identifying=("reason",)),
    Part(Note, "engagement_id", identifying=("body",), words=("summary",)),
    Part(NoteCorrection, "note__engagement_id", identifying=CORRECTION),
    Part(ClientFile, "engagement_id", identifying=FILE, files=("stored", "thumbnail")),
    Part(Assessment, "engagement_id", identifying=("answers",), words=("scores",)),
    Part(AssessmentCorrection, "assessment__engagement_id", identifying=CORRECTION),
    Part(AssessmentDecision, "assessment__engagement_id", identifying=("comment",)),
    Part(
        Event,
        "attendees__engagement_id",
        identifying=("notes", "place", "cancel_reason"),
        narrow=_one_to_one,
    ),
    Part(EventContact, "engagement_id", words=("presence",)),
    # The engagement's case plan: goals, actions and reviews are written about the person.
    Part(Goal, "plan__engagement_id", identifying=("what", "why", "who", "removal_reason")),
    Part(PlanAction, "plan__engagement_id", identifying=("what", "removal_reason")),
    Part(PlanReview, "plan__engagement_id", identifying=("comment",)),
    Part(GoalProgress, "review__plan__engagement_id", identifying=("comment",)),
    Part(ApprovalRequest, "plan__engagement_id", identifying=("comment",)),
    Part(ApprovalDecision, "request__plan__engagement_id", identifying=("comment",)),
)
SAFEGUARDING_PARTS = (
    Part(
        SafeguardingCase,
        "pk",
        identifying=(
            "description",
            "raised_with",
            "information_from_professionals",
            "decision_basis",
            "actions_agreed",
        ),
    ),
    Part(MonitoringAction, "case_id", identifying=("actions_taken", "taken_by", "rationale")),
    Part(MonitoringActionCorrection, "action__case_id", identifying=CORRECTION),
    Part(ClosureRequest, "case_id", identifying=("comment",)),
    Part(ClosureDecision, "request__case_id", identifying=("comment",)),
    Part(ClosureDecisionCorrection, "decision__request__case_id", identifying=CORRECTION),
)

REFERRAL_COPIES = "Redacted on every copy by referrals_redact (retention.disposal.referrals_forget)"
# Models referring to a person that disposal leaves as they are, and why.
KEPT = {
    "casework.Household": "Blanked with its last member (services.HOUSEHOLD_FIELDS)",
    "plans.CasePlan": "Status and dates only: the plan's words are in its parts",
    "duplicates.PairFound": "Two record ids and a score: names nobody once they are blanked",
    "customers.CustomerPairFound": "Two record ids: names nobody once they are blanked",
    "referrals.CaseVerification": "Which checks were done and when, no words",
    "referrals.Signpost": "Which service the case was signposted to, no words about the caller",
    "signposting.ServiceSignpost": "The service's own name and contact details, not the caller's",
    "referrals.Referral": REFERRAL_COPIES,
    "referrals.ReferralEvent": "The referral's steps as both partners recorded them: "
    + REFERRAL_COPIES,
    "customers.CustomerReason": "A reason chosen from a list, counted by the report",
    "customers.CustomerReasonEvent": "History of reasons chosen from a list, no words",
    "customers.CustomerReferral": "Links a customer to a referral (redacted with it)",
    "customers.Appointment": "Date, place and adviser (staff): counted by the report",
}
