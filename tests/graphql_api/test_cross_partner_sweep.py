"""Partner B's most powerful token (its champion's, read and write) tries every query
field, `node`, every connection and every mutation of the schema against partner A's
objects. Nothing of A may come back, nothing of A may change. The cases are checked
against the schema itself: a new field without a case here fails the sweep."""

import json
from datetime import date, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType

from casework.access.models import EmergencyAccess
from casework.assessments.models import Assessment
from casework.duplicates.models import Merge
from casework.events.models import Event, EventContact
from casework.events.services import Attendee, event_create
from casework.files.models import ClientFile
from casework.files.services import file_add
from casework.imports.models import ImportJob, ImportStatus
from casework.incidents.models import Incident, IncidentType
from casework.incidents.services import incident_raise
from casework.models import (
    Consultation,
    ConsultationParticipant,
    Contact,
    Engagement,
    GroupSession,
    Household,
    Relationship,
    ServiceDelivery,
)
from casework.notes.models import Note, NoteCorrection
from casework.notes.services import note_add
from casework.plans import services as plans
from casework.plans.models import CasePlan, Goal, PlanAction, PlanReview
from casework.safeguarding.models import (
    ClosureDecision,
    ClosureDecisionCorrection,
    ClosureRequest,
    MonitoringAction,
    MonitoringActionCorrection,
    SafeguardingCase,
)
from casework.services.group_sessions import BulkRow, deliveries_bulk_create
from casework.worklist.models import Task
from cms.models import ManualTopicPage
from customers.models import (
    Appointment,
    Customer,
    CustomerMerge,
    CustomerNotDuplicate,
    CustomerReferral,
    OutcomeStep,
    OutcomeStepCorrection,
)
from graphql_api.schema import schema
from privacy.subject_access.models import SubjectAccessExport
from referrals.agreements.models import DataSharingAgreement
from referrals.models import (
    CaseNote,
    CaseNoteCorrection,
    Direction,
    LocalReferral,
    Referral,
    ReferralEvent,
    Signpost,
    SupportCase,
)
from tenants.accounts.models import ApiToken, AuditEntry, User
from tenants.models import Partner
from tests.graphql_api.helpers import global_id, gql, make_token
from tests.partners import domain_of

pytestmark = pytest.mark.security

GRAPHQL = schema._schema
A_MANUAL_MARKER = "Zanzibarquokka"


def _named(gql_type):
    while isinstance(gql_type, GraphQLNonNull | GraphQLList):
        gql_type = gql_type.of_type
    return gql_type


def selection(gql_type, depth: int = 1) -> str:
    """Every scalar field (without required arguments) and, to `depth`, object fields."""
    parts = []
    for name, field in gql_type.fields.items():
        if any(isinstance(arg.type, GraphQLNonNull) for arg in field.args.values()):
            continue
        named = _named(field.type)
        if isinstance(named, GraphQLScalarType) or not hasattr(named, "fields"):
            parts.append(name)
        elif depth > 0 and named.name.endswith("Connection"):
            node = _named(named.fields["edges"].type).fields["node"].type
            parts.append(
                f"{name}(first: 3) {{ totalCount edges {{ node {{ {selection(_named(node), depth - 1)} }} }} }}"
            )
        elif depth > 0:
            parts.append(f"{name} {{ {selection(named, depth - 1)} }}")
    return " ".join(parts) or "__typename"


