"""Customers: create (find before create, as the portal's screen) and record interest,
through customers.services."""

from datetime import date

import strawberry
from strawberry import UNSET, relay
from strawberry.types import Info

from customers import selectors, services
from graphql_api.auth import check_can_write, user_of
from graphql_api.customers.queries import matches_for
from graphql_api.customers.types import CustomerMatch, CustomerType
from graphql_api.errors import INVALID, FieldError, not_found, payload_of
from graphql_api.ids import public_id_of
from graphql_api.inputs import changes_given


@strawberry.type
class CustomerPayload:
    customer: CustomerType | None = None
    matches: list[CustomerMatch] = strawberry.field(
        default_factory=list, description="Possible existing records (nothing was created)."
    )
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class CustomerCreateInput:
    first_name: str
    last_name: str
    date_of_birth: date | None = None
    postcode: str = ""
    phone: str = ""
    email: str = ""
    housing_reference: str = ""
    none_of_the_matches: bool = strawberry.field(
        default=False,
        description="You checked the matches offered and none is this person: create anyway.",
    )


@strawberry.input
class CustomerInterestInput:
    customer_id: relay.GlobalID
    interest: str = strawberry.field(description="interested or not_interested.")
    on: date | None = None
    reasons: list[str] = strawberry.field(
        default_factory=list, description="Names from the borough's list of reasons."
    )
    other: str = ""
    reason: str = strawberry.field(
        default="", description="When correcting an answer recorded by mistake: why."
    )


@strawberry.input(
    description="Only the fields given change; null clears one (a date of birth, a phone…)."
)
class CustomerUpdateInput:
    customer_id: relay.GlobalID
    first_name: str | None = UNSET
    last_name: str | None = UNSET
    date_of_birth: date | None = UNSET
    postcode: str | None = UNSET
    phone: str | None = UNSET
    email: str | None = UNSET
    housing_reference: str | None = UNSET
    reason: str = strawberry.field(
        default="",
        description="Why it changed: needed when a name or date of birth changes (kept on "
        "the customer's History).",
    )


@strawberry.type
class CustomersMutation:
    @strawberry.mutation(
        description="Add a customer. Likely existing records come back first, as `matches`; "
        "send again with noneOfTheMatches: true to create."
    )
    def customer_create(self, info: Info, input: CustomerCreateInput) -> CustomerPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        data = strawberry.asdict(input)
        confirmed = data.pop("none_of_the_matches")
        if not confirmed:
            matches = matches_for(user, **data)
            if matches:
                return CustomerPayload(
                    matches=matches,
                    errors=[
                        FieldError(
                            field="noneOfTheMatches",
                            message="These customers may be this person: open their record, "
                            "or confirm none of them is.",
                            code=INVALID,
                        )
                    ],
                )
        return payload_of(
            CustomerPayload,
            lambda: CustomerPayload(customer=services.customer_create(actor=user, **data)),
        )

    @strawberry.mutation(description="Record whether a customer wants support (replaces the last).")
    def customer_record_interest(
        self,
        info: Info,
        input: CustomerInterestInput,  # noqa: A002
    ) -> CustomerPayload:
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(input.customer_id, "Customer")
        customer = selectors.customer_get(user=user, public_id=public_id) if public_id else None
        if customer is None:
            return CustomerPayload(errors=not_found("customer_id", "customer"))
        offered = {r.name: r for r in selectors.reasons_offered()}
        unknown = [name for name in input.reasons if name not in offered]
        if unknown:
            return CustomerPayload(
                errors=[
                    FieldError(
                        field="reasons",
                        message=f"“{unknown[0]}” is not on the list of reasons.",
                        code=INVALID,
                    )
                ]
            )

        def work():
            updated = services.customer_record_interest(
                actor=user,
                customer=customer,
                interest=input.interest,
                on=input.on,
                reasons=[offered[name] for name in input.reasons],
                other=input.other,
                reason=input.reason,
            )
            return CustomerPayload(customer=updated)

        return payload_of(CustomerPayload, work)

    @strawberry.mutation(
        description="Correct a customer's details. A changed name or date of birth needs a "
        "reason; a housing reference still names one customer."
    )
    def customer_update(self, info: Info, input: CustomerUpdateInput) -> CustomerPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(input.customer_id, "Customer")
        customer = selectors.customer_get(user=user, public_id=public_id) if public_id else None
        if customer is None:
            return CustomerPayload(errors=not_found("customer_id", "customer"))
        changes = changes_given(input, skip=("customer_id", "reason"))
        return payload_of(
            CustomerPayload,
            lambda: CustomerPayload(
                customer=services.customer_update(
                    actor=user, customer=customer, reason=input.reason, **changes
                )
            ),
        )
