"""Who-looked screens: the "Who has seen this" tab of a contact or engagement, what one
account looked at between two days, asking for emergency access to an engagement one may
not see, the safeguarding leads' list of grants to review, and the partner's setting.
Thin: parse with a form, call one service or selector, render. Records the user may not
see, or of another partner, are 404."""

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casework import selectors as casework_selectors
from casework.access import policy, selectors, services
from casework.access.forms import EmergencyAccessForm, PeriodForm, SettingsForm
from casework.access.models import RecordType
from casework.access.pages import who_looked_url
from casework.views_common import found, page_of
from tenants.accounts.views_common import action_done, form_done, help_key

# The per-user report's default period: the last 30 days.
DEFAULT_DAYS = 30


def _require_who_looked(request) -> None:
    if not policy.can_see_who_looked(request.user):
        raise PermissionDenied(
            "Only managers, safeguarding leads and the data protection officer see who looked."
        )


@never_cache
@login_required
@help_key("who-looked")
def contact_who_looked(request, public_id):
    _require_who_looked(request)
    contact = found(selectors.contact_for_who_looked(user=request.user, public_id=public_id))
    reads = selectors.reads_of_record(
        record_type=RecordType.CONTACT, public_ids=[contact.public_id]
    )
    return render(
        request,
        "access/who_looked.html",
        {"contact": contact, "engagement": None, "page": page_of(request, reads), "grants": ()},
    )


def record_reads_page(request, *, record_type: str, record, title: str, back_url: str):
    """The "Who has seen this" page of a record of an app above casework (a support case,
    a customer), once its view has found the record: for policy.can_see_who_looked only."""
    _require_who_looked(request)
    reads = selectors.reads_of_record(record_type=record_type, public_ids=[record.public_id])
    return render(
        request,
        "access/record_reads.html",
        {"title": title, "back_url": back_url, "page": page_of(request, reads)},
    )


@never_cache
@login_required
@help_key("who-looked")
def engagement_who_looked(request, public_id):
    engagement = found(casework_selectors.engagement_get(user=request.user, public_id=public_id))
    _require_who_looked(request)
    reads = selectors.reads_of_record(
        record_type=RecordType.ENGAGEMENT, public_ids=[engagement.public_id]
    )
    return render(
        request,
        "access/who_looked.html",
        {
            "engagement": engagement,
            "contact": engagement.contact,
            "page": page_of(request, reads),
            "grants": selectors.grants_on(engagement=engagement),
        },
    )


def _period(form) -> tuple:
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        end = timezone.localdate()
        start = end - timedelta(days=DEFAULT_DAYS)
    return start, end


@never_cache
@login_required
@help_key("who-looked")
def account_reads(request, public_id):
    """What one account looked at between two days (both included)."""
    policy.check_see_reads_of(request.user)
    reader = found(selectors.reader_get(public_id=public_id))
    form = PeriodForm(request.GET if request.GET.get("start") else None)
    start, end = _period(form)
    zone = timezone.get_current_timezone()
    page = page_of(
        request,
        selectors.reads_by(
            reader=reader,
            start=datetime.combine(start, time.min, tzinfo=zone),
            end=datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
        ),
    )
    for read in page:
        read.link = who_looked_url(read)
    return render(
        request,
        "access/account_reads.html",
        {
            "reader": reader,
            "form": form if form.is_bound else PeriodForm(initial={"start": start, "end": end}),
            "start": start,
            "end": end,
            "page": page,
        },
    )


def emergency_access_offer(request, public_id):
    """Instead of a bare 404: the form asking for emergency access to an engagement this
    user may not see (where the partner allows it and the engagement exists here)."""
    engagement = selectors.engagement_for_emergency_access(user=request.user, public_id=public_id)
    if engagement is None:
        raise Http404
    return render(
        request,
        "access/emergency_access.html",
        {"engagement": engagement, "form": EmergencyAccessForm()},
        status=403,
    )


@never_cache
@login_required
@help_key("emergency-access")
def emergency_access_ask(request, public_id):
    engagement = selectors.engagement_for_emergency_access(user=request.user, public_id=public_id)
    if engagement is None:
        raise Http404
    if request.method != "POST":  # the form is on the engagement's own address
        return redirect("engagement_detail", public_id=engagement.public_id)
    form = EmergencyAccessForm(request.POST)
    if form_done(
        request,
        form,
        lambda: services.emergency_access_ask(
            actor=request.user, engagement=engagement, reason=form.cleaned_data["reason"]
        ),
        done="You have emergency access to this engagement for 24 hours.",
    ):
        return redirect("engagement_detail", public_id=engagement.public_id)
    return render(
        request,
        "access/emergency_access.html",
        {"engagement": engagement, "form": form},
        status=400 if form.errors else 403,
    )


@never_cache
@login_required
@help_key("emergency-access")
def emergency_access_review(request):
    policy.check_review_emergency_access(request.user)
    reviewed = request.GET.get("show") == "reviewed"
    return render(
        request,
        "access/emergency_access_review.html",
        {
            "reviewed": reviewed,
            "can_see_reads": policy.can_see_reads_of(request.user),
            "can_change_settings": policy.can_change_settings(request.user),
            "allowed": selectors.emergency_access_allowed(),
            "page": page_of(
                request, selectors.grants_to_review(user=request.user, reviewed=reviewed)
            ),
        },
    )


@never_cache
@login_required
@help_key("emergency-access")
def emergency_access_reviewed(request, public_id):
    policy.check_review_emergency_access(request.user)
    grant = found(selectors.grant_get(user=request.user, public_id=public_id))
    if request.method != "POST":
        return redirect("emergency_access_review")
    action_done(
        request,
        lambda: services.emergency_access_review(actor=request.user, grant=grant),
        done="Marked as reviewed.",
    )
    return redirect(reverse("emergency_access_review"))


@never_cache
@login_required
@help_key("emergency-access")
def access_settings(request):
    if not policy.can_change_settings(request.user):
        raise PermissionDenied("Only a manager or the data protection officer can change this.")
    current = selectors.access_settings()
    form = SettingsForm(
        request.POST or None,
        initial={"emergency_access_allowed": current.emergency_access_allowed},
    )
    if form_done(
        request,
        form,
        lambda: services.access_settings_update(actor=request.user, **form.cleaned_data),
        done="The emergency access setting has been saved.",
    ):
        return redirect("access_settings")
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "title": "Emergency access",
            "caption": "Your organisation",
            # Back to the review list (where the menu leads) for those who review grants.
            "back_url": reverse(
                "emergency_access_review"
                if policy.can_review_emergency_access(request.user)
                else "home"
            ),
            "button": "Save",
        },
    )
