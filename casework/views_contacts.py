"""Contacts and households in the portal. Thin: parse with a form, call one service
or selector, render. Rules live in casework.services and casework.policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework import selectors
from casework.forms import (
    AddressForm,
    ContactCreateForm,
    ContactFindForm,
    RelationshipForm,
    SearchForm,
)
from casework.models import ContactKind
from casework.services.contacts import contact_create, relationship_create
from casework.services.households import household_address_update
from casework.views_common import found, page_of, require_casework
from tenants.accounts.views_common import add_service_errors, help_key

FIND_FIELDS = ("first_name", "last_name", "date_of_birth", "postcode", "phone")


@login_required
@help_key("contacts")
def contact_list(request):
    require_casework(request)
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    contacts = selectors.contacts_visible_to(user=request.user)
    if query:
        contacts = contacts.filter(
            Q(client_id__iexact=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(preferred_name__icontains=query)
        )
    return render(
        request,
        "casework/contact_list.html",
        {"search": search, "query": query, "page": page_of(request, contacts)},
    )


@never_cache
@login_required
@help_key("contacts-create")
def contact_new(request):
    """Find before create: search first, then "none of these" reveals the form."""
    require_casework(request)
    household = None
    if request.GET.get("household"):
        household = found(
            selectors.household_get(user=request.user, public_id=request.GET["household"])
        )
    searching = any(request.GET.get(name) for name in FIND_FIELDS)
    find = ContactFindForm(request.GET if searching else None, auto_id="find_%s")
    matches = []
    if find.has_criteria():
        matches = selectors.contact_matches(user=request.user, **find.cleaned_data)
    initial = {k: v for k, v in (find.cleaned_data if find.is_bound else {}).items() if v}
    if initial.get("date_of_birth"):
        born = initial["date_of_birth"]
        initial["date_of_birth"] = f"{born.day}/{born.month}/{born.year}"
    if household is not None:
        initial.pop("postcode", None)
    form = ContactCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = contact_create(
                actor=request.user,
                kind=data["kind"],
                adult_role=data["adult_role"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                preferred_name=data["preferred_name"],
                pronouns=data["pronouns"],
                date_of_birth=data["date_of_birth"],
                unique_pupil_number=data["unique_pupil_number"],
                phone=data["phone"],
                email=data["email"],
                alerts=data["alerts"],
                watch_list=data["watch_list"],
                consent=data["consent"],
                consent_decided_on=data["consent_decided_on"],
                household=household,
                address_line_1=data["address_line_1"],
                address_line_2=data["address_line_2"],
                town=data["town"],
                postcode=data["postcode"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"{contact.display_name} has been added ({contact.client_id})."
            )
            return redirect("contact_detail", public_id=contact.public_id)
    return render(
        request,
        "casework/contact_new.html",
        {
            "find": find,
            "searched": find.is_bound and find.is_valid(),
            "matches": matches,
            "form": form,
            "household": household,
            "show_form": request.method == "POST"
            or "create" in request.GET
            or (household is not None and not searching),
            "query_string": request.GET.urlencode(),
        },
    )


@never_cache
@login_required
@help_key("contact")
def contact_detail(request, public_id):
    contact = found(selectors.contact_get(user=request.user, public_id=public_id))
    others = [
        m for m in contact.household.members.filter(removed_at__isnull=True) if m.pk != contact.pk
    ]
    related_query = request.GET.get("rq", "").strip()[:100]
    if related_query:
        others += list(
            selectors.contacts_visible_to(user=request.user)
            .filter(Q(first_name__icontains=related_query) | Q(last_name__icontains=related_query))
            .exclude(pk=contact.pk)[:20]
        )
    form = RelationshipForm(request.POST or None, others=others)
    if request.method == "POST" and form.is_valid():
        other = selectors.contact_get(user=request.user, public_id=form.cleaned_data["other"])
        if other is None:
            form.add_error("other", "Choose who they are related to.")
        else:
            try:
                relationship_create(
                    actor=request.user,
                    contact=contact,
                    other=other,
                    kind=form.cleaned_data["kind"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "The relationship has been recorded.")
                return redirect("contact_detail", public_id=contact.public_id)
    return render(
        request,
        "casework/contact_detail.html",
        {
            "contact": contact,
            "relationships": contact.relationships.filter(other__removed_at__isnull=True)
            .select_related("other")
            .order_by("id"),
            "engagements": selectors.engagements_visible_to(user=request.user).filter(
                contact=contact
            ),
            "consultations": selectors.consultations_with(user=request.user, contact=contact)[:50],
            "can_open_engagement": contact.kind == ContactKind.CHILD,
            "form": form,
            "related_query": related_query,
        },
    )


@never_cache
@login_required
@help_key("household")
def household_detail(request, public_id):
    household = found(selectors.household_get(user=request.user, public_id=public_id))
    form = AddressForm(
        request.POST or None,
        initial={
            "address_line_1": household.address_line_1,
            "address_line_2": household.address_line_2,
            "town": household.town,
            "postcode": household.postcode,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            household_address_update(actor=request.user, household=household, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "The address has been changed for everyone in the household.")
            return redirect("household_detail", public_id=household.public_id)
    return render(
        request,
        "casework/household_detail.html",
        {
            "household": household,
            "members": household.members.filter(removed_at__isnull=True).order_by(
                "joined_household_at", "id"
            ),
            "form": form,
        },
    )
