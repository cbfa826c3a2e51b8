"""A partner's casework: contacts, households, relationships, programmes and their
services, engagements, deliveries and consultations. All of it lives in the
partner's own schema; URLs and exports use the UUID public ids, never the keys.

Two modules, re-exported here so `from casework.models import Contact` and the app's
label stay as they were: `people` (contacts, households, relationships) and `work`
(programmes, engagements, deliveries, consultations). Each tracked model's
history model (`ContactEvent`, …) is made by pghistory here, in the app's `models`.
"""

from casework.models.people import (
    GENDERED,
    HOUSEHOLD_MEMBERS_MAX,
    INVERSE,
    RELATIONSHIPS_MAX,
    ROLE,
    AdultRole,
    Consent,
    Contact,
    ContactKind,
    Household,
    Relationship,
    RelationshipQuerySet,
    RelationshipType,
    Removable,
)
from casework.models.work import (
    ENDED_STAGES,
    EVENT_WORDS,
    Attendance,
    CaseworkEvent,
    CaseworkSettings,
    Consultation,
    ConsultationMethod,
    ConsultationParticipant,
    Engagement,
    GroupSession,
    ParticipantQuerySet,
    Programme,
    Service,
    ServiceDelivery,
    Stage,
)

__all__ = [
    "ENDED_STAGES",
    "EVENT_WORDS",
    "GENDERED",
    "HOUSEHOLD_MEMBERS_MAX",
    "INVERSE",
    "RELATIONSHIPS_MAX",
    "ROLE",
    "AdultRole",
    "Attendance",
    "CaseworkEvent",
    "CaseworkSettings",
    "Consent",
    "Consultation",
    "ConsultationMethod",
    "ConsultationParticipant",
    "Contact",
    "ContactKind",
    "Engagement",
    "GroupSession",
    "Household",
    "ParticipantQuerySet",
    "Programme",
    "Relationship",
    "RelationshipQuerySet",
    "RelationshipType",
    "Removable",
    "Service",
    "ServiceDelivery",
    "Stage",
]
