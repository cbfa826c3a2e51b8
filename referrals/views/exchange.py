"""The exchange in the portal: the data team's review queue, referrals sent (with
everything the receiver did), and the inbox of referrals received."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from casework.access.models import RecordType
from casework.access.services import read_log
from casework.duplicates import selectors as duplicate_selectors
from casework.selectors import contact_matches
from referrals import policy, selectors, selectors_queues
from referrals.forms import exchange as forms
from referrals.models import ReferralStatus
from referrals.selectors_directory import directory_matches, partners_to_suggest
from referrals.services import exchange
from referrals.services import review as review_services
from referrals.services.exchange.sending import area_of
from referrals.types import REFERRAL_TYPES
from referrals.views.common import found, page_of
from referrals.views.lifecycle import lifecycle_steps
from tenants.accounts.views_common import action_done, form_done, help_key, require
from tenants.models import Region
from tenants.selectors import partner_get


@never_cache
@login_required
@help_key("review-queue")
def review_queue(request):
    require(policy.can_review_cases(request.user), "Only the data team reviews cases.")
    return render(
        request,
        "referrals/review_queue.html",
        {"page": page_of(request, selectors.review_queue(user=request.user))},
    )


def _offered(local, case):
    sender = exchange.current_partner()
    district, region = area_of(case.beneficiary)
    return directory_matches(
        referral_type=local.response_type, region=region, district=district, sender=sender
    )


def _why_none(local, case) -> str:
    """Why no partner is offered, in the reviewer's words (the page links the fix)."""
    district, region = area_of(case.beneficiary)
    spec = REFERRAL_TYPES.get(local.response_type)
    what = f"No partner takes {spec.label.lower() if spec else 'these'} referrals"
    if not district or district == "UK":
        return f"{what} for someone whose postcode is not known."
    if not region:
        return f"{what} for {district} (area unknown)."
    return (
        f"{what} for {district} ({Region(region).label}) at the moment, or none has a "
        "data-sharing agreement with us for them."
    )


@never_cache
@login_required
@help_key("review-case")
def review_case(request, public_id):
    case = found(selectors.review_case_get(user=request.user, public_id=public_id))
    locals_ = list(selectors.case_local_referrals(case=case))
    send_forms = {
        local.pk: forms.SendForm(
            initial={"local_referral": local.public_id}, offered=_offered(local, case)
        )
        for local in locals_
        if local.referral_id is None
    }
    why_none = {local.pk: _why_none(local, case) for local in locals_ if local.pk in send_forms}
    comment = forms.CommentForm()
    if request.method == "POST" and request.POST.get("action") == "send":
        local = next(
            (x for x in locals_ if str(x.public_id) == request.POST.get("local_referral")), None
        )
        if local is None or local.referral_id:
            messages.error(
                request, "That local referral has already been sent or is not on this case."
            )
            return redirect("review_case", public_id=case.public_id)
        offered = _offered(local, case)
        form = forms.SendForm(request.POST, offered=offered)
        send_forms[local.pk] = form

        def send():
            receiver = partner_get(slug=form.cleaned_data["receiver"])
            exchange.local_referral_send(
                actor=request.user, local_referral=local, receiver=receiver
            )
            return receiver

        if form_done(
            request,
            form,
            send,
            done=lambda receiver: f"The referral has been sent to {receiver.name}.",
        ):
            return redirect("review_case", public_id=case.public_id)
    elif request.method == "POST" and request.POST.get("action") == "return":
        comment = forms.CommentForm(request.POST)
        if form_done(
            request,
            comment,
            lambda: review_services.case_return(
                actor=request.user, case=case, comment=comment.cleaned_data["comment"]
            ),
            done="The case has been returned to the call handler.",
        ):
            return redirect("review_queue")
    elif request.method == "POST" and request.POST.get("action") == "complete":
        if action_done(
            request,
            lambda: review_services.case_complete_review(actor=request.user, case=case),
            done="The case has been reviewed.",
        ):
            return redirect("review_queue")
        return redirect("review_case", public_id=case.public_id)
    return render(
        request,
        "referrals/review_case.html",
        {
            "case": case,
            "local_referrals": [
                (local, send_forms.get(local.pk), why_none.get(local.pk)) for local in locals_
            ],
            "notes": selectors.case_notes(case=case),
            "signposts": selectors.case_signposts(case=case),
            "events": selectors.case_events_recent(case=case),
            "comment": comment,
            "types": REFERRAL_TYPES,
        },
    )


@never_cache
@login_required
@help_key("referrals-sent")
def referral_sent_list(request):
    require(policy.can_send_referrals(request.user), "Your role does not send referrals.")
    status = request.GET.get("status", "")
    status = status if status in ReferralStatus.values else ""
    late = request.GET.get("late") == "1"
    booked_today = request.GET.get("booked") == "today"
    referrals = selectors_queues.referrals_sent_filtered(
        user=request.user,
        status=status,
        late=late,
        booked_for=timezone.localdate() if booked_today else None,
    )
    title = "Referrals sent"
    if late:
        title = "Referrals late for an answer"
    elif booked_today:
        title = "Direct bookings for today"
    elif status:
        title = f"Referrals sent: {ReferralStatus(status).label.lower()}"
    return render(
        request,
        "referrals/referral_list.html",
        {
            "title": title,
            "page": page_of(request, referrals),
            "detail_url": "referral_sent",
            "filtered": bool(status or late or booked_today),
        },
    )


