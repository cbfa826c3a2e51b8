"""Contacts: children and adults, each in a household, with a per-partner client ID."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from casework import policy
from casework.consent import casework_settings_create
from casework.models import (
    HOUSEHOLD_MEMBERS_MAX,
    AdultRole,
    CaseworkSettings,
    Consent,
    Contact,
    ContactKind,
    Household,
)
from casework.services.households import household_rename
from casework.services.removal import mark_removed
from casework.tracking import attributed
from tenants.postcodes import normalise_postcode

UPN_RE = re.compile(r"^[A-Z][0-9]{11}[0-9A-Z]$")


def phone_key(phone: str) -> str:
    """Digits only, UK numbers in national form: '+44 7700 900123' → '07700900123'."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("44") and len(digits) >= 12:
        digits = "0" + digits[2:].removeprefix("0")  # "+44 (0)7700 …" too
    return digits


def client_id_next() -> str:
    """The partner's next client ID (“FC-000123”), numbered under a lock on its settings
    row: call it inside the transaction that saves the new contact."""
    return client_ids_next(1)[0]


def client_ids_next(count: int) -> list[str]:
    """The partner's next `count` client IDs, taken at once under the same lock (an
    import's batch numbers its new contacts in one statement, not one each)."""
    settings_row = CaseworkSettings.objects.select_for_update().first()
    if settings_row is None:
        settings_row = casework_settings_create()
        settings_row = CaseworkSettings.objects.select_for_update().get(pk=settings_row.pk)
    number = settings_row.next_client_number
    settings_row.next_client_number = number + count
    settings_row.save(update_fields=["next_client_number"])
    return [f"{settings_row.client_id_prefix}-{n:06d}" for n in range(number, number + count)]


def _validate(
    *, kind, first_name, last_name, date_of_birth, email, unique_pupil_number, consent, adult_role
) -> dict:
    errors = {}
    if kind not in ContactKind.values:
        errors["kind"] = "Choose child or adult."
    if not first_name.strip():
        errors["first_name"] = "Enter the first name."
    if not last_name.strip():
        errors["last_name"] = "Enter the last name."
    if kind == ContactKind.CHILD and not date_of_birth:
        errors["date_of_birth"] = "Enter the child's date of birth: it is required for a child."
    if date_of_birth and date_of_birth > date.today():
        errors["date_of_birth"] = "The date of birth cannot be in the future."
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Enter an email address like name@example.org."
    upn = unique_pupil_number.strip().upper()
    if upn and not UPN_RE.match(upn):
        errors["unique_pupil_number"] = (
            "A Unique Pupil Number is a letter, 11 digits and a final letter or digit."
        )
    if consent not in Consent.values:
        errors["consent"] = "Choose the consent status."
    if adult_role and adult_role not in AdultRole.values:
        errors["adult_role"] = "Choose parent, carer or other."
    return errors


def contact_fields_check(
    *,
    kind: str,
    first_name: str,
    last_name: str,
    date_of_birth: date | None = None,
    adult_role: str = "",
    email: str = "",
    unique_pupil_number: str = "",
    consent: str = Consent.NOT_REQUESTED,
    postcode: str = "",
) -> tuple[dict, str]:
    """A new contact's details checked, as (errors by field, the postcode normalised):
    contact_create's rules, and an import's batch's (casework.imports.bulk_contacts),
    so both refuse with the same messages. `postcode`: a new household's."""
    errors = _validate(
        kind=kind,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        email=email,
        unique_pupil_number=unique_pupil_number,
        consent=consent,
        adult_role=adult_role if kind == ContactKind.ADULT else "",
    )
    normalised = ""
    if postcode.strip():
        try:
            normalised = normalise_postcode(postcode)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    return errors, normalised


def household_built(
    *, address_line_1: str = "", address_line_2: str = "", town: str = "", postcode: str = ""
) -> Household:
    """A new household, not saved (`postcode` normalised already); named after its
    members once they join (household_rename, or the import's batch)."""
    return Household(
        name="Household",
        address_line_1=address_line_1.strip(),
        address_line_2=address_line_2.strip(),
        town=town.strip(),
        postcode=postcode,
    )


def contact_built(*, actor, household: Household, client_id: str, kind: str, **details) -> Contact:
    """A new contact as contact_create saves it, not saved: its details trimmed and keyed
    (the phone's digits, the pupil number in capitals). Checked first by
    contact_fields_check."""
    given = details | {k: v.strip() for k, v in details.items() if isinstance(v, str)}
    role = given.pop("adult_role", "")
    pupil_number = given.pop("unique_pupil_number", "").upper()
    return Contact(
        **given,
        client_id=client_id,
        kind=kind,
        adult_role=role if kind == ContactKind.ADULT else "",
        unique_pupil_number=pupil_number,
        phone_digits=phone_key(given.get("phone", "")),
        household=household,
        created_by=actor,
    )


