"""Contacts and households in the portal. Thin: parse with a form, call one service
or selector, render. Rules live in casework.services and casework.policy."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from casework import selectors
from casework.access.models import RecordType
from casework.access.services import read_log
from casework.forms import (
    AddressForm,
    ContactCreateForm,
    ContactFindForm,
    RelationshipForm,
    RelationshipRemoveForm,
    SearchForm,
)
from casework.models import ContactKind
from casework.services.contacts import contact_create
from casework.services.households import household_address_update
from casework.services.relationships import (
    relationship_create,
    relationship_remove,
    sentence,
)
from casework.views_common import found, page_of, require_casework
from tenants.accounts.private_search import private_search
from tenants.accounts.views_common import form_done, help_key

FIND_FIELDS = ("first_name", "last_name", "date_of_birth", "postcode", "phone")


@private_search("q")
@login_required
@help_key("contacts")
def contact_list(request):
    require_casework(request)
    search = SearchForm(request.private_search.data)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if query:  # the one search: the best matches, each saying what matched
        contacts = [c for c, _ in selectors.people_search(user=request.user, query=query, limit=50)]
    else:
        contacts = selectors.contacts_visible_to(user=request.user)
    return render(
        request,
        "casework/contact_list.html",
        {"search": search, "query": query, "page": page_of(request, contacts)},
    )


@private_search(*FIND_FIELDS)
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
    # The find form posts and is kept under `?s=` (private_search): what was typed about
    # a person stays out of URLs and server logs.
    find_data = request.private_search.data
    searching = find_data is not None
    find = ContactFindForm(find_data, auto_id="find_%s")
    matches = []
    if find.has_criteria():
        matches = selectors.contact_matches(user=request.user, **find.cleaned_data)
    initial = {k: v for k, v in (find.cleaned_data if find.is_bound else {}).items() if v}
    if initial.get("date_of_birth"):
        born = initial["date_of_birth"]
        initial["date_of_birth"] = f"{born.day}/{born.month}/{born.year}"
    if household is not None:
        initial.pop("postcode", None)
    creating = request.method == "POST"
    form = ContactCreateForm(request.POST if creating else None, initial=initial)

    def work():
        data = form.cleaned_data
        return contact_create(
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

    if answer := form_done(
        request,
        form,
        work,
        done=lambda contact: f"{contact.display_name} has been added ({contact.client_id}).",
        then=lambda contact: redirect("contact_detail", public_id=contact.public_id),
    ):
        return answer
    return render(
        request,
        "casework/contact_new.html",
        {
            "find": find,
            "searched": find.is_bound and find.is_valid(),
            "matches": matches,
            "form": form,
            "household": household,
            "show_form": creating
            or "create" in request.GET
            or (household is not None and not searching),
            "household_query": f"household={household.public_id}" if household else "",
            "kept_query": "&".join(
                part
                for part in (
                    f"household={household.public_id}" if household else "",
                    request.private_search.query_string,
                )
                if part
            ),
        },
    )


@private_search("rq")
@never_cache
@login_required
@help_key("contact")
def contact_detail(request, public_id):
    # A merged record leads to the record kept (casework.duplicates.redirects).
    contact = found(selectors.contact_get(user=request.user, public_id=public_id))
    others = [
        member
        for member in selectors.household_members(household=contact.household)
        if member.pk != contact.pk
    ]
    related_query = request.private_search["rq"][:100]
    if related_query:  # a person outside the household, by the one search
        others += [
            person
            for person, _ in selectors.people_search(user=request.user, query=related_query)
            if person.pk != contact.pk and person not in others
        ]
    form = RelationshipForm(request.POST or None, others=others, contact=contact)

    def work():
        other = selectors.contact_get(user=request.user, public_id=form.cleaned_data["other"])
        if other is None:
            raise ValidationError({"other": "Choose who they are related to."})
        # "[other] is [contact]'s [kind]": the other is the one being described.
        return relationship_create(
            actor=request.user, contact=other, other=contact, kind=form.cleaned_data["kind"]
        )

    if form_done(
        request,
        form,
        work,
        done=lambda made: (
            f"Recorded: {sentence(made.contact, contact, made.kind)}, and "
            f"{sentence(contact, made.contact, made.inverse.kind)}."
        ),
    ):
        return redirect("contact_detail", public_id=contact.public_id)
    read_log(actor=request.user, record_type=RecordType.CONTACT, public_ids=[contact.public_id])
    return render(
        request,
        "casework/contact_detail.html",
        {
            "contact": contact,
            "relationships": selectors.relationships_of(user=request.user, contact=contact),
            "engagements": selectors.engagements_of(user=request.user, contact=contact),
            "consultations": selectors.consultations_with(user=request.user, contact=contact)[:50],
            "can_open_engagement": contact.kind == ContactKind.CHILD,
            "form": form,
            "related_query": related_query,
        },
    )


@never_cache
@login_required
@help_key("contact")
def relationship_remove_view(request, public_id, other_public_id):
    """Remove a wrongly recorded relationship, both ways, with the reason."""
    contact = found(selectors.contact_get(user=request.user, public_id=public_id))
    relationship = found(
        selectors.relationship_get(
            user=request.user, contact=contact, other_public_id=other_public_id
        )
    )
    form = RelationshipRemoveForm(request.POST or None)

    def work():
        return relationship_remove(
            actor=request.user, relationship=relationship, reason=form.cleaned_data["reason"]
        )

    if form_done(request, form, work, done="The relationship has been removed from both people."):
        return redirect("contact_detail", public_id=contact.public_id)
    return render(
        request,
        "casework/relationship_remove.html",
        {
            "contact": contact,
            "relationship": relationship,
            "both_ways": [
                sentence(relationship.other, contact, relationship.inverse.kind)
                if relationship.inverse
                else "",
                sentence(contact, relationship.other, relationship.kind),
            ],
            "form": form,
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
    if form_done(
        request,
        form,
        lambda: household_address_update(
            actor=request.user, household=household, **form.cleaned_data
        ),
        done="The address has been changed for everyone in the household.",
    ):
        return redirect("household_detail", public_id=household.public_id)
    read_log(actor=request.user, record_type=RecordType.HOUSEHOLD, public_ids=[household.public_id])
    return render(
        request,
        "casework/household_detail.html",
        {
            "household": household,
            "members": selectors.household_members(household=household).order_by(
                "joined_household_at", "id"
            ),
            "form": form,
        },
    )
