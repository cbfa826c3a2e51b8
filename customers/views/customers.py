"""Customers screens (borough side). Thin: rules are in customers.services and policy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.views.decorators.cache import never_cache

from casework.access import policy as access_policy
from casework.access.models import RecordType
from casework.access.services import read_log
from casework.access.views import record_reads_page
from casework.views_common import page_of
from customers import policy, selectors, services
from customers.forms import CustomerChangeForm, CustomerForm, InterestForm, ReasonForm
from customers.selectors_queues import customers_with_open_journey
from tenants.accounts.private_search import private_search
from tenants.accounts.views_common import add_service_errors, form_done, help_key


@private_search("q")
@login_required
@help_key("customers")
def customer_list(request):
    policy.check_work_with_customers(request.user)
    query = request.private_search["q"][:100]
    open_journeys = request.GET.get("show") == "open-journeys"
    if open_journeys:
        customers = customers_with_open_journey(user=request.user)
    else:
        customers = selectors.customers_search(user=request.user, query=query)
    # The search answers a ranked list (each saying what matched), the queues a queryset.
    page = page_of(request, customers)
    prefetch_related_objects(page.object_list, "not_interested_reasons")
    return render(
        request,
        "customers/customer_list.html",
        {"page": page, "q": query, "open_journeys": open_journeys},
    )


@never_cache
@login_required
@help_key("customer-new")
def customer_new(request):
    policy.check_work_with_customers(request.user)
    form = CustomerForm(request.POST or None)
    matches, searched = [], False
    if request.POST.get("action") == "create":
        if answer := form_done(
            request,
            form,
            lambda: services.customer_create(actor=request.user, **form.cleaned_data),
            done=lambda customer: f"{customer} has been added.",
            then=lambda customer: redirect("customer_detail", public_id=customer.public_id),
        ):
            return answer
    elif request.method == "POST" and form.is_valid():
        # The one search over every detail typed (a bad postcode is left out here and
        # named when creating).
        searched = True
        matches = selectors.customer_matches(user=request.user, **form.cleaned_data)
    return render(
        request,
        "customers/customer_new.html",
        {"form": form, "matches": matches, "searched": searched},
    )


@never_cache
@login_required
@help_key("customer")
def customer_detail(request, public_id):
    customer = selectors.customer_get(user=request.user, public_id=public_id)
    if customer is None:
        raise Http404
    form = InterestForm(request.POST or None, reasons=selectors.reasons_offered())

    def work():
        data = form.cleaned_data
        return services.customer_record_interest(
            actor=request.user,
            customer=customer,
            interest=data["interest"],
            on=data["on"],
            reasons=form.chosen_reasons(),
            other=data["other"],
            reason=data["reason"],
        )

    if form_done(request, form, work, done="Their answer has been recorded."):
        return redirect("customer_detail", public_id=customer.public_id)
    read_log(actor=request.user, record_type=RecordType.CUSTOMER, public_ids=[customer.public_id])
    return render(
        request,
        "customers/customer_detail.html",
        {
            "customer": customer,
            "can_see_who_looked": access_policy.can_see_who_looked(request.user),
            "detail_rows": _detail_rows(customer),
            "reasons": customer.not_interested_reasons.all(),
            "form": form,
            "journey": selectors.customer_journey(user=request.user, customer=customer),
        },
    )


def _detail_rows(customer) -> list[tuple[str, object, str]]:
    """(label, value, the edit screen's field) for each row of the summary list."""
    return [
        ("Name", str(customer), "first_name"),
        ("Housing reference", customer.housing_reference, "housing_reference"),
        (
            "Date of birth",
            date_format(customer.date_of_birth, "j F Y") if customer.date_of_birth else "",
            "date_of_birth",
        ),
        ("Postcode", customer.postcode, "postcode"),
        ("Phone", customer.phone, "phone"),
        ("Email", customer.email, "email"),
    ]


@never_cache
@login_required
@help_key("customer")
def customer_change(request, public_id):
    """Correct the customer's details (a "Change" link on their record)."""
    customer = selectors.customer_get(user=request.user, public_id=public_id)
    if customer is None:
        raise Http404
    policy.check_work_with_customers(request.user)
    initial = {name: getattr(customer, name) for name in services.CUSTOMER_DETAILS}
    form = CustomerChangeForm(request.POST or None, initial=initial)

    def work():
        data = form.cleaned_data
        return services.customer_update(
            actor=request.user,
            customer=customer,
            reason=data.pop("reason"),
            **data,
        )

    if form_done(request, form, work, done="Their details have been saved."):
        return redirect("customer_detail", public_id=customer.public_id)
    return render(
        request,
        "includes/change_form.html",
        {
            "form": form,
            "title": "Change their details",
            "caption": str(customer),
            "back_url": reverse("customer_detail", args=[customer.public_id]),
            "back_label": "Back to the customer",
        },
    )


@never_cache
@login_required
@help_key("history")
def customer_history(request, public_id):
    result = selectors.customer_history(
        user=request.user, public_id=public_id, page=request.GET.get("page")
    )
    if result is None:
        raise Http404
    customer, page = result
    page.extra = ""
    return render(
        request,
        "casework/history.html",
        {
            "record": customer,
            "page": page,
            "title": str(customer),
            "record_url": reverse("customer_detail", args=[public_id]),
            "record_label": "Customer",
        },
    )


@never_cache
@login_required
@help_key("customer-reasons")
def reason_list(request):
    policy.check_keep_reasons(request.user)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and request.POST.get("retire"):
        # Retiring is a button beside each reason; its refusal shows above the add form.
        try:
            reason = selectors.reason_get(pk=request.POST["retire"])
            if reason is None:
                raise ValidationError("Choose a reason from the list.")
            services.reason_retire(actor=request.user, reason=reason)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"“{reason.name}” has been taken off the list.")
            return redirect("customer_reasons")
    elif form_done(
        request,
        form,
        lambda: services.reason_add(actor=request.user, name=form.cleaned_data["name"]),
        done=lambda reason: f"“{reason.name}” has been added.",
    ):
        return redirect("customer_reasons")
    return render(
        request,
        "customers/reasons.html",
        {"form": form, "reasons": selectors.reasons_kept()},
    )


@never_cache
@login_required
@help_key("who-looked")
def customer_who_looked(request, public_id):
    if not access_policy.can_see_who_looked(request.user):
        raise PermissionDenied  # a right the role lacks, as on every screen (not "not found")
    customer = selectors.customer_for_who_looked(user=request.user, public_id=public_id)
    if customer is None:
        raise Http404
    return record_reads_page(
        request,
        record_type=RecordType.CUSTOMER,
        record=customer,
        title=str(customer),
        # The data protection officer cannot open the customer's page: back to what is
        # held about them instead.
        back_url=reverse(
            "customer_detail"
            if selectors.customer_get(user=request.user, public_id=public_id)
            else "customer_held",
            args=[customer.public_id],
        ),
    )