@attributed
def contact_create(
    *,
    actor,
    kind: str,
    first_name: str,
    last_name: str,
    date_of_birth: date | None = None,
    adult_role: str = "",
    preferred_name: str = "",
    pronouns: str = "",
    unique_pupil_number: str = "",
    phone: str = "",
    email: str = "",
    alerts: str = "",
    watch_list: bool = False,
    consent: str = Consent.NOT_REQUESTED,
    consent_decided_on: date | None = None,
    household: Household | None = None,
    address_line_1: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
) -> Contact:
    """Create a contact. Without a household, a new one named after their surname,
    at the address given; with one, they join it (and its name follows)."""
    policy.check_record_casework(actor)
    errors, normalised = contact_fields_check(
        kind=kind,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        email=email,
        unique_pupil_number=unique_pupil_number,
        consent=consent,
        adult_role=adult_role,
        postcode=postcode if household is None else "",
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if household is None:
            household = household_built(
                address_line_1=address_line_1,
                address_line_2=address_line_2,
                town=town,
                postcode=normalised,
            )
            household.save()
        else:
            household = Household.objects.select_for_update().get(pk=household.pk)
            check_room_in_household(household)
        contact = contact_built(
            actor=actor,
            household=household,
            client_id=client_id_next(),
            kind=kind,
            adult_role=adult_role,
            first_name=first_name,
            last_name=last_name,
            preferred_name=preferred_name,
            pronouns=pronouns,
            date_of_birth=date_of_birth,
            unique_pupil_number=unique_pupil_number,
            phone=phone,
            email=email,
            alerts=alerts,
            watch_list=watch_list,
            consent=consent,
            consent_decided_on=consent_decided_on,
        )
        contact.save()
        household_rename(household)
    return contact


REMOVED_MESSAGE = "This contact was removed from their household as entered in error."
ANONYMOUS_REFUSED = ("first_name", "last_name", "preferred_name", "phone", "email", "alerts")
CONTACT_DETAILS = (
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "date_of_birth",
    "adult_role",
    "unique_pupil_number",
    "phone",
    "email",
    "alerts",
    "watch_list",
    "consent",
    "consent_decided_on",
)


@attributed
def contact_update(*, actor, contact: Contact, reason: str = "", **changes) -> Contact:
    """Change a contact's details (not their kind or household). Only the fields given
    change; the whole record is validated as it will be saved. A child's names and date
    of birth change only with a reason (policy), kept on the History tab."""
    policy.check_record_casework(actor)
    unknown = set(changes) - set(CONTACT_DETAILS)
    if unknown:
        raise ValidationError({field: "This detail cannot be changed here." for field in unknown})
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        if contact.is_removed:
            raise ValidationError({"contact": REMOVED_MESSAGE})
        values = {field: getattr(contact, field) for field in CONTACT_DETAILS} | changes
        if not contact.first_name and not contact.last_name and values["consent"] != Consent.GIVEN:
            # Recorded without consent (an anonymous caller): nothing that identifies them.
            named = [f for f in ANONYMOUS_REFUSED if str(values[f] or "").strip()]
            if named:
                raise ValidationError(
                    {
                        field: "Without consent, do not record this: only the postcode "
                        "district and region may be kept."
                        for field in named
                    }
                )
        errors = _validate(
            kind=contact.kind,
            first_name=values["first_name"] or "",
            last_name=values["last_name"] or "",
            date_of_birth=values["date_of_birth"],
            email=values["email"] or "",
            unique_pupil_number=values["unique_pupil_number"] or "",
            consent=values["consent"],
            adult_role=(values["adult_role"] or "") if contact.kind == ContactKind.ADULT else "",
        )
        if errors:
            raise ValidationError(errors)
        policy.check_reason(
            policy.contact_change_needs_reason(contact, changes),
            reason,
            why="a child's name or date of birth",
        )
        for field in CONTACT_DETAILS:
            value = values[field]
            if isinstance(value, str):
                value = value.strip()
            setattr(contact, field, value)
        contact.unique_pupil_number = contact.unique_pupil_number.upper()
        if contact.kind != ContactKind.ADULT:
            contact.adult_role = ""
        contact.phone_digits = phone_key(contact.phone)
        contact.save()
        if "last_name" in changes:
            household_rename(Household.objects.select_for_update().get(pk=contact.household_id))
    return contact


def check_room_in_household(household: Household) -> None:
    """A household holds at most HOUSEHOLD_MEMBERS_MAX people (those removed as entered
    in error still count: they stay on its History). Call with the household locked."""
    if Contact.objects.filter(household=household).count() >= HOUSEHOLD_MEMBERS_MAX:
        raise ValidationError(
            {
                "household": f"{household.name} already has {HOUSEHOLD_MEMBERS_MAX} members "
                "recorded, the most a household can have. Check whether some of them "
                "live in another household."
            }
        )


@attributed
def contact_move_household(
    *, actor, contact: Contact, household: Household | None = None
) -> Contact:
    """A member living elsewhere belongs to another household (a new one when none is given)."""
    policy.check_record_casework(actor)
    with transaction.atomic():
        old = Household.objects.select_for_update().get(pk=contact.household_id)
        if household is None:
            household = Household.objects.create(name="Household")
        else:
            household = Household.objects.select_for_update().get(pk=household.pk)
            check_room_in_household(household)
        contact.household = household
        contact.joined_household_at = timezone.now()
        contact.save(update_fields=["household", "joined_household_at"])
        household_rename(household)
        household_rename(old)
    return contact


@attributed
def household_member_remove(*, actor, contact: Contact, reason: str) -> Contact:
    """A member entered in error (the wrong person, or twice) is removed with a reason:
    kept, with who removed them and why, but no longer a member or found anywhere.
    Someone with engagements was not entered in error: they are moved instead."""
    policy.check_record_casework(actor)
    policy.check_removal_reason(reason)
    with transaction.atomic():
        household = Household.objects.select_for_update().get(pk=contact.household_id)
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        if contact.is_removed:
            raise ValidationError({"contact": REMOVED_MESSAGE})
        if contact.engagements.exists():
            raise ValidationError(
                {
                    "contact": f"{contact.display_name} has engagements, so they were not "
                    "entered in error. If they live somewhere else, move them to another "
                    "household instead."
                }
            )
        mark_removed(contact, actor=actor, reason=reason)
        household_rename(household)
    return contact
