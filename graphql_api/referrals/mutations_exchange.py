"""Exchange mutations: sending a local referral to a partner and every later step of a
referral (accept, decline, withdraw, start, hold, resume, complete, fail, reopen), through
the exchange's services, as the portal's screens. Anything not visible to the user is
"not found"."""

from datetime import date

import strawberry
from strawberry import relay
from strawberry.types import Info

from casework import selectors as casework_selectors
from graphql_api.auth import check_can_write, user_of
from graphql_api.errors import INVALID, FieldError, not_found, payload_of
from graphql_api.ids import by_global_id, public_id_of
from graphql_api.referrals.types import (
    ReferralType,
)
from referrals import selectors
from referrals.services import exchange
from tenants.selectors import partner_get


def _referral(info, global_id):
    return by_global_id(selectors.referrals_visible_to(user=user_of(info)), global_id, "Referral")


@strawberry.type
class ReferralPayload:
    referral: ReferralType | None = None
    errors: list[FieldError] = strawberry.field(default_factory=list)


@strawberry.input
class ReferralSendInput:
    local_referral_id: relay.GlobalID = strawberry.field(
        description="A case's local referral (SupportCase.localReferrals)."
    )
    receiver: str = strawberry.field(description="The receiving partner's slug.")


def _with_referral(info, referral_id, work) -> ReferralPayload:
    check_can_write(info)
    referral = _referral(info, referral_id)
    if referral is None:
        return ReferralPayload(errors=not_found("referral_id", "referral"))
    return payload_of(
        ReferralPayload, lambda: ReferralPayload(referral=work(user_of(info), referral))
    )


@strawberry.type
class ExchangeMutation:
    @strawberry.mutation(description="Data team: send a case's local referral to a partner.")
    def referral_send(self, info: Info, input: ReferralSendInput) -> ReferralPayload:  # noqa: A002
        check_can_write(info)
        user = user_of(info)
        public_id = public_id_of(input.local_referral_id, "LocalReferral")
        local = selectors.local_referral_get(user=user, public_id=public_id) if public_id else None
        if local is None:
            return ReferralPayload(errors=not_found("local_referral_id", "local referral"))
        receiver = partner_get(slug=input.receiver, active_only=True)
        if receiver is None:
            return ReferralPayload(errors=not_found("receiver", "partner"))
        return payload_of(
            ReferralPayload,
            lambda: ReferralPayload(
                referral=exchange.local_referral_send(
                    actor=user, local_referral=local, receiver=receiver
                )
            ),
        )

    @strawberry.mutation(
        description="Accept a received referral, linked to a local contact: an existing one "
        "(contactId) or, with newContact, the person the referral names, recorded as a new "
        'contact (the same service as the portal\'s "new contact" choice).'
    )
    def referral_accept(
        self,
        info: Info,
        referral_id: relay.GlobalID,
        contact_id: relay.GlobalID | None = None,
        new_contact: bool = False,
    ) -> ReferralPayload:
        check_can_write(info)
        user = user_of(info)
        referral = _referral(info, referral_id)
        if referral is None:
            return ReferralPayload(errors=not_found("referral_id", "referral"))
        if new_contact == (contact_id is not None):
            return ReferralPayload(
                errors=[
                    FieldError(
                        field="contactId",
                        message="Give either contactId or newContact: true.",
                        code=INVALID,
                    )
                ]
            )
        if new_contact:
            return payload_of(
                ReferralPayload,
                lambda: ReferralPayload(
                    referral=exchange.referral_accept_with_new_contact(
                        actor=user, referral=referral
                    )[0]
                ),
            )
        contact = by_global_id(
            casework_selectors.contacts_visible_to(user=user), contact_id, "Contact"
        )
        if contact is None:
            return ReferralPayload(errors=not_found("contact_id", "contact"))
        return payload_of(
            ReferralPayload,
            lambda: ReferralPayload(
                referral=exchange.referral_accept(actor=user, referral=referral, contact=contact)
            ),
        )

    @strawberry.mutation(description="Decline a received referral, saying why.")
    def referral_decline(
        self, info: Info, referral_id: relay.GlobalID, reason: str
    ) -> ReferralPayload:
        return _with_referral(
            info,
            referral_id,
            lambda user, r: exchange.referral_decline(actor=user, referral=r, reason=reason),
        )

    @strawberry.mutation(description="Withdraw a referral your partner sent, saying why.")
    def referral_withdraw(
        self, info: Info, referral_id: relay.GlobalID, reason: str
    ) -> ReferralPayload:
        return _with_referral(
            info,
            referral_id,
            lambda user, r: exchange.referral_withdraw(actor=user, referral=r, reason=reason),
        )

    @strawberry.mutation(description="Start work on an accepted referral.")
    def referral_start(self, info: Info, referral_id: relay.GlobalID) -> ReferralPayload:
        return _with_referral(
            info, referral_id, lambda user, r: exchange.referral_start(actor=user, referral=r)
        )

    @strawberry.mutation(
        description="Put a referral you received on hold: why, and the day it will be looked "
        "at again."
    )
    def referral_hold(
        self, info: Info, referral_id: relay.GlobalID, reason: str, review_on: date | None
    ) -> ReferralPayload:
        return _with_referral(
            info,
            referral_id,
            lambda user, r: exchange.referral_hold(
                actor=user, referral=r, reason=reason, review_on=review_on
            ),
        )

    @strawberry.mutation(description="Take a referral off hold: back to where it was.")
    def referral_resume(self, info: Info, referral_id: relay.GlobalID) -> ReferralPayload:
        return _with_referral(
            info, referral_id, lambda user, r: exchange.referral_resume(actor=user, referral=r)
        )

    @strawberry.mutation(
        description="Complete a referral in progress: what came of it (outcomeCode: "
        "need_met, partly_met, referred_on or no_longer_needed) and a summary the sender sees."
    )
    def referral_complete(
        self, info: Info, referral_id: relay.GlobalID, outcome_code: str, outcome: str
    ) -> ReferralPayload:
        return _with_referral(
            info,
            referral_id,
            lambda user, r: exchange.referral_complete(
                actor=user, referral=r, outcome_code=outcome_code, outcome=outcome
            ),
        )

    @strawberry.mutation(
        description="Say a referral could not be completed: reason could_not_contact, "
        "not_eligible, no_capacity, declined_by_person or other (with details)."
    )
    def referral_fail(
        self, info: Info, referral_id: relay.GlobalID, reason: str, details: str = ""
    ) -> ReferralPayload:
        return _with_referral(
            info,
            referral_id,
            lambda user, r: exchange.referral_fail(
                actor=user, referral=r, reason=reason, details=details
            ),
        )

    @strawberry.mutation(
        description="Reopen a referral completed, not completed or withdrawn in the last 30 "
        "days (the side that ended it), saying why."
    )
    def referral_reopen(
        self, info: Info, referral_id: relay.GlobalID, reason: str
    ) -> ReferralPayload:
        return _with_referral(
            info,
            referral_id,
            lambda user, r: exchange.referral_reopen(actor=user, referral=r, reason=reason),
        )
