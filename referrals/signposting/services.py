"""Signposting a support-line caller to a directory service (external services above
all: the person is given its phone, email or website; nothing is sent to it)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from casework.tracking import attributed
from referrals import policy
from referrals.models import SupportCase
from referrals.selectors_directory import external_service_get
from referrals.services.cases import case_changed_after_submission, case_verified_check

from .models import ServiceSignpost


@attributed
def service_signpost_add(*, actor, case: SupportCase, service_public_id) -> ServiceSignpost:
    """The call handler tells the caller about an external service: recorded on the case
    with the ways to reach it as the directory gave them."""
    policy.check_handle_calls(actor)
    case_verified_check(actor=actor, case=case)
    try:
        service = external_service_get(public_id=uuid.UUID(str(service_public_id)))
    except ValueError:
        service = None
    if service is None:
        raise ValidationError({"service": "Choose a service from the list."})
    with transaction.atomic():
        case = SupportCase.objects.select_for_update().get(pk=case.pk)
        signpost = ServiceSignpost.objects.create(
            case=case,
            service_public_id=service.public_id,
            service_name=service.name[:200],
            organisation_name=service.organisation_name[:200],
            email=service.email,
            phone=service.phone,
            url=service.url,
            added_by=actor,
        )
        case_changed_after_submission(
            actor=actor, case=case, action="signpost added", detail=service.name
        )
    return signpost