@pytest.fixture
def sweep(world, partner_b, client_b):
    w = world
    w.a_token_secret = make_token()
    w.a_token = ApiToken.objects.get(prefix=w.a_token_secret.split("_")[1])
    page = ManualTopicPage.objects.live().get(slug="consultations")
    page.title = f"Consultations {A_MANUAL_MARKER}"
    page.help_keys = [*page.help_keys, "alpha-only-help"]
    page.save()
    # A's support-line case and a referral A sent to a partner other than B (rows made
    # directly: alpha is a family centre; the exchange's own tests cover the writing).
    owner = w.users["owner"]
    w.support_case = SupportCase.objects.create(
        title="Support case marker", caller=w.mum, beneficiary=w.mum, created_by=owner
    )
    w.note = CaseNote.objects.create(case=w.support_case, author=owner, text="Support note marker")
    # An earlier closure request of A's case, decided (rows made directly, as above).
    earlier = ClosureRequest.objects.create(
        case=w.case, submitted_by=owner, approver=w.users["manager"], comment="Earlier"
    )
    w.decision = ClosureDecision.objects.create(
        request=earlier,
        decided_by=w.users["manager"],
        outcome="rejected",
        comment="Decision marker",
    )
    w.action = MonitoringAction.objects.get(case=w.case)
    w.client_note = note_add(
        actor=owner,
        contact=w.child,
        engagement=w.engagement,
        kind="visit",
        happened_at=timezone.now(),
        summary="Client note marker",
        body="Client note body marker",
        confidential=True,
    )
    w.plan = plans.plan_create(
        actor=owner, engagement=w.engagement, review_on=date.today() + timedelta(days=30)
    )
    w.plan_goal = plans.goal_add(actor=owner, plan=w.plan, what="Plan goal marker")
    w.plan_action = plans.action_add(
        actor=owner, goal=w.plan_goal, what="Plan action marker", owner=owner, due_on=date.today()
    )
    w.client_file = file_add(
        actor=owner,
        contact=w.child,
        engagement=w.engagement,
        upload=SimpleUploadedFile("Client file marker.txt", b"Client file bytes marker"),
        category="other",
        description="Client file description marker",
    )
    w.incident = incident_raise(
        actor=owner,
        contact=w.child,
        happened_at=timezone.now(),
        kind=IncidentType.objects.get(name="Injury"),
        severity="low",
        description="Incident marker",
    )
    (w.event,) = event_create(
        actor=owner,
        kind="visit",
        day=date.today(),
        start=time(0, 1),
        end=time(0, 30),
        place="Event place marker",
        notes="Event notes marker",
        attendees=[Attendee(contact=w.child, engagement=w.engagement)],
        service=w.service,
    )
    w.local_referral = LocalReferral.objects.create(
        case=w.support_case, response_type="food", details={"x": "Local marker"}, added_by=owner
    )
    w.a_template, w.assessment = _assessment_of_a(w)
    # A merge of A's, already undone (a row made directly: nothing of A's moves).
    w.merge = Merge.objects.create(
        survivor=w.child,
        merged=w.mum,
        reason="Merge marker",
        merged_by=owner,
        unmerged_at=timezone.now(),
        unmerged_by=owner,
    )
    # An import of A's, checked and ready to import (a row made directly: no file read).
    w.import_job = ImportJob.objects.create(
        kind="contacts",
        source_system="Salesforce",
        file="imports/sweep/upload.csv",
        file_name="Import file marker.csv",
        headers=["Contact ID"],
        status=ImportStatus.CHECKED,
        report={"dry_run": {"counts": {"created": 1}, "matched": [], "refused": [], "at": ""}},
        created_by=owner,
    )
    w.referral = Referral.objects.create(
        direction=Direction.SENT,
        referral_type="food",
        other_partner_id=w.partner.pk,
        other_partner_name="Referral partner marker",
        contact=w.mum,
        payload={"person": {"first_name": "Zephyrine"}, "details": {}},
        basis="Consent given",
        sent_at=timezone.now(),
        sent_by_name="Referral sender marker",
        respond_by=timezone.now() + timedelta(hours=48),
    )
    ReferralEvent.objects.create(referral=w.referral, action="sent", partner_name="Alpha")
    w.customer = Customer.objects.create(
        first_name="Zephyrine",
        last_name="Customermarker",
        housing_reference="HR-A-1",
        created_by=owner,
    )
    # The same customer typed again, and a merge of the two, already undone (rows made
    # directly: nothing of A's moves).
    w.customer_twin = Customer.objects.create(
        first_name="Zefirine", last_name="Customermarker", created_by=owner
    )
    w.customer_merge = CustomerMerge.objects.create(
        survivor=w.customer,
        merged=w.customer_twin,
        reason="Customer merge marker",
        merged_by=owner,
        unmerged_at=timezone.now(),
        unmerged_by=owner,
    )
    # An employment support journey of A's on the same referral: the customer's link,
    # an appointment and a checklist step (rows made directly, as above).
    CustomerReferral.objects.create(customer=w.customer, referral=w.referral)
    w.appointment = Appointment.objects.create(
        referral=w.referral,
        on=date.today(),
        at=time(10, 0),
        adviser_name="Appointment adviser marker",
        place="Appointment place marker",
        booked_by_name="Appointment booker marker",
    )
    w.step = OutcomeStep.objects.create(
        referral=w.referral,
        kind="training_started",
        on=date.today(),
        details={"course": "Step course marker"},
        summary="Step course marker",
        recorded_by_name="Step recorder marker",
    )
    # A group session of A's, and someone A's consultation was held with.
    [row] = deliveries_bulk_create(
        actor=owner,
        rows=[BulkRow(engagement=w.engagement, service=w.service, on=date.today())],
        anonymous_attendees=2,
        group_service=w.service,
        on=date.today(),
    )
    w.group_session = row.group_session
    ConsultationParticipant.objects.create(consultation=w.consultation, contact=w.mum)
    # A subject access export A's champion asked for about the mum, and an agreement
    # another partner proposed to A, waiting for A's answer (rows made directly).
    w.subject_export = SubjectAccessExport.objects.create(
        requested_by=User.objects.get(username="champion"),
        contact=w.mum,
        person_name="Subject export marker",
    )
    w.agreement = DataSharingAgreement.objects.create(
        proposer=Partner.objects.get(slug="kappa"),
        partner=w.partner,
        referral_types=["food"],
        purpose="Proposed agreement marker",
        lawful_basis="consent",
        starts_on=date.today(),
        ends_on=date.today() + timedelta(days=30),
        proposed_by_name="Kappa's officer",
    )
    w.client_b = client_b
    w.partner_b = partner_b
    connection.set_tenant(partner_b)
    w.token_b = make_token(username="champion")
    w.b_users = User.objects.count()
    connection.set_tenant(w.partner)
    w.objects = {
        "Contact": w.child,
        "Household": w.household,
        "Programme": w.programme,
        "Service": w.service,
        "Engagement": w.engagement,
        "ServiceDelivery": w.delivery,
        "Consultation": w.consultation,
        "GroupSession": w.group_session,
        "User": User.objects.get(username="integrator"),
        "SafeguardingCase": w.case,
        "ApprovalRequest": w.closure,
        "Task": w.task,
        "Notification": w.notification,
        "SupportCase": w.support_case,
        "Referral": w.referral,
        "Customer": w.customer,
        "Appointment": w.appointment,
        "OutcomeStep": w.step,
    }
    w.markers = (
        {str(obj.public_id) for obj in w.objects.values()}
        | {global_id(t, o) for t, o in w.objects.items()}
        | {
            w.child.client_id,
            "Zephyrine",
            "Quillfeather",
            "Secret alert",
            "Delivery summary marker",
            "Consultation notes marker",
            "Case description marker",
            "Monitoring marker",
            w.case.reference,
            "Support case marker",
            "Merge marker",
            str(w.merge.public_id),
            "Subject export marker",
            str(w.subject_export.public_id),
            "Proposed agreement marker",
            str(w.agreement.public_id),
            "Import file marker",
            str(w.import_job.public_id),
            "Customermarker",
            "HR-A-1",
            "Support note marker",
            "Local marker",
            "Referral partner marker",
            "Referral sender marker",
            "Appointment adviser marker",
            "Appointment place marker",
            "Appointment booker marker",
            "Step course marker",
            "Step recorder marker",
            "Decision marker",
            "Client note marker",
            "Event place marker",
            "Event notes marker",
            str(w.event.public_id),
            global_id("Event", w.event),
            "Client file marker",
            "Client file description marker",
            str(w.client_file.public_id),
            "Incident marker",
            str(w.incident.public_id),
            "Client note body marker",
            "Plan goal marker",
            "Plan action marker",
            str(w.plan.public_id),
            global_id("CasePlan", w.plan),
            global_id("PlanGoal", w.plan_goal),
            global_id("PlanAction", w.plan_action),
            str(w.client_note.public_id),
            global_id("Note", w.client_note),
            "Assessment template marker",
            "Assessment answer marker",
            global_id("Assessment", w.assessment),
            global_id("AssessmentTemplate", w.a_template),
            str(w.note.public_id),
            str(w.decision.public_id),
            str(w.action.public_id),
            global_id("CaseNote", w.note),
            global_id("ClosureDecision", w.decision),
            global_id("MonitoringAction", w.action),
            str(w.mum.public_id),
            str(w.local_referral.public_id),
            global_id("LocalReferral", w.local_referral),
            A_MANUAL_MARKER,
            str(w.a_token.public_id),
            w.a_token.prefix,
        }
        | {str(u.public_id) for u in w.users.values()}
    )
    return w