@never_cache
@login_required
@help_key("referrals-sent")
def referral_sent(request, public_id):
    referral = found(selectors.referral_sent_get(user=request.user, public_id=public_id))
    steps, done = lifecycle_steps(request, referral, page="referral_sent")
    if done is not None:
        return done
    withdrawing = request.method == "POST" and request.POST.get("action", "withdraw") == "withdraw"
    form = forms.ReasonForm(request.POST if withdrawing else None)
    if form_done(
        request,
        form,
        lambda: exchange.referral_withdraw(
            actor=request.user, referral=referral, reason=form.cleaned_data["reason"]
        ),
        done="The referral has been withdrawn.",
    ):
        return redirect("referral_sent", public_id=referral.public_id)
    read_log(actor=request.user, record_type=RecordType.REFERRAL, public_ids=[referral.public_id])
    return render(
        request,
        "referrals/referral_sent.html",
        {
            "referral": referral,
            "events": referral.events.all(),
            "form": form,
            "steps": steps,
            "may_withdraw": "withdrawn" in exchange.steps_open_to(referral),
        },
    )


@never_cache
@login_required
@help_key("referrals-inbox")
def inbox(request):
    require(policy.can_receive_referrals(request.user), "Your role does not work referrals.")
    return render(
        request,
        "referrals/referral_list.html",
        {
            "title": "Referrals received",
            "page": page_of(request, selectors.inbox_visible_to(user=request.user)),
            "detail_url": "referral_received",
        },
    )


def _person(referral) -> dict:
    return (referral.payload or {}).get("person", {})


@never_cache
@login_required
@help_key("referrals-inbox")
def referral_received(request, public_id):
    referral = found(selectors.referral_received_get(user=request.user, public_id=public_id))
    person = _person(referral)
    matches = []
    if person.get("first_name") or person.get("last_name") or person.get("phone"):
        matches = contact_matches(
            user=request.user,
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
            phone=person.get("phone", ""),
        )
    action = request.POST.get("action") if request.method == "POST" else None
    bound = request.POST if action else None
    accept = forms.AcceptForm(bound if action == "accept" else None, matches=matches)
    decline = forms.DeclineForm(
        bound if action == "decline" else None,
        partners=partners_to_suggest(referral=referral, receiver=exchange.current_partner()),
    )
    steps, done = lifecycle_steps(request, referral, page="referral_received")
    if done is not None:
        return done
    if action == "accept":

        def accepted():
            contact = _accept(request, referral, accept.cleaned_data["contact"])
            if contact is None:
                raise ValidationError({"contact": "Choose the local contact, or create one."})
            return contact

        if answer := form_done(
            request,
            accept,
            accepted,
            done=None,  # _accepted says how it went, and where to look next
            then=lambda contact: _accepted(
                request, referral, contact, new=accept.cleaned_data["contact"] == "new"
            ),
        ):
            return answer
    elif action == "decline":

        def declined():
            slug = decline.cleaned_data["suggested_partner"]
            exchange.referral_decline(
                actor=request.user,
                referral=referral,
                reason=decline.cleaned_data["reason"],
                suggested_partner=partner_get(slug=slug) if slug else None,
            )

        if form_done(request, decline, declined, done="The referral has been declined."):
            return redirect("referral_received", public_id=referral.public_id)
    elif action == "start":
        action_done(
            request,
            lambda: exchange.referral_start(actor=request.user, referral=referral),
            done="Work on the referral has started.",
        )
        return redirect("referral_received", public_id=referral.public_id)
    read_log(actor=request.user, record_type=RecordType.REFERRAL, public_ids=[referral.public_id])
    return render(
        request,
        "referrals/referral_received.html",
        {
            "referral": referral,
            "person": person,
            "details": (referral.payload or {}).get("details", {}),
            "spec": REFERRAL_TYPES.get(referral.referral_type),
            "events": referral.events.all(),
            "accept": accept,
            "decline": decline,
            "steps": steps,
        },
    )


def _accepted(request, referral, contact, *, new: bool):
    """Accepted as a new contact who may already be known here (the service kept the
    likely pair): a manager goes straight to the pair side by side; others are told a
    manager will review it."""
    done = f"Accepted and linked to {contact.display_name}."
    if not new or not duplicate_selectors.pairs_found_with(user=request.user, contact=contact):
        return _done(request, referral, done)
    pairs = duplicate_selectors.duplicates_of(user=request.user, contact=contact)
    if pairs:
        messages.success(
            request,
            f"{done} They may already be known here: check whether these are one person.",
        )
        return redirect(
            "duplicate_review", first=pairs[0].first.public_id, second=pairs[0].second.public_id
        )
    return _done(
        request,
        referral,
        f"{done} They may already be known here: a manager will review them as a likely duplicate.",
    )


def _done(request, referral, message):
    messages.success(request, message)
    return redirect("referral_received", public_id=referral.public_id)


def _accept(request, referral, choice):
    """Find before create: a match offered on screen, or a new contact from the referral.
    None when the match chosen is not one the user may see."""
    from casework.selectors import contact_get

    if choice == "new":
        _, contact = exchange.referral_accept_with_new_contact(
            actor=request.user, referral=referral
        )
        return contact
    contact = contact_get(user=request.user, public_id=choice)
    if contact is not None:
        exchange.referral_accept(actor=request.user, referral=referral, contact=contact)
    return contact
