"""A partner's own settings: its directory entry (Open Referral UK's service, where it
is delivered, what routes referrals to it) and its webhooks."""

import re

from django import forms

from referrals.types import referral_type_choices
from tenants.models import Capacity, Region, ServiceStatus
from tenants.service_types import service_type_choices


def _text(label, limit, *, required=False, hint="", area=False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 3}) if area else None,
    )


class DirectoryEntryForm(forms.Form):
    """A partner's service in the directory: its published words (Open Referral UK's
    service), one place where it is delivered, and what routes referrals to it."""

    name = _text(
        "Service name",
        200,
        required=True,
        hint="As people know it. Published in the open directory.",
    )
    description = _text("What the service does", 2000, area=True)
    eligibility = _text("Who it is for", 1000, area=True, hint="Ages, areas, situations.")
    fees = _text("Fees", 500, hint="Leave blank if it is free.")
    how_to_access = _text("How to get help", 1000, area=True)
    status = forms.ChoiceField(
        label="Is the service running?",
        choices=ServiceStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the service is running."},
    )
    url = forms.CharField(label="Website (optional)", required=False, max_length=500)
    email = forms.CharField(
        label="Service email (optional)",
        required=False,
        max_length=254,
        help_text="A shared inbox, not a person's own address: it is published.",
    )
    phone = _text("Service phone (optional)", 30)
    service_types = forms.MultipleChoiceField(
        label="What kind of help it gives (standard service types)",
        choices=service_type_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    location_name = _text(
        "Place name (optional)", 200, hint="Where people can come, like “Northmoor Community Hub”."
    )
    location_address = _text("Street address", 300)
    location_city = _text("Town or city", 100)
    location_postcode = _text("Postcode", 10)
    location_opening_hours = _text(
        "Opening hours", 300, hint="Like “Monday to Friday, 9am to 5pm”."
    )
    referral_types = forms.MultipleChoiceField(
        label="Referral types you accept",
        choices=referral_type_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.MultipleChoiceField(
        label="Regions you cover",
        choices=Region.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.CharField(
        label="Postcode districts you cover",
        required=False,
        max_length=2000,
        help_text="Separated by spaces or commas, like “M1 M2 B33”.",
    )
    capacity = forms.ChoiceField(
        label="Are you taking referrals?",
        choices=Capacity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you are taking referrals."},
    )
    wait_weeks = forms.IntegerField(
        label="Current wait, in weeks (waiting list only)",
        required=False,
        min_value=1,
        max_value=104,
        error_messages={
            "invalid": "Enter the wait as a whole number of weeks.",
            "min_value": "Enter a wait between 1 and 104 weeks.",
            "max_value": "Enter a wait between 1 and 104 weeks.",
        },
    )
    response_hours = forms.IntegerField(
        label="Usual response time (hours)",
        min_value=1,
        max_value=720,
        error_messages={
            "required": "Enter the usual response time in hours.",
            "invalid": "Enter the response time as a whole number of hours.",
            "min_value": "Enter a response time between 1 and 720 hours.",
            "max_value": "Enter a response time between 1 and 720 hours.",
        },
    )
    completion_days = forms.IntegerField(
        label="Usual time to complete the work (days, optional)",
        required=False,
        min_value=1,
        max_value=365,
        help_text="Leave blank for each referral type's usual time.",
        error_messages={
            "invalid": "Enter the completion time as a whole number of days.",
            "min_value": "Enter a completion time between 1 and 365 days.",
            "max_value": "Enter a completion time between 1 and 365 days.",
        },
    )
    reason = forms.CharField(
        label="Reason for the change (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea,
        help_text="Kept with the change in the audit history.",
    )

    SERVICE_FIELDS = (
        "name",
        "description",
        "eligibility",
        "fees",
        "how_to_access",
        "status",
        "url",
        "email",
        "phone",
    )
    PLACE_FIELDS = ("name", "address", "city", "postcode", "opening_hours")
    SECTIONS = (
        (
            "The service",
            "Published in the open directory (Open Referral UK) for anyone to read.",
            SERVICE_FIELDS,
        ),
        ("", "", ("service_types",)),
        (
            "Where people can come",
            "Leave blank if the service has no place people visit.",
            tuple(f"location_{f}" for f in PLACE_FIELDS),
        ),
        (
            "Referrals through Casebridge",
            "Which referrals partners may send you, for where, and how fast you answer.",
            (
                "referral_types",
                "regions",
                "districts",
                "capacity",
                "wait_weeks",
                "response_hours",
                "completion_days",
            ),
        ),
        ("", "", ("reason",)),
    )

    def sections(self):
        return [(h, hint, [self[name] for name in names]) for h, hint, names in self.SECTIONS]

    @classmethod
    def initial_for(cls, entry, partner) -> dict:
        if entry is None:
            return {
                "name": partner.name,
                "status": ServiceStatus.ACTIVE,
                "capacity": Capacity.ACCEPTING,
                "response_hours": 48,
            }
        initial = {f: getattr(entry, f) for f in cls.SERVICE_FIELDS}
        initial["name"] = entry.service_name
        place = entry.locations.first()
        if place is not None:
            initial.update({f"location_{f}": getattr(place, f) for f in cls.PLACE_FIELDS})
        return initial | {
            "service_types": entry.service_types,
            "referral_types": entry.referral_types,
            "regions": entry.regions,
            "districts": " ".join(entry.districts),
            "capacity": entry.capacity,
            "wait_weeks": entry.wait_weeks,
            "response_hours": entry.response_hours,
            "completion_days": entry.completion_days,
        }

    def clean(self):
        data = super().clean()
        place = [data.get(f"location_{f}") for f in self.PLACE_FIELDS]
        if any(place) and not data.get("location_name"):
            self.add_error("location_name", "Enter the place's name, or clear the place's details.")
        if any(place) and not data.get("location_postcode"):
            self.add_error("location_postcode", "Enter the place's full postcode, like M1 1AE.")
        if data.get("capacity") == Capacity.WAITING_LIST and not data.get("wait_weeks"):
            self.add_error("wait_weeks", "Enter the current wait in weeks.")
        return data

    def service_arguments(self) -> dict:
        """The directory service's keyword arguments (besides actor and partner)."""
        d = self.cleaned_data
        place = {f: d[f"location_{f}"] for f in self.PLACE_FIELDS}
        return {
            "referral_types": d["referral_types"],
            "regions": d["regions"],
            "districts": [x for x in re.split(r"[\s,;]+", d["districts"]) if x],
            "accepting": d["capacity"] != Capacity.CLOSED,
            "wait_weeks": d["wait_weeks"] if d["capacity"] == Capacity.WAITING_LIST else None,
            "response_hours": d["response_hours"],
            "completion_days": d["completion_days"],
            "reason": d["reason"],
            "service": {f: d[f] for f in self.SERVICE_FIELDS},
            "service_type_codes": d["service_types"],
            "locations": [place] if place["name"] else [],
        }


class WebhookForm(forms.Form):
    url = forms.CharField(
        label="Endpoint address",
        max_length=500,
        error_messages={"required": "Enter the endpoint's full address, like https://…"},
    )