def snapshot_a(w) -> tuple:
    connection.set_tenant(w.partner)
    engagement = Engagement.objects.get(pk=w.engagement.pk)
    child = Contact.objects.get(pk=w.child.pk)
    token = ApiToken.objects.get(pk=w.a_token.pk)
    case = SafeguardingCase.objects.get(pk=w.case.pk)
    return (
        case.status,
        case.closed_on,
        MonitoringAction.objects.count(),
        ClosureDecision.objects.count(),
        SafeguardingCase.objects.count(),
        Contact.objects.count(),
        Household.objects.count(),
        Relationship.objects.count(),
        Relationship.objects.current().count(),
        Engagement.objects.count(),
        ServiceDelivery.objects.count(),
        Consultation.objects.count(),
        GroupSession.objects.count(),
        tuple(GroupSession.objects.values_list("pk", "service_id", "date", "anonymous_attendees")),
        tuple(ConsultationParticipant.objects.values_list("pk", "contact_id", "removed_at")),
        User.objects.filter(is_active=True).count(),
        User.objects.count(),
        ApiToken.objects.count(),
        AuditEntry.objects.count(),
        engagement.stage,
        engagement.programme_id,
        engagement.referral_source,
        child.first_name,
        child.household_id,
        tuple(Contact.objects.order_by("pk").values_list("pk", "phone", "consent")),
        tuple(Contact.objects.values_list("pk", "removed_at")),
        tuple(ServiceDelivery.objects.values_list("pk", "attendance", "service_id", "removed_at")),
        tuple(Consultation.objects.values_list("pk", "notes", "removed_at")),
        token.revoked_at,
        tuple(User.objects.order_by("pk").values_list("full_name", "role_id")),
        tuple(SupportCase.objects.values_list("pk", "status", "title")),
        tuple(Event.objects.order_by("pk").values_list("pk", "place", "cancelled_at", "starts_at")),
        tuple(EventContact.objects.order_by("pk").values_list("pk", "presence", "delivery_id")),
        CaseNote.objects.count(),
        Signpost.objects.count(),
        tuple(LocalReferral.objects.values_list("pk", "referral_id", "details")),
        tuple(Referral.objects.values_list("pk", "status", "contact_id", "outcome")),
        ReferralEvent.objects.count(),
        tuple(Customer.objects.values_list("pk", "interest", "first_name", "phone", "removed_at")),
        tuple(CustomerMerge.objects.values_list("pk", "unmerged_at", "unmerge_reason")),
        CustomerNotDuplicate.objects.count(),
        tuple(Appointment.objects.values_list("pk", "status", "on", "rescheduled_to_id", "place")),
        OutcomeStep.objects.count(),
        CustomerReferral.objects.count(),
        CaseNoteCorrection.objects.count(),
        MonitoringActionCorrection.objects.count(),
        ClosureDecisionCorrection.objects.count(),
        OutcomeStepCorrection.objects.count(),
        tuple(Task.objects.values_list("pk", "status", "title")),
        tuple(Note.objects.order_by("pk").values_list("pk", "summary", "body", "confidential")),
        NoteCorrection.objects.count(),
        tuple(CasePlan.objects.values_list("pk", "status", "review_on")),
        tuple(Goal.objects.values_list("pk", "what", "removed_at")),
        tuple(PlanAction.objects.values_list("pk", "what", "status", "owner_id")),
        PlanReview.objects.count(),
        tuple(Assessment.objects.values_list("pk", "status", "answers")),
        tuple(ClientFile.objects.order_by("pk").values_list("pk", "name", "removed_at")),
        tuple(Incident.objects.order_by("pk").values_list("pk", "description", "severity")),
        SubjectAccessExport.objects.count(),
        EmergencyAccess.objects.count(),
        tuple(DataSharingAgreement.objects.order_by("pk").values_list("pk", "status")),
        tuple(ImportJob.objects.values_list("pk", "status", "mapping", "source_system")),
    )


def _assessment_of_a(w):
    from casework.assessments import services as assessments

    manager = w.users["manager"]
    template = assessments.template_create(actor=manager, name="Assessment template marker")
    assessments.template_section_add(actor=manager, template=template, title="Section")
    assessments.template_question_add(
        actor=manager, template=template, section=0, label="Words", kind="text"
    )
    assessments.template_publish(actor=manager, template=template)
    assessment = assessments.assessment_start(
        actor=w.users["owner"], engagement=w.engagement, template=template
    )
    assessments.assessment_answers_save(
        actor=w.users["owner"], assessment=assessment, answers={"words": "Assessment answer marker"}
    )
    return template, assessment


def _assessments_case(w):
    answers = []
    for arg, type_name, obj in (
        ("contactId", "Contact", w.child),
        ("engagementId", "Engagement", w.engagement),
    ):
        data = ask(
            w,
            f"query($id: ID!) {{ assessments({arg}: $id) {{ id status answers {{ text }} }} }}",
            {"id": global_id(type_name, obj)},
        )
        assert data["data"]["assessments"] is None, arg
        answers.append(data)
    return answers


def _assessment_templates_case(w):
    data = ask(w, "{ assessmentTemplates { id name latestVersion { sections } } }")
    assert "Assessment template marker" not in str(data)
    return [data]


def _retention_rules_case(w):
    data = ask(w, "{ retentionRules { recordType years action rule } }")
    # B's champion keeps data protection: B's own rules, one per record type.
    assert len(data["data"]["retentionRules"]) == 6
    return [data]


def ask(w, query, variables=None):
    status, data = gql(w.client_b, query, variables, token=w.token_b)
    connection.set_tenant(w.partner)
    assert status == 200, data
    return data


def assert_nothing_of_a(w, data):
    text = json.dumps(data)
    leaked = [m for m in w.markers if m in text]
    assert not leaked, leaked


# --- queries ------------------------------------------------------------------------


def _connection_case(name):
    def case(w):
        field = GRAPHQL.query_type.fields[name]
        node = _named(_named(field.type).fields["edges"].type).fields["node"].type
        data = ask(
            w,
            f"{{ {name}(first: 50) {{ totalCount edges {{ node {{ {selection(_named(node))} }} }} }} }}",
        )
        assert "errors" not in data, data
        return [data]

    return case


def _node_case(w):
    answers = []
    for type_name, obj in w.objects.items():
        data = ask(w, "query($id: ID!) { node(id: $id) { id } }", {"id": global_id(type_name, obj)})
        assert data["data"]["node"] is None, type_name
        answers.append(data)
    # Every type with a global id has an object of A in the sweep.
    node_types = {
        t.name
        for t in GRAPHQL.type_map.values()
        if isinstance(t, GraphQLObjectType) and any(i.name == "Node" for i in t.interfaces)
    }
    assert node_types == set(w.objects), node_types ^ set(w.objects)
    return answers


def _me_case(w):
    data = ask(w, f"{{ me {{ {selection(GRAPHQL.get_type('User'))} }} }}")
    assert data["data"]["me"]["username"] == "champion"
    return [data]


def _roles_case(w):
    data = ask(w, "{ roles { key name rights } }")
    keys = {r["key"] for r in data["data"]["roles"]}
    assert "call-handler" in keys and "practitioner" not in keys  # B is a support line
    return [data]


def _manual_topic_case(w):
    hidden = ask(w, '{ manualTopic(helpKey: "alpha-only-help") { title bodyText } }')
    assert hidden["data"]["manualTopic"] is None
    data = ask(w, '{ manualTopic(helpKey: "home") { title bodyText } }')
    assert data["data"]["manualTopic"] is not None  # B's own manual answers
    return [hidden, data]


def _manual_search_case(w):
    data = ask(w, f'{{ manualSearch(query: "{A_MANUAL_MARKER}") {{ title path }} }}')
    assert data["data"]["manualSearch"] == []
    return [data]


def _customer_matches_case(w):
    data = ask(
        w,
        """{ customerMatches(firstName: "Zephyrine", lastName: "Customermarker",
        housingReference: "HR-A-1") { reasons customer { id firstName } } }""",
    )
    assert data["data"]["customerMatches"] == []
    return [data]


def _likely_duplicates_case(field):
    def case(w):
        data = ask(w, f"{{ {field} {{ matched first {{ id firstName }} second {{ id }} }} }}")
        assert data["data"][field] == []
        return [data]

    return case


def _import_jobs_case(w):
    data = ask(w, "{ importJobs { id fileName status dryRun { counts { outcome count } } } }")
    assert data["data"]["importJobs"] == []  # B has none of its own; A's are A's
    return [data]


def _import_job_case(w):
    data = ask(
        w,
        "query($id: ID!) { importJob(id: $id) { id fileName rowsDone } }",
        {"id": str(w.import_job.public_id)},
    )
    assert data["data"]["importJob"] is None
    return [data]


