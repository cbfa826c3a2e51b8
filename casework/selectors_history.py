"""The change history of a contact, household or engagement (casework.history), with the
same visibility as the record itself (casework.selectors)."""

from django.db.models import Q

from casework.duplicates.models import MergeEvent
from casework.history import Merged, events_page, history_of
from casework.models import (
    Consultation,
    ConsultationEvent,
    ConsultationParticipantEvent,
    ContactEvent,
    EngagementEvent,
    HouseholdEvent,
    RelationshipEvent,
    ServiceDeliveryEvent,
)
from casework.selectors import contact_get, engagement_get, household_get


def contact_history(*, user, public_id, page=1):
    """(contact, a page of history) or None. The contact's own changes and the
    relationships recorded from their side, and merges with a duplicate record (either
    side); their engagements' history stays on the engagements, which not everyone may see."""
    contact = contact_get(user=user, public_id=public_id)
    if contact is None:
        return None
    events = history_of(ContactEvent, RelationshipEvent, MergeEvent, references=contact).filter(
        Q(pgh_model="casework.ContactEvent", pgh_obj_id=str(contact.pk))
        | Q(pgh_model="casework.RelationshipEvent", pgh_data__contact_id=contact.pk)
        | Q(pgh_model="duplicates.MergeEvent")
    )
    return contact, events_page(events, number=page)


def household_history(*, user, public_id, page=1):
    """(household, a page of history) or None: address changes, renames and members."""
    household = household_get(user=user, public_id=public_id)
    if household is None:
        return None
    # Its own changes, and members joining, leaving or removed as entered in error.
    events = history_of(HouseholdEvent, ContactEvent, references=household).filter(
        Q(pgh_model="casework.HouseholdEvent")
        | Q(pgh_label="insert")
        | Q(pgh_diff__has_any_keys=["household_id", "removed_at"])
    )
    return household, events_page(events, number=page, name_contacts=True)


def engagement_history(*, user, public_id, page=1):
    """(engagement, a page of history) or None: the engagement's changes with its
    deliveries' and consultations', for those who may see the engagement."""
    engagement = engagement_get(user=user, public_id=public_id)
    if engagement is None:
        return None
    events = history_of(
        EngagementEvent, ServiceDeliveryEvent, ConsultationEvent, references=engagement
    )
    consultations = list(Consultation.objects.filter(engagement=engagement).only("pk"))
    if consultations:  # the people they were held with, added or removed
        events = Merged(events, history_of(ConsultationParticipantEvent, references=consultations))
    return engagement, events_page(events, number=page, hide=("contact",))
