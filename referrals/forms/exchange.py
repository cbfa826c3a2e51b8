"""The exchange's forms: the data team's comment, sending a local referral to a partner,
declining or accepting one received."""

from django import forms


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="What the call handler needs to do",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Say what the call handler needs to do."},
    )


def _offer_words(entry) -> str:
    """A service offered for sending, with its capacity, as the send screens show it."""
    words = f"answers within {entry.response_hours} hours"
    return f"{words}; {entry.wait_words}" if entry.wait_words else words


class SendForm(forms.Form):
    local_referral = forms.UUIDField(widget=forms.HiddenInput)
    receiver = forms.ChoiceField(
        label="Send to",
        error_messages={
            "required": "Choose the partner to send it to.",
            "invalid_choice": "Choose a partner the directory offers for this referral.",
        },
    )

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].choices = [("", "Choose a partner")] + [
            (e.partner.slug, f"{e.partner.name} ({_offer_words(e)})") for e in offered
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Give the reason."},
    )


class DeclineForm(ReasonForm):
    suggested_partner = forms.ChoiceField(
        label="Suggest another partner (optional)", required=False
    )

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_partner"].choices = [("", "No suggestion")] + [
            (p.slug, p.name) for p in partners
        ]


class AcceptForm(forms.Form):
    contact = forms.CharField(
        label="Local contact",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the local contact, or create one."},
    )

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (str(c.public_id), f"{c.display_name} ({c.client_id}): {', '.join(r)}")
            for c, r in matches
        ]
        self.fields["contact"].widget.choices = choices + [
            ("new", "None of these: create a new contact")
        ]