def _contact_search_case(w):
    answers = []
    for typed in ("Zephyrine Quillfeather", "Zephyrnie Quilfeather", "SW1A 1AA"):
        data = ask(
            w,
            "query($q: String!) { contactSearch(query: $q) { reasons contact { id firstName } } }",
            {"q": typed},
        )
        assert data["data"]["contactSearch"] == [], typed
        answers.append(data)
    return answers


def _contact_matches_case(w):
    data = ask(
        w,
        """{ contactMatches(firstName: "Zephyrine", lastName: "Quillfeather",
        postcode: "SW1A 1AA") { reasons contact { id firstName } } }""",
    )
    assert data["data"]["contactMatches"] == []
    return [data]


def _customer_search_case(w):
    data = ask(
        w, '{ customerSearch(query: "Zephyrine Customermarker") { reasons customer { id } } }'
    )
    assert data["data"]["customerSearch"] == []
    return [data]


def _employment_providers_case(w):
    data = ask(
        w,
        "query($c: ID!) { employmentProviders(customerId: $c) { slug name } }",
        {"c": global_id("Customer", w.customer)},
    )
    assert data["data"]["employmentProviders"] == []
    return [data]


def _advisers_case(w):
    data = ask(w, "{ advisers { id fullName jobTitle } }")
    assert data["data"]["advisers"] == []  # B's champion books nothing
    return [data]


def _report_case(name):
    def case(w):
        data = ask(w, f"{{ {name} {{ report {{ dateFrom }} errors {{ field message code }} }} }}")
        # B is a support line: its champion has reports, not these ones.
        assert data["data"][name]["report"] is None
        assert [e["code"] for e in data["data"][name]["errors"]] == ["REFUSED"]
        return [data]

    return case


def _notes_case(w):
    answers = []
    for arg, type_name, obj in (
        ("contactId", "Contact", w.child),
        ("engagementId", "Engagement", w.engagement),
    ):
        data = ask(
            w,
            f"query($id: ID!) {{ notes({arg}: $id) {{ notes {{ edges {{ node {{ id summary body }} }} }} "
            "confidentialWithheld } }",
            {"id": global_id(type_name, obj)},
        )
        assert data["data"]["notes"] is None, arg
        answers.append(data)
    return answers


def _case_plan_case(w):
    data = ask(
        w,
        "query($id: ID!) { casePlan(engagementId: $id) { id goals { what } } }",
        {"id": global_id("Engagement", w.engagement)},
    )
    assert data["data"]["casePlan"] is None
    return [data]


def _record_case(w):
    answers = []
    for query, type_name, obj in (
        ("files(contactId: $id) { id name downloadPath }", "Contact", w.child),
        ("files(engagementId: $id) { id name }", "Engagement", w.engagement),
        ("incidents(contactId: $id) { id description }", "Contact", w.child),
    ):
        data = ask(w, f"query($id: ID!) {{ {query} }}", {"id": global_id(type_name, obj)})
        assert data["data"][query.split("(")[0]] is None, query
        answers.append(data)
    return answers


def _events_case(w):
    answers = []
    for arg, type_name, obj in (
        ("contactId", "Contact", w.child),
        ("engagementId", "Engagement", w.engagement),
    ):
        data = ask(
            w,
            f"query($id: ID!) {{ events({arg}: $id) {{ id place notes attendees {{ name }} }} }}",
            {"id": global_id(type_name, obj)},
        )
        assert data["data"]["events"] is None, arg
        answers.append(data)
    return answers


def _my_events_case(w):
    today = date.today().isoformat()
    data = ask(
        w,
        f'{{ myEvents(dateFrom: "{today}", dateTo: "{today}") {{ id place attendees {{ name }} }} }}',
    )
    assert data.get("data") and data["data"]["myEvents"] == [], data
    return [data]


def _agreements_case(w):
    """An agreement of A's with another partner never reaches B (B's champion sees its
    own and the platform-wide ones only)."""
    from referrals.agreements.models import AgreementStatus, DataSharingAgreement

    marker = "Agreement purpose marker"
    agreement = DataSharingAgreement.objects.create(
        proposer=w.partner,
        partner=Partner.objects.get(slug="kappa"),
        referral_types=["food"],
        purpose=marker,
        lawful_basis="consent",
        starts_on=date.today(),
        status=AgreementStatus.ACCEPTED,
        proposed_by_name="A's officer",
    )
    data = ask(w, "{ dataSharingAgreements { id withPartner purpose platformWide } }")
    shown = data["data"]["dataSharingAgreements"]
    assert shown and all(a["platformWide"] for a in shown)  # the session's, none of A's
    assert str(agreement.public_id) not in json.dumps(data) and marker not in json.dumps(data)
    return [data]


def _subject_access_export_case(w):
    """A's export, by its id, is null to B's champion (who holds the data protection
    role at B)."""
    data = ask(
        w,
        "query($id: ID!) { subjectAccessExport(id: $id) { id personName downloadUrl } }",
        {"id": str(w.subject_export.public_id)},
    )
    assert data.get("data") and data["data"]["subjectAccessExport"] is None, data
    return [data]


def _subject_access_choices_case(w):
    """A's contact's names and files are nothing to B's data protection officer."""
    data = ask(
        w,
        "query($c: ID!) { subjectAccessChoices(contactId: $c) { names files { key label } } }",
        {"c": global_id("Contact", w.child)},
    )
    assert data.get("data") and data["data"]["subjectAccessChoices"] is None, data
    return [data]


QUERY_CASES = {
    "subjectAccessExport": _subject_access_export_case,
    "subjectAccessChoices": _subject_access_choices_case,
    "dataSharingAgreements": _agreements_case,
    "events": _events_case,
    "myEvents": _my_events_case,
    "notes": _notes_case,
    "casePlan": _case_plan_case,
    "assessments": _assessments_case,
    "assessmentTemplates": _assessment_templates_case,
    "retentionRules": _retention_rules_case,
    "files": _record_case,
    "incidents": _record_case,
    "customerMatches": _customer_matches_case,
    "customerSearch": _customer_search_case,
    "contactSearch": _contact_search_case,
    "contactMatches": _contact_matches_case,
    "likelyDuplicates": _likely_duplicates_case("likelyDuplicates"),
    "duplicateCandidates": _likely_duplicates_case("duplicateCandidates"),
    "customerDuplicateCandidates": _likely_duplicates_case("customerDuplicateCandidates"),
    "importJobs": _import_jobs_case,
    "importJob": _import_job_case,
    "employmentProviders": _employment_providers_case,
    "advisers": _advisers_case,
    "employmentReport": _report_case("employmentReport"),
    "interestReport": _report_case("interestReport"),
    "node": _node_case,
    "me": _me_case,
    "roles": _roles_case,
    "manualTopic": _manual_topic_case,
    "manualSearch": _manual_search_case,
    **{
        name: _connection_case(name)
        for name, field in GRAPHQL.query_type.fields.items()
        if _named(field.type).name.endswith("Connection")
    },
}


# --- mutations ----------------------------------------------------------------------


