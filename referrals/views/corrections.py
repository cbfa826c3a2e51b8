"""Correcting a summary note on the support line ("Correct this" beside each note)."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.views.decorators.cache import never_cache

from referrals import policy, selectors
from referrals.services.cases import case_is_verified
from referrals.services.corrections import case_note_correct
from referrals.views.common import found
from tenants.accounts.views_common import help_key
from tenants.views.corrections import correction_page


@never_cache
@login_required
@help_key("support-line-case")
def case_note_correct_view(request, public_id):
    note = found(selectors.case_note_get(user=request.user, public_id=public_id))
    allowed = policy.can_correct_case_note(request.user, note) and case_is_verified(
        user=request.user, case=note.case
    )
    return correction_page(
        request,
        title="Correct a summary note",
        caption=note.case.title,
        original=[
            ("Written by", f"{note.author.get_full_name()}, {note.at:%d/%m/%Y %H:%M}"),
            ("Note", note.text),
        ],
        back_url=reverse("support_case", args=[note.case.public_id]),
        allowed=allowed,
        call=lambda kind, text: case_note_correct(
            actor=request.user, note=note, kind=kind, text=text
        ),
    )
