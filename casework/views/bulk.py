"""Recording a group session's deliveries at once: the session, then a row per client
(found by name or client ID), all saved together or none (the row limit is the
service's, casework.services.group_sessions.BULK_MAX_ROWS)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework import selectors
from casework.forms_bulk import (
    ROWS_MAX,
    ROWS_STEP,
    BulkRowForm,
    BulkRowFormSet,
    BulkSessionForm,
    ClientsFindForm,
)
from casework.services import group_sessions as services
from casework.views.engagements import service_lookup
from casework.views.search import engagement_label
from casework.views_common import require_casework
from tenants.accounts.views_common import add_service_errors, help_key


@never_cache
@login_required
@help_key("deliveries-bulk")
def deliveries_bulk(request):
    """One group session: a service, a date, anonymous attendees and a row per client.
    "Find clients" and "Add 10 more rows" post the form too, so entered rows are kept
    (no script needed); only "Record deliveries" saves."""
    require_casework(request)
    lookup, services_offered = service_lookup(request)
    data = request.POST or None
    clients = (request.POST.get("clients") or "").strip()[:100]
    posted_ids = [v for k, v in request.POST.items() if k.endswith("-engagement") and v]
    offered, kept = selectors.group_session_engagements(
        user=request.user, query=clients, keep=posted_ids
    )
    choices = [("", "Choose a client")] + [
        (str(e.public_id), engagement_label(e)) for e in kept + offered
    ]
    session = BulkSessionForm(data, services=services_offered)
    rows = BulkRowFormSet(data, form_kwargs={"engagement_choices": choices})
    if request.method == "POST" and ("add_rows" in request.POST or "find_clients" in request.POST):
        # Not saving: show what was entered again, without complaints, with more rows.
        session, rows = _entered_again(
            session, rows, choices, services_offered, more="add_rows" in request.POST
        )
    elif request.method == "POST" and session.is_valid() and rows.is_valid():
        result = _bulk_save(request, session, rows)
        if result is not None:
            messages.success(
                request,
                f"{len(result)} service deliver{'y' if len(result) == 1 else 'ies'} recorded",
            )
            return redirect("deliveries_bulk")
    row_errors = any(f.errors for f in rows.forms) if rows.is_bound else False
    return render(
        request,
        "casework/deliveries_bulk.html",
        {
            "lookup": lookup,
            "session": session,
            "rows": rows,
            "row_errors": row_errors,
            "find": ClientsFindForm(initial={"clients": clients}),
            "row_selects": " ".join(row["engagement"].id_for_label for row in rows.forms),
            "found_words": _found_words(len(offered), clients) if clients else "",
            "can_add_rows": len(rows.forms) < ROWS_MAX,
            "query_string": request.GET.urlencode(),
        },
    )


def _found_words(count: int, clients: str) -> str:
    return f"{count} open engagement{'' if count == 1 else 's'} offered for “{clients}”."


def _entered_again(session, rows, choices, services_offered, *, more: bool):
    """Unbound copies of the posted forms holding what was typed, plus 10 rows if asked."""
    entered = [{name: form[name].value() for name in form.fields} for form in rows.forms]
    if more:
        entered += [{"attendance": "attended"}] * ROWS_STEP
    entered = entered[:ROWS_MAX]
    session = BulkSessionForm(
        initial={name: session[name].value() for name in session.fields},
        services=services_offered,
    )
    rows = forms.formset_factory(BulkRowForm, extra=0, max_num=ROWS_MAX, absolute_max=ROWS_MAX)(
        initial=entered, form_kwargs={"engagement_choices": choices}
    )
    return session, rows


def _bulk_save(request, session, rows):
    filled = [form for form in rows.forms if not form.is_blank()]
    posted_ids = [form.cleaned_data["engagement"] for form in filled]
    chosen = {
        str(e.public_id): e
        for e in selectors.engagements_visible_to(user=request.user).filter(
            public_id__in=[i for i in posted_ids if _is_uuid(i)]
        )
    }
    service, on = session.cleaned_data["service"], session.cleaned_data["date"]
    try:
        return services.deliveries_bulk_create(
            actor=request.user,
            rows=[
                services.BulkRow(
                    engagement=chosen.get(form.cleaned_data["engagement"]),
                    service=service,
                    on=on,
                    attendance=form.cleaned_data["attendance"],
                    duration_minutes=form.cleaned_data["duration_minutes"],
                    summary=form.cleaned_data["summary"],
                )
                for form in filled
            ],
            anonymous_attendees=session.cleaned_data["anonymous_attendees"] or 0,
            group_service=service,
            on=on,
        )
    except services.BulkDeliveriesInvalid as exc:
        for index, errors in exc.row_errors.items():
            for field, message in errors.items():
                if field in session.fields or not filled:
                    if message not in session.errors.get(field, []):
                        session.add_error(field if field in session.fields else None, message)
                else:
                    form = filled[index]
                    form.add_error(field if field in form.fields else None, message)
    except ValidationError as exc:
        add_service_errors(session, exc)
    return None


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