def mutation_cases(w) -> dict:
    gid = global_id
    today = date.today().isoformat()
    errors = "errors { field message code }"
    return {
        "contactCreate": (
            f"""mutation($h: ID) {{ contactCreate(input: {{kind: "adult", firstName: "X",
            lastName: "Y", householdId: $h}}) {{ contact {{ id }} {errors} }} }}""",
            {"h": gid("Household", w.household)},
        ),
        "contactUpdate": (
            f"""mutation($id: ID!) {{ contactUpdate(input: {{id: $id, firstName: "Forged"}})
            {{ contact {{ id }} {errors} }} }}""",
            {"id": gid("Contact", w.child)},
        ),
        "householdMemberRemove": (
            f"""mutation($h: ID!, $c: ID!) {{ householdMemberRemove(input: {{householdId: $h,
            contactId: $c, reason: "Forged"}}) {{ household {{ id }} {errors} }} }}""",
            {"h": gid("Household", w.household), "c": gid("Contact", w.mum)},
        ),
        "engagementUpdate": (
            f"""mutation($id: ID!, $p: ID!) {{ engagementUpdate(input: {{id: $id,
            programmeId: $p, referralSource: "Forged", reason: "Forged"}})
            {{ engagement {{ id }} {errors} }} }}""",
            {"id": gid("Engagement", w.engagement), "p": gid("Programme", w.programme)},
        ),
        "deliveryUpdate": (
            f"""mutation($id: ID!, $s: ID!) {{ deliveryUpdate(input: {{id: $id, serviceId: $s,
            attendance: "absent", reason: "Forged"}}) {{ delivery {{ id }} {errors} }} }}""",
            {"id": gid("ServiceDelivery", w.delivery), "s": gid("Service", w.service)},
        ),
        "deliveryRemove": (
            f"""mutation($id: ID!) {{ deliveryRemove(input: {{id: $id, reason: "Forged"}})
            {{ delivery {{ id }} {errors} }} }}""",
            {"id": gid("ServiceDelivery", w.delivery)},
        ),
        "consultationUpdate": (
            f"""mutation($id: ID!) {{ consultationUpdate(input: {{id: $id, notes: "Forged",
            reason: "Forged"}}) {{ consultation {{ id }} {errors} }} }}""",
            {"id": gid("Consultation", w.consultation)},
        ),
        "consultationRemove": (
            f"""mutation($id: ID!) {{ consultationRemove(input: {{id: $id, reason: "Forged"}})
            {{ consultation {{ id }} {errors} }} }}""",
            {"id": gid("Consultation", w.consultation)},
        ),
        "consultationPersonAdd": (
            f"""mutation($c: ID!, $p: ID!) {{ consultationPersonAdd(input: {{consultationId: $c,
            contactId: $p, reason: "Forged"}}) {{ consultation {{ id }} {errors} }} }}""",
            {"c": gid("Consultation", w.consultation), "p": gid("Contact", w.child)},
        ),
        "consultationPersonRemove": (
            f"""mutation($c: ID!, $p: ID!) {{ consultationPersonRemove(input: {{consultationId: $c,
            contactId: $p, reason: "Forged"}}) {{ consultation {{ id }} {errors} }} }}""",
            {"c": gid("Consultation", w.consultation), "p": gid("Contact", w.mum)},
        ),
        "groupSessionUpdate": (
            f"""mutation($id: ID!, $s: ID!) {{ groupSessionUpdate(input: {{id: $id, serviceId: $s,
            date: "{today}", anonymousAttendees: 9, reason: "Forged"}})
            {{ groupSession {{ id }} {errors} }} }}""",
            {"id": gid("GroupSession", w.group_session), "s": gid("Service", w.service)},
        ),
        "householdMemberAdd": (
            f"""mutation($h: ID!, $c: ID!) {{ householdMemberAdd(householdId: $h,
            contactId: $c) {{ household {{ id }} {errors} }} }}""",
            {"h": gid("Household", w.household), "c": gid("Contact", w.child)},
        ),
        "relationshipCreate": (
            f"""mutation($c: ID!, $o: ID!) {{ relationshipCreate(contactId: $c,
            otherId: $o, kind: "sibling") {{ relationship {{ kind }} {errors} }} }}""",
            {"c": gid("Contact", w.child), "o": gid("Contact", w.mum)},
        ),
        "relationshipRemove": (
            f"""mutation($c: ID!, $o: ID!) {{ relationshipRemove(contactId: $c,
            otherId: $o, reason: "Forged") {{ relationship {{ kind }} {errors} }} }}""",
            {"c": gid("Contact", w.mum), "o": gid("Contact", w.child)},
        ),
        "engagementOpen": (
            f"""mutation($c: ID!, $p: ID!) {{ engagementOpen(input: {{contactId: $c,
            programmeId: $p, startDate: "{today}"}}) {{ engagement {{ id }} {errors} }} }}""",
            {"c": gid("Contact", w.child), "p": gid("Programme", w.programme)},
        ),
        "engagementClose": (
            f"""mutation($id: ID!) {{ engagementClose(input: {{id: $id, closedOn: "{today}"}})
            {{ engagement {{ id }} {errors} }} }}""",
            {"id": gid("Engagement", w.engagement)},
        ),
        "deliveryCreate": (
            f"""mutation($e: ID!, $s: ID!) {{ deliveryCreate(input: {{engagementId: $e,
            serviceId: $s, date: "{today}"}}) {{ delivery {{ id }} {errors} }} }}""",
            {"e": gid("Engagement", w.engagement), "s": gid("Service", w.service)},
        ),
        "deliveriesBulkCreate": (
            f"""mutation($e: ID!, $s: ID!) {{ deliveriesBulkCreate(input: {{rows: [
            {{engagementId: $e, serviceId: $s, date: "{today}"}}], anonymousAttendees: 2}})
            {{ deliveries {{ id }} {errors} }} }}""",
            {"e": gid("Engagement", w.engagement), "s": gid("Service", w.service)},
        ),
        "consultationCreate": (
            f"""mutation($e: ID!) {{ consultationCreate(input: {{engagementId: $e,
            date: "{today}", method: "phone", heldWith: "X", notes: "Forged"}})
            {{ consultation {{ id }} {errors} }} }}""",
            {"e": gid("Engagement", w.engagement)},
        ),
        "safeguardingCaseOpen": (
            f"""mutation($e: ID!) {{ safeguardingCaseOpen(input: {{engagementId: $e, threshold: "high",
            description: "Forged", raisedWith: "X", actionsAgreed: "Y"}}) {{ case {{ id }} {errors} }} }}""",
            {"e": gid("Engagement", w.engagement)},
        ),
        "monitoringActionAdd": (
            f"""mutation($c: ID!) {{ monitoringActionAdd(input: {{caseId: $c, actionsTaken: "Forged",
            takenBy: "X", rationale: "Y"}}) {{ monitoringAction {{ actionsTaken }} {errors} }} }}""",
            {"c": gid("SafeguardingCase", w.case)},
        ),
        "closureSubmit": (
            f"""mutation($c: ID!, $a: ID!) {{ closureSubmit(input: {{caseId: $c, approverId: $a,
            comment: "Forged"}}) {{ approvalRequest {{ id }} {errors} }} }}""",
            {"c": gid("SafeguardingCase", w.case), "a": gid("User", w.users["manager"])},
        ),
        "closureDecide": (
            f"""mutation($r: ID!) {{ closureDecide(input: {{approvalRequestId: $r, approve: true,
            comment: "Forged"}}) {{ approvalRequest {{ id }} {errors} }} }}""",
            {"r": gid("ApprovalRequest", w.closure)},
        ),
        "userCreate": (
            f"""mutation($m: ID) {{ userCreate(input: {{username: "forged-user",
            fullName: "Forged", roleKey: "call-handler", lineManagerId: $m}})
            {{ user {{ id }} {errors} }} }}""",
            {"m": gid("User", w.users["owner"])},
        ),
        "userUpdate": (
            f"""mutation($id: ID!) {{ userUpdate(input: {{id: $id, fullName: "Forged",
            roleKey: "call-handler", privileges: []}}) {{ user {{ id }} {errors} }} }}""",
            {"id": gid("User", w.users["owner"])},
        ),
        "userDeactivate": (
            f"""mutation($id: ID!) {{ userDeactivate(id: $id) {{ user {{ id }} {errors} }} }}""",
            {"id": gid("User", w.users["owner"])},
        ),
        "apiTokenCreate": (
            f"""mutation($u: ID!, $x: DateTime!) {{ apiTokenCreate(input: {{userId: $u,
            name: "Forged", scope: "write", expiresAt: $x}}) {{ secret {errors} }} }}""",
            {
                "u": gid("User", User.objects.get(username="integrator")),
                "x": (timezone.now() + timedelta(days=5)).isoformat(),
            },
        ),
        "callerCreate": (
            # Nothing of A to name: consent given without the names it requires.
            f"""mutation {{ callerCreate(input: {{consent: "given", postcodeDistrict: "M1"}})
            {{ caller {{ id }} {errors} }} }}""",
            {},
        ),
        "callerUpdate": (
            f"""mutation($c: ID!) {{ callerUpdate(input: {{callerId: $c, phone: "0"}})
            {{ caller {{ id }} {errors} }} }}""",
            {"c": gid("Contact", w.mum)},
        ),
        "supportCaseUpdate": (
            f"""mutation($c: ID!) {{ supportCaseUpdate(input: {{caseId: $c, title: "Forged"}})
            {{ case {{ id }} {errors} }} }}""",
            {"c": gid("SupportCase", w.support_case)},
        ),
        "localReferralUpdate": (
            f"""mutation($l: ID!) {{ localReferralUpdate(input: {{localReferralId: $l,
            details: {{household_size: "2"}}}}) {{ case {{ id }} {errors} }} }}""",
            {"l": gid("LocalReferral", w.local_referral)},
        ),
        "supportCaseCreate": (
            f"""mutation($c: ID!) {{ supportCaseCreate(input: {{callerId: $c,
            title: "Forged", identityConfirmed: true}}) {{ case {{ id }} {errors} }} }}""",
            {"c": gid("Contact", w.mum)},
        ),
        **{
            name: (
                f"""mutation($c: ID!) {{ {name}(caseId: $c{extra}) {{ case {{ id }} {errors} }} }}""",
                {"c": gid("SupportCase", w.support_case)},
            )
            for name, extra in (
                ("supportCaseVerify", ""),
                ("caseNoteAdd", ', text: "Forged"'),
                ("signpostAdd", ', category: "Housing"'),
                ("supportCaseReadyForReview", ""),
            )
        },
        "localReferralAdd": (
            f"""mutation($c: ID!) {{ localReferralAdd(input: {{caseId: $c, responseType: "food",
            details: {{household_size: "2"}}}}) {{ case {{ id }} {errors} }} }}""",
            {"c": gid("SupportCase", w.support_case)},
        ),
        "referralSend": (
            f"""mutation($l: ID!) {{ referralSend(input: {{localReferralId: $l,
            receiver: "kappa"}}) {{ referral {{ id }} {errors} }} }}""",
            {"l": gid("LocalReferral", w.local_referral)},
        ),
        "referralAccept": (
            f"""mutation($r: ID!, $c: ID!) {{ referralAccept(referralId: $r, contactId: $c)
            {{ referral {{ id }} {errors} }} }}""",
            {"r": gid("Referral", w.referral), "c": gid("Contact", w.mum)},
        ),
        **{
            name: (
                f"""mutation($r: ID!) {{ {name}(referralId: $r{extra}) {{ referral {{ id }} {errors} }} }}""",
                {"r": gid("Referral", w.referral)},
            )
            for name, extra in (
                ("referralDecline", ', reason: "Forged"'),
                ("referralWithdraw", ', reason: "Forged"'),
                ("referralStart", ""),
                ("referralComplete", ', outcomeCode: "need_met", outcome: "Forged"'),
                ("referralHold", ', reason: "Forged", reviewOn: "2030-01-01"'),
                ("referralResume", ""),
                ("referralFail", ', reason: "other", details: "Forged"'),
                ("referralReopen", ', reason: "Forged"'),
            )
        },
        "customerCreate": (
            # Nothing of A to name: A's customer's details, which must not come back as a match.
            f"""mutation {{ customerCreate(input: {{firstName: "Zephyrine",
            lastName: "Customermarker", housingReference: "HR-A-1"}})
            {{ customer {{ id }} matches {{ customer {{ id }} }} {errors} }} }}""",
            {},
        ),
        "customerRecordInterest": (
            f"""mutation($c: ID!) {{ customerRecordInterest(input: {{customerId: $c,
            interest: "interested", on: "{today}"}}) {{ customer {{ id }} {errors} }} }}""",
            {"c": gid("Customer", w.customer)},
        ),
        "customerUpdate": (
            f"""mutation($c: ID!) {{ customerUpdate(input: {{customerId: $c,
            phone: "0161 000 0000"}}) {{ customer {{ id }} {errors} }} }}""",
            {"c": gid("Customer", w.customer)},
        ),
        "customerRefer": (
            f"""mutation($c: ID!) {{ customerRefer(input: {{customerId: $c, provider: "kappa",
            supportWanted: "Forged", agreedOn: "{today}"}}) {{ referral {{ id }} {errors} }} }}""",
            {"c": gid("Customer", w.customer)},
        ),
        "appointmentBook": (
            f"""mutation($r: ID!) {{ appointmentBook(input: {{referralId: $r, on: "{today}",
            at: "10:00", place: "Forged"}}) {{ appointment {{ id }} {errors} }} }}""",
            {"r": gid("Referral", w.referral)},
        ),
        "appointmentUpdate": (
            f"""mutation($a: ID!) {{ appointmentUpdate(input: {{appointmentId: $a,
            place: "Forged"}}) {{ appointment {{ id }} {errors} }} }}""",
            {"a": gid("Appointment", w.appointment)},
        ),
        "appointmentRecordStatus": (
            f"""mutation($a: ID!) {{ appointmentRecordStatus(input: {{appointmentId: $a,
            status: "cancelled", cancelledBy: "customer"}}) {{ appointment {{ id }} {errors} }} }}""",
            {"a": gid("Appointment", w.appointment)},
        ),
        "outcomeStepRecord": (
            f"""mutation($r: ID!) {{ outcomeStepRecord(input: {{referralId: $r,
            kind: "first_attended", on: "{today}"}}) {{ outcomeStep {{ id }} {errors} }} }}""",
            {"r": gid("Referral", w.referral)},
        ),
        **{
            name: (
                f"""mutation($id: ID!) {{ {name}({arg}: $id, input: {{kind: "error",
                text: "Forged"}}) {{ correction {{ text }} {errors} }} }}""",
                {"id": gid_of},
            )
            for name, arg, gid_of in (
                ("caseNoteCorrect", "noteId", gid("CaseNote", w.note)),
                ("noteCorrect", "noteId", gid("Note", w.client_note)),
                (
                    "monitoringActionCorrect",
                    "monitoringActionId",
                    gid("MonitoringAction", w.action),
                ),
                ("closureDecisionCorrect", "closureDecisionId", gid("ClosureDecision", w.decision)),
                ("outcomeStepCorrect", "outcomeStepId", gid("OutcomeStep", w.step)),
            )
        },
        "assessmentStart": (
            f"""mutation($e: ID!, $t: ID!) {{ assessmentStart(engagementId: $e, templateId: $t)
            {{ assessment {{ id }} {errors} }} }}""",
            {"e": gid("Engagement", w.engagement), "t": gid("AssessmentTemplate", w.a_template)},
        ),
        "assessmentSave": (
            f"""mutation($a: ID!) {{ assessmentSave(assessmentId: $a, complete: true,
            answers: [{{questionKey: "words", text: "Forged"}}]) {{ assessment {{ id }} {errors} }} }}""",
            {"a": gid("Assessment", w.assessment)},
        ),
        **{
            name: (
                f"""mutation($s: ID!, $m: ID!) {{ {name}(input: {{survivorId: $s, mergedId: $m,
                keep: ["first_name"], reason: "Forged"}}) {{ survivor {{ id }} {errors} }} }}""",
                {"s": gid("Contact", w.child), "m": gid("Contact", w.mum)},
            )
            for name in ("contactsMerge", "contactMerge")
        },
        **{
            name: (
                f"""mutation($m: ID!) {{ {name}(input: {{mergeId: $m, reason: "Forged"}})
                {{ merge {{ id reason }} {errors} }} }}""",
                {"m": str(w.merge.public_id)},
            )
            for name in ("contactsUnmerge", "contactUnmerge")
        },
        "customersMerge": (
            f"""mutation($s: ID!, $m: ID!) {{ customersMerge(input: {{survivorId: $s,
            mergedId: $m, keep: ["first_name"], reason: "Forged"}})
            {{ survivor {{ id }} {errors} }} }}""",
            {"s": gid("Customer", w.customer), "m": gid("Customer", w.customer_twin)},
        ),
        "customersUnmerge": (
            f"""mutation($m: ID!) {{ customersUnmerge(input: {{mergeId: $m, reason: "Forged"}})
            {{ merge {{ id reason }} {errors} }} }}""",
            {"m": str(w.customer_merge.public_id)},
        ),
        "customersNotDuplicate": (
            f"""mutation($a: ID!, $b: ID!) {{ customersNotDuplicate(input: {{firstId: $a,
            secondId: $b, reason: "Forged"}}) {{ decided {errors} }} }}""",
            {"a": gid("Customer", w.customer), "b": gid("Customer", w.customer_twin)},
        ),
        "importUpload": (
            f"""mutation {{ importUpload(input: {{kind: "contacts", fileName: "a.csv",
            contentBase64: "not base64!"}}) {{ job {{ id }} {errors} }} }}""",
            {},
        ),
        "importCheck": (
            f"""mutation($j: ID!) {{ importCheck(input: {{jobId: $j, sourceSystem: "Forged"}})
            {{ job {{ id status }} {errors} }} }}""",
            {"j": str(w.import_job.public_id)},
        ),
        "importStart": (
            f"""mutation($j: ID!) {{ importStart(jobId: $j) {{ job {{ id status }} {errors} }} }}""",
            {"j": str(w.import_job.public_id)},
        ),
        "noteAdd": (
            f"""mutation($c: ID!) {{ noteAdd(input: {{contactId: $c, kind: "call",
            happenedAt: "{today}T09:00:00", summary: "Forged"}}) {{ note {{ id }} {errors} }} }}""",
            {"c": gid("Contact", w.child)},
        ),
        "callLog": (
            f"""mutation($e: ID!) {{ callLog(input: {{engagementId: $e, summary: "Forged"}})
            {{ note {{ id }} {errors} }} }}""",
            {"e": gid("Engagement", w.engagement)},
        ),
        "noteAmend": (
            f"""mutation($n: ID!) {{ noteAmend(noteId: $n, input: {{summary: "Forged"}})
            {{ note {{ id }} {errors} }} }}""",
            {"n": gid("Note", w.client_note)},
        ),
        "casePlanCreate": (
            f"""mutation($e: ID!) {{ casePlanCreate(input: {{engagementId: $e,
            reviewOn: "{today}"}}) {{ plan {{ id }} {errors} }} }}""",
            {"e": gid("Engagement", w.engagement)},
        ),
        "planGoalAdd": (
            f"""mutation($p: ID!) {{ planGoalAdd(input: {{planId: $p, what: "Forged"}})
            {{ goal {{ id }} {errors} }} }}""",
            {"p": gid("CasePlan", w.plan)},
        ),
        "planGoalUpdate": (
            f"""mutation($g: ID!) {{ planGoalUpdate(goalId: $g, input: {{what: "Forged"}})
            {{ goal {{ id }} {errors} }} }}""",
            {"g": gid("PlanGoal", w.plan_goal)},
        ),
        "planActionAdd": (
            f"""mutation($g: ID!, $u: ID!) {{ planActionAdd(input: {{goalId: $g,
            what: "Forged", ownerId: $u, dueOn: "{today}"}}) {{ action {{ id }} {errors} }} }}""",
            {"g": gid("PlanGoal", w.plan_goal), "u": gid("User", w.users["owner"])},
        ),
        "planActionUpdate": (
            f"""mutation($a: ID!) {{ planActionUpdate(actionId: $a, input: {{status: "done"}})
            {{ action {{ id }} {errors} }} }}""",
            {"a": gid("PlanAction", w.plan_action)},
        ),
        "planReviewRecord": (
            f"""mutation($p: ID!, $g: ID!) {{ planReviewRecord(input: {{planId: $p,
            comment: "Forged", nextReviewOn: "2099-01-01", progress: [{{goalId: $g,
            progress: "achieved"}}]}}) {{ review {{ comment }} {errors} }} }}""",
            {"p": gid("CasePlan", w.plan), "g": gid("PlanGoal", w.plan_goal)},
        ),
        "casePlanSubmit": (
            f"""mutation($p: ID!, $u: ID!) {{ casePlanSubmit(planId: $p, approverId: $u)
            {{ plan {{ id }} {errors} }} }}""",
            {"p": gid("CasePlan", w.plan), "u": gid("User", w.users["manager"])},
        ),
        "casePlanDecide": (
            f"""mutation($p: ID!) {{ casePlanDecide(planId: $p, approve: true)
            {{ plan {{ id }} {errors} }} }}""",
            {"p": gid("CasePlan", w.plan)},
        ),
        "incidentRaise": (
            f"""mutation($c: ID!) {{ incidentRaise(input: {{contactId: $c, kind: "Injury",
            severity: "high", happenedAt: "{today}T09:00:00", description: "Forged"}})
            {{ incident {{ id }} {errors} }} }}""",
            {"c": gid("Contact", w.child)},
        ),
        "eventCreate": (
            f"""mutation($c: ID!, $e: ID!) {{ eventCreate(input: {{kind: "visit",
            date: "{today}", start: "10:00", end: "11:00", place: "Forged",
            attendees: [{{contactId: $c, engagementId: $e}}]}}) {{ events {{ id }} {errors} }} }}""",
            {"c": gid("Contact", w.child), "e": gid("Engagement", w.engagement)},
        ),
        "attendanceRecord": (
            f"""mutation($v: ID!, $c: ID!) {{ attendanceRecord(eventId: $v,
            attendance: [{{contactId: $c, presence: "attended"}}]) {{ event {{ id }} {errors} }} }}""",
            {"v": gid("Event", w.event), "c": gid("Contact", w.child)},
        ),
        "eventCancel": (
            f"""mutation($v: ID!) {{ eventCancel(eventId: $v, reason: "Forged")
            {{ event {{ id }} {errors} }} }}""",
            {"v": gid("Event", w.event)},
        ),
        "taskCreate": (
            f"""mutation($r: ID!, $a: ID!) {{ taskCreate(input: {{recordId: $r,
            assigneeId: $a, title: "Forged"}}) {{ task {{ id }} {errors} }} }}""",
            {"r": gid("SafeguardingCase", w.case), "a": gid("User", w.users["owner"])},
        ),
        "taskComplete": (
            f"""mutation($t: ID!) {{ taskComplete(taskId: $t) {{ task {{ id }} {errors} }} }}""",
            {"t": gid("Task", w.task)},
        ),
        "engagementAccessRequest": (
            f"""mutation($e: ID!) {{ engagementAccessRequest(engagementId: $e, reason: "Forged")
            {{ access {{ expiresAt }} engagement {{ id }} {errors} }} }}""",
            {"e": gid("Engagement", w.engagement)},
        ),
        "subjectAccessRequest": (
            f"""mutation($c: ID!) {{ subjectAccessRequest(contactId: $c)
            {{ export {{ id personName }} {errors} }} }}""",
            {"c": gid("Contact", w.mum)},
        ),
        # Well formed but for its terms, so B's proposal to A is refused as invalid.
        "dataSharingAgreementPropose": (
            f"""mutation($p: String!) {{ dataSharingAgreementPropose(input: {{partner: $p,
            referralTypes: [], purpose: "Forged", lawfulBasis: "consent", startsOn: "{today}",
            endsOn: "{today}"}}) {{ agreement {{ id }} {errors} }} }}""",
            {"p": w.partner.slug},
        ),
        "dataSharingAgreementAccept": (
            f"""mutation($a: ID!) {{ dataSharingAgreementAccept(agreementId: $a)
            {{ agreement {{ id purpose }} {errors} }} }}""",
            {"a": str(w.agreement.public_id)},
        ),
        **{
            name: (
                f"""mutation($a: ID!) {{ {name}(agreementId: $a, reason: "Forged")
                {{ agreement {{ id purpose }} {errors} }} }}""",
                {"a": str(w.agreement.public_id)},
            )
            for name in ("dataSharingAgreementDecline", "dataSharingAgreementEnd")
        },
        "apiTokenRevoke": (
            f"""mutation($id: ID!) {{ apiTokenRevoke(id: $id) {{ token {{ id }} {errors} }} }}""",
            {"id": str(w.a_token.public_id)},
        ),
    }


