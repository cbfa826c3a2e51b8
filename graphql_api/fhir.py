"""A referral in HL7 FHIR R4's shape, read-only, for integrators whose partners run FHIR
systems: GET /fhir/referrals/<id>/ answers a Bundle of the referral's Task (its status is
referrals.models.FHIR_TASK_STATUS, the one mapping) and the ServiceRequest it fulfils.

Ids, statuses, codes and dates; the person's name and area only when the caller may see
them (referrals.policy.can_see_referral_person). The same callers as the GraphQL API: an
API token (Authorization: Bearer, rate limited the same way) or a portal session; a
referral the caller may not see is not found, like one that does not exist."""

import json

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from graphql_api import auth
from referrals import policy, selectors
from referrals.models import Direction, Referral, fhir_status
from referrals.types import REFERRAL_TYPES

FHIR_JSON = "application/fhir+json"
# ServiceRequest.status follows the Task's (FHIR's request status codes).
REQUEST_STATUS = {
    "draft": "draft",
    "requested": "active",
    "received": "active",
    "accepted": "active",
    "in-progress": "active",
    "on-hold": "on-hold",
    "completed": "completed",
    "rejected": "revoked",
    "cancelled": "revoked",
    "failed": "revoked",
    "entered-in-error": "entered-in-error",
}


def _answer(status: int, body: dict) -> HttpResponse:
    return HttpResponse(json.dumps(body), status=status, content_type=FHIR_JSON)


def _outcome(code: str, text: str) -> dict:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": text}],
    }


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _drop_empty(resource: dict) -> dict:
    return {k: v for k, v in resource.items() if v not in (None, "", [], {})}


def referral_bundle(referral: Referral, *, here: str, person_shown: bool) -> dict:
    """The Bundle: the Task and its ServiceRequest (and, when shown, the person)."""
    task_status = fhir_status(referral.status)
    ids = str(referral.public_id)
    spec = REFERRAL_TYPES.get(referral.referral_type)
    sender, receiver = (
        (here, referral.other_partner_name)
        if referral.direction == Direction.SENT
        else (referral.other_partner_name, here)
    )
    person = (referral.payload or {}).get("person", {}) if person_shown else {}
    name = " ".join(p for p in (person.get("first_name"), person.get("last_name")) if p)
    subject = {"reference": f"Patient/{ids}"} if person_shown else {"display": "Not shown"}
    reason = ""
    if referral.status == "failed":
        reason = referral.get_fail_reason_display()
    elif referral.status == "on_hold":
        reason = referral.hold_reason
    elif referral.status in ("declined", "withdrawn"):
        reason = referral.decline_reason or referral.withdraw_reason
    task = _drop_empty(
        {
            "resourceType": "Task",
            "id": ids,
            "status": task_status,
            "businessStatus": {"text": referral.get_status_display()},
            "statusReason": {"text": reason} if reason else None,
            "intent": "order",
            "focus": {"reference": f"ServiceRequest/{ids}"},
            "for": subject,
            "authoredOn": _when(referral.sent_at),
            "lastModified": _when(referral.status_changed_at),
            "requester": {"display": sender},
            "owner": {"display": receiver},
            "restriction": {"period": _drop_empty({"end": _when(referral.complete_by)})},
            "output": [
                {
                    "type": {"text": "outcome"},
                    "valueCodeableConcept": {
                        "coding": [{"code": referral.outcome_code}],
                        "text": referral.get_outcome_code_display(),
                    },
                }
            ]
            if referral.outcome_code
            else None,
        }
    )
    request = _drop_empty(
        {
            "resourceType": "ServiceRequest",
            "id": ids,
            "status": REQUEST_STATUS[task_status],
            "intent": "order",
            "code": {
                "coding": [{"code": referral.referral_type}],
                "text": spec.label if spec else referral.referral_type,
            },
            "subject": subject,
            "authoredOn": _when(referral.sent_at),
            "occurrencePeriod": _drop_empty({"end": _when(referral.complete_by)}),
        }
    )
    entries = [{"resource": task}, {"resource": request}]
    if person_shown:
        patient = _drop_empty(
            {
                "resourceType": "Patient",
                "id": ids,
                "name": [{"text": name}] if name else None,
                "address": [{"district": person.get("postcode_district")}]
                if person.get("postcode_district")
                else None,
            }
        )
        entries.append({"resource": patient})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


@never_cache
@require_GET
def referral_fhir(request, public_id):
    bearer = auth.bearer_of(request)
    if bearer is not None:
        if auth.authenticate_token(request, bearer) is None:
            return auth.unauthenticated()
        refused = auth.rate_limited(request.api_token)
        if refused is not None:
            return refused
    elif not (request.user.is_authenticated and request.user.is_active):
        return auth.unauthenticated()
    user = request.user
    referral = selectors.referrals_visible_to(user=user).filter(public_id=public_id).first()
    if referral is None:
        return _answer(404, _outcome("not-found", "No referral with this id is visible to you."))
    shown = policy.can_see_referral_person(user, referral)
    return _answer(200, referral_bundle(referral, here=request.tenant.name, person_shown=shown))
