"""Engagements and the work recorded in them. Thin: parse with a form, call one service
or selector, render. Rules live in casework.services and casework.policy."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework import policy, selectors
from casework.access.models import RecordType
from casework.access.services import read_log
from casework.access.views import emergency_access_offer
from casework.forms import (
    CloseForm,
    ConsultationForm,
    DeliveryForm,
    EngagementOpenForm,
    ServiceLookupForm,
    ShareForm,
)
from casework.services import engagements as services
from casework.views_common import found, page_of, require_casework
from tenants.accounts.private_search import private_search
from tenants.accounts.selectors import line_manager_choices
from tenants.accounts.views_common import form_done, help_key

FILTERS = {"open": "Open", "closed": "Closed or withdrawn", "all": "All"}


def _engagement(request, public_id):
    return found(selectors.engagement_get(user=request.user, public_id=public_id))


def service_lookup(request):
    """The service picker's search by code (`?code=`) and the services it finds (50 at
    most), for the delivery and group-session screens."""
    lookup = ServiceLookupForm(request.GET or None)
    code = lookup.cleaned_data["code"] if lookup.is_valid() else ""
    return lookup, list(selectors.services_matching(code=code, limit=50))


@never_cache
@login_required
@help_key("engagement-open")
def engagement_new(request, public_id):
    contact = found(selectors.contact_get(user=request.user, public_id=public_id))
    form = EngagementOpenForm(request.POST or None)

    def work():
        data = form.cleaned_data
        return services.engagement_open(
            actor=request.user,
            contact=contact,
            programme=data["programme"],
            start_date=data["start_date"],
            stage=data["stage"],
            referral_source=data["referral_source"],
            referral_date=data["referral_date"],
            referral_reason=data["referral_reason"],
        )

    if answer := form_done(
        request,
        form,
        work,
        done=lambda engagement: f"The engagement on {engagement.programme} has been opened.",
        then=lambda engagement: redirect("engagement_detail", public_id=engagement.public_id),
    ):
        return answer
    return render(
        request,
        "casework/engagement_new.html",
        {
            "contact": contact,
            "form": form,
            # A dead end says why and who can fix it: no programme takes engagements yet.
            "no_programmes": not form.fields["programme"].queryset.exists(),
            "can_manage_programmes": policy.can_manage_programmes(request.user),
        },
    )


@login_required
@help_key("engagements")
def engagement_list(request):
    require_casework(request)
    status = request.GET.get("status", "open")
    if status not in FILTERS:
        status = "open"
    engagements = selectors.engagements_by_status(user=request.user, status=status)
    return render(
        request,
        "casework/engagement_list.html",
        {"page": page_of(request, engagements), "status": status, "filters": FILTERS},
    )


@login_required
@help_key("engagement")
def engagement_detail(request, public_id):
    engagement = selectors.engagement_get(user=request.user, public_id=public_id)
    if engagement is None:  # not theirs: emergency access may be asked for, else 404
        return emergency_access_offer(request, public_id)
    read_log(
        actor=request.user,
        record_type=RecordType.ENGAGEMENT,
        public_ids=[engagement.public_id],
        engagement_pk=engagement.pk,
    )
    return render(
        request,
        "casework/engagement_detail.html",
        {
            "engagement": engagement,
            "deliveries": selectors.engagement_deliveries(engagement=engagement),
            "consultations": selectors.consultations_in(engagement=engagement),
            "events": selectors.engagement_events_recent(engagement=engagement),
            "can_share": policy.can_share_engagement(request.user, engagement),
            "can_edit": policy.can_edit_engagement(request.user, engagement),
        },
    )


@never_cache
@login_required
@help_key("delivery")
def delivery_new(request, public_id):
    engagement = _engagement(request, public_id)
    lookup, services_offered = service_lookup(request)
    form = DeliveryForm(request.POST or None, services=services_offered)

    def work():
        data = form.cleaned_data
        return services.delivery_create(
            actor=request.user,
            engagement=engagement,
            service=data["service"],
            on=data["date"],
            attendance=data["attendance"],
            duration_minutes=data["duration_minutes"],
            quantity=data["quantity"],
            summary=data["summary"],
        )

    if form_done(request, form, work, done="The service delivery has been recorded."):
        return redirect("engagement_detail", public_id=engagement.public_id)
    return render(
        request,
        "casework/delivery_new.html",
        {
            "engagement": engagement,
            "lookup": lookup,
            "form": form,
            "query_string": request.GET.urlencode(),
        },
    )


@private_search("who")
@never_cache
@login_required
@help_key("consultation")
def consultation_new(request, public_id):
    engagement = _engagement(request, public_id)
    posted = request.POST if request.method == "POST" else None
    # The Find button posts the form (what was typed stays out of URLs); a link made
    # before with `who` in its address is kept server-side by private_search.
    who = ((posted or {}).get("who") or request.private_search["who"]).strip()[:100]
    chosen = posted.getlist("held_with_contacts") if posted else []
    people = selectors.consultation_people_offered(
        user=request.user, engagement=engagement, query=who, keep=chosen
    )
    if posted and "find" in posted:  # a search step: show what was entered again
        form = ConsultationForm(
            initial={
                name: posted.get(name, "") for name in ("date", "method", "held_with", "notes")
            }
            | {"held_with_contacts": chosen, "who": who},
            people=people,
        )
    else:
        form = ConsultationForm(posted, initial={"who": who}, people=people)

    def work():
        data = form.cleaned_data
        chosen = set(data["held_with_contacts"])
        return services.consultation_create(
            actor=request.user,
            engagement=engagement,
            on=data["date"],
            method=data["method"],
            held_with=data["held_with"],
            held_with_contacts=[p for p in people if str(p.public_id) in chosen],
            notes=data["notes"],
        )

    if form_done(request, form, work, done="The consultation has been recorded."):
        return redirect("engagement_detail", public_id=engagement.public_id)
    return render(
        request,
        "casework/consultation_new.html",
        {
            "engagement": engagement,
            "form": form,
            "who": who,
            "query_string": request.GET.urlencode(),
        },
    )


@never_cache
@login_required
@help_key("engagement-close")
def engagement_close(request, public_id):
    engagement = _engagement(request, public_id)
    form = CloseForm(request.POST or None)

    def work():
        return services.engagement_close(
            actor=request.user,
            engagement=engagement,
            closed_on=form.cleaned_data["closed_on"],
            stage=form.cleaned_data["stage"],
        )

    if form_done(request, form, work, done="The engagement has been closed."):
        return redirect("engagement_detail", public_id=engagement.public_id)
    return render(
        request, "casework/engagement_close.html", {"engagement": engagement, "form": form}
    )


@never_cache
@login_required
@help_key("engagement-share")
def engagement_share(request, public_id):
    engagement = _engagement(request, public_id)
    policy.check_share_engagement(request.user, engagement)
    colleagues = [
        u
        for u in line_manager_choices(exclude=request.user).select_related("role")
        if policy.can_record_casework(u)
    ]
    form = ShareForm(
        request.POST or None,
        colleagues=colleagues,
        can_reassign=policy.can_see_all_engagements(request.user),
    )

    def work() -> str:
        """Shares, stops sharing or gives the engagement away; says which it did."""
        action, colleague = form.cleaned_data["action"], form.cleaned_data["colleague"]
        if action == "reassign":
            services.engagement_reassign(
                actor=request.user, engagement=engagement, new_owner=colleague
            )
            return f"The engagement now belongs to {colleague.get_full_name()}."
        services.engagement_share(
            actor=request.user,
            engagement=engagement,
            with_user=colleague,
            share=action == "share",
        )
        if action == "share":
            return f"The engagement is shared with {colleague.get_full_name()}."
        return f"The engagement is no longer shared with {colleague.get_full_name()}."

    if form_done(request, form, work, done=lambda said: said):
        # Given away: the engagement may no longer be theirs to see.
        if selectors.engagement_get(user=request.user, public_id=engagement.public_id):
            return redirect("engagement_detail", public_id=engagement.public_id)
        return redirect("engagements")
    return render(
        request,
        "casework/engagement_share.html",
        {
            "engagement": engagement,
            "form": form,
            "shared_with": selectors.engagement_shared_with(engagement=engagement),
        },
    )