NAMES_NOTHING_OF_A = {"customerCreate"}


def test_every_query_field_has_a_case():
    assert set(QUERY_CASES) == set(GRAPHQL.query_type.fields)


def test_every_mutation_has_a_case(sweep):
    assert set(mutation_cases(sweep)) == set(GRAPHQL.mutation_type.fields)


@pytest.mark.parametrize("field", sorted(QUERY_CASES))
def test_query_field_shows_nothing_of_partner_a(sweep, field):
    """Each case checks its field's own answer and returns every response it got; none
    may carry anything of partner A."""
    answers = QUERY_CASES[field](sweep)
    assert answers
    for data in answers:
        assert_nothing_of_a(sweep, data)


@pytest.mark.parametrize("field", sorted(GRAPHQL.mutation_type.fields))
def test_mutation_changes_nothing_of_partner_a(sweep, field):
    w = sweep
    query, variables = mutation_cases(w)[field]
    before = snapshot_a(w)
    data = ask(w, query, variables)
    assert "errors" not in data, data
    payload = data["data"][field]
    assert payload["errors"], payload
    # REFUSED only where the input names nothing of A (B's champion may not add customers).
    allowed = {"NOT_FOUND", "INVALID"} | ({"REFUSED"} if field in NAMES_NOTHING_OF_A else set())
    assert {e["code"] for e in payload["errors"]} <= allowed, payload
    assert_nothing_of_a(w, data)
    assert snapshot_a(w) == before
    connection.set_tenant(w.partner_b)
    assert User.objects.count() == w.b_users  # nothing half-made at B either
    connection.set_tenant(w.partner)


