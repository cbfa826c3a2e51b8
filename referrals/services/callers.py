"""Support-line callers and beneficiaries are casework contacts (one person record per
partner, found by the global search) with the support line's consent rules: with
consent, names and postcode are required; without it, only the postcode district and its
region may be kept — anything that identifies the person is refused."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casework.models import Consent, Contact, ContactKind, Household
from casework.services.contacts import client_id_next, phone_key
from casework.services.households import household_rename
from casework.tracking import attributed
from referrals import policy
from tenants.postcodes import normalise_postcode
from tenants.services.reference import district_normalise, region_for

IDENTIFYING = {
    "first_name": "the first name",
    "last_name": "the last name",
    "phone": "a phone number",
    "email": "an email address",
    "postcode": "the full postcode",
    "alerts": "notes about the person",
}


def consent_errors(*, consent, consent_decided_on, values: dict) -> dict:
    """The consent rules, shared by every way a caller or beneficiary is recorded."""
    errors = {}
    if consent not in Consent.values:
        return {"consent": "Choose the consent status the caller gave."}
    if consent == Consent.GIVEN:
        if not values.get("first_name", "").strip():
            errors["first_name"] = "Enter the first name: it is required when consent is given."
        if not values.get("last_name", "").strip():
            errors["last_name"] = "Enter the last name: it is required when consent is given."
        if not values.get("postcode", "").strip():
            errors["postcode"] = "Enter the postcode: it is required when consent is given."
    else:
        for name, what in IDENTIFYING.items():
            if values.get(name, "").strip():
                errors[name] = (
                    f"Without consent, do not record {what}: only the postcode district "
                    "and region may be kept."
                )
    if consent in (Consent.GIVEN, Consent.REFUSED) and not consent_decided_on:
        errors["consent_decided_on"] = "Enter the date of the consent decision."
    if consent_decided_on and consent_decided_on > date.today():
        errors["consent_decided_on"] = "The consent decision date cannot be in the future."
    return errors


def _caller_clean(values: dict) -> tuple[dict, dict]:
    """The consent rules and the postcode → district → region of a caller as they will be
    saved: (postcode, district, region), errors naming the field. One rule for recording
    and correcting a caller."""
    errors = consent_errors(
        consent=values.get("consent"),
        consent_decided_on=values.get("consent_decided_on"),
        values={k: v or "" for k, v in values.items() if k in IDENTIFYING},
    )
    postcode = (values.get("postcode") or "").strip()
    postcode_district = (values.get("postcode_district") or "").strip()
    normalised = district = region = ""
    if postcode and "postcode" not in errors:
        try:
            normalised = normalise_postcode(postcode)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if normalised:
        district = normalised.split(" ")[0]
        if postcode_district and postcode_district.upper() != district:
            errors["postcode_district"] = (
                f"The postcode district should be {district}, the first part of {normalised}."
            )
    elif postcode_district:
        try:
            district = district_normalise(postcode_district)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    elif "postcode" not in errors:
        errors["postcode_district"] = (
            "Enter the postcode district (the first part of the postcode), or UK if the "
            "caller gave none."
        )
    if district and "postcode_district" not in errors:
        region = region_for(district) or ""
        if not region:
            errors["postcode_district"] = (
                f"We have no region for “{district}”: check it, or enter UK."
            )
    return {"postcode": normalised, "postcode_district": district, "region": region}, errors


@attributed
def caller_create(
    *,
    actor,
    consent: str,
    consent_decided_on: date | None = None,
    postcode_district: str = "",
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    email: str = "",
    postcode: str = "",
    alerts: str = "",
    on_behalf_of: Contact | None = None,
) -> Contact:
    """A new caller (or, with on_behalf_of set to the caller, a beneficiary whose consent
    the caller gave on their behalf). The region comes from the postcode district."""
    policy.check_handle_calls(actor)
    area, errors = _caller_clean(
        {
            "consent": consent,
            "consent_decided_on": consent_decided_on,
            "postcode_district": postcode_district,
            "first_name": first_name,
            "last_name": last_name,
            "phone": phone,
            "email": email,
            "postcode": postcode,
            "alerts": alerts,
        }
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        household = Household.objects.create(name="Household", postcode=area["postcode"])
        contact = Contact.objects.create(
            client_id=client_id_next(),
            kind=ContactKind.ADULT,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            phone=phone.strip(),
            phone_digits=phone_key(phone),
            email=email.strip(),
            alerts=alerts.strip(),
            consent=consent,
            consent_given_by=on_behalf_of,
            consent_decided_on=consent_decided_on,
            postcode_district=area["postcode_district"],
            region=area["region"],
            household=household,
            created_by=actor,
        )
        household_rename(household)
    return contact


CALLER_DETAILS = (
    "consent",
    "consent_decided_on",
    "first_name",
    "last_name",
    "phone",
    "email",
    "postcode",
    "postcode_district",
    "alerts",
)


@attributed
def caller_update(*, actor, contact: Contact, reason: str = "", **changes) -> Contact:
    """Correct a caller's or beneficiary's details under the same consent rules as when
    they were recorded: someone recorded without consent cannot be given a name unless
    consent is recorded with it. A changed name needs a reason. Consent is withdrawn with
    contact_consent_withdraw (it erases and redacts), never here."""
    policy.check_handle_calls(actor)
    unknown = set(changes) - set(CALLER_DETAILS)
    if unknown:
        raise ValidationError({name: "This detail cannot be changed here." for name in unknown})
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        household = Household.objects.select_for_update().get(pk=contact.household_id)
        current = {name: getattr(contact, name) for name in CALLER_DETAILS if name != "postcode"}
        current["postcode"] = household.postcode
        values = current | {
            name: value.strip() if isinstance(value, str) else value
            for name, value in changes.items()
        }
        area, errors = _caller_clean(values)
        if current["consent"] == Consent.GIVEN and values["consent"] != Consent.GIVEN:
            errors["consent"] = (
                "To record that they withdrew consent, use “Withdraw consent”: their details "
                "are then erased here and at every partner."
            )
        values |= area
        current["region"] = contact.region
        changed = {name: value for name, value in values.items() if value != current[name]}
        errors |= policy.reason_missing(policy.caller_change_needs_reason(contact, changed), reason)
        if errors:
            raise ValidationError(errors)
        if not changed:
            return contact
        for name, value in changed.items():
            if name != "postcode":
                setattr(contact, name, value)
        contact.phone_digits = phone_key(contact.phone)
        contact.save()
        if "postcode" in changed:
            household.postcode = changed["postcode"]
            household.save(update_fields=["postcode"])
        if "last_name" in changed:
            household_rename(household)
    return contact


@attributed
def contact_consent_withdraw(*, actor, contact: Contact, decided_on: date | None = None):
    """The person withdraws consent: their identifying details are erased here, every open
    referral about them is withdrawn, and every receiver's copy is redacted."""
    from referrals.services.exchange import referrals_redact_for_contact

    policy.check_handle_calls(actor)
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        referrals_redact_for_contact(actor=actor, contact=contact)
        contact.first_name = contact.last_name = contact.preferred_name = ""
        contact.phone = contact.phone_digits = contact.email = contact.alerts = ""
        contact.date_of_birth = None
        contact.consent = Consent.REFUSED
        contact.consent_decided_on = decided_on or timezone.localdate()
        contact.save()
        household = Household.objects.select_for_update().get(pk=contact.household_id)
        if household.members.count() == 1:
            household.address_line_1 = household.address_line_2 = household.town = ""
            household.postcode = ""
            household.save()
        household_rename(household)
    return contact