def test_the_same_ids_work_at_partner_a(sweep, client_a):
    """So the refusals above are about the partner, not broken queries."""
    w = sweep
    status, data = gql(
        client_a,
        "query($id: ID!) { node(id: $id) { ... on Engagement { contact { firstName } } } }",
        {"id": global_id("Engagement", w.engagement)},
        token=w.a_token_secret,
    )
    assert data["data"]["node"]["contact"]["firstName"] == "Zephyrine"
    query, variables = mutation_cases(w)["deliveryCreate"]
    status, data = gql(client_a, query, variables, token=w.a_token_secret)
    assert data["data"]["deliveryCreate"]["errors"] == []


def test_partner_a_reads_each_of_its_objects_whole(sweep, client_a):
    """Every field of every type, on real rows, by someone of A who may see them: the
    sweep above gets nothing back, so this is where resolvers run on data. gql() fails
    on any column the optimizer's only() left out (see no_deferred_column_loads)."""
    w = sweep
    readers = [(client_a, w.a_token_secret)]
    for user in (w.users["owner"], w.users["manager"], User.objects.get(username="champion")):
        client = Client(HTTP_HOST=domain_of(w.partner))
        client.force_login(user)
        readers.append((client, None))
    read_whole = set()
    for type_name, obj in w.objects.items():
        fields = selection(GRAPHQL.type_map[type_name], depth=1)
        query = f"query($id: ID!) {{ node(id: $id) {{ ... on {type_name} {{ {fields} }} }} }}"
        for client, token in readers:
            status, data = gql(client, query, {"id": global_id(type_name, obj)}, token=token)
            assert status == 200 and "errors" not in data, (type_name, data)
            if data["data"]["node"] is not None:
                read_whole.add(type_name)
                break
    # A family centre's roles take no support-line calls, send no referrals and have no
    # borough customers nor appointments: those types are read whole (through the same
    # guard) in test_referrals, test_customers and test_employment*.
    employment = {"SupportCase", "Customer", "Referral", "Appointment", "OutcomeStep"}
    assert read_whole == set(w.objects) - employment
