"""The demo family centre's likely duplicate (idempotent): one parent recorded twice, a
month apart, the name spelt differently, the same date of birth and phone, so the
manager's "Likely duplicate contacts" lists the pair to review and merge."""

from datetime import date, timedelta

from django.db import transaction

from casework.models import Consent, Contact, ContactKind
from casework.services.contacts import contact_create

# (first name, postcode, consent decided days ago): Catherine/Kathryn sound alike.
TWICE = [("Catherine", "M1 1AE", 60), ("Kathryn", "M1 1AE", 30)]
SURNAME = "Marsh"
BORN = date(1988, 6, 2)
PHONE = "07700 900321"


def duplicates_demo_seed(*, practitioner) -> None:
    if Contact.objects.filter(last_name=SURNAME, date_of_birth=BORN).exists():
        return
    today = date.today()
    with transaction.atomic():  # both or neither: the guard above looks for either
        for first_name, postcode, days_ago in TWICE:
            contact_create(
                actor=practitioner,
                kind=ContactKind.ADULT,
                adult_role="parent",
                first_name=first_name,
                last_name=SURNAME,
                date_of_birth=BORN,
                phone=PHONE,
                consent=Consent.GIVEN,
                consent_decided_on=today - timedelta(days=days_ago),
                address_line_1="4 Canal Row",
                postcode=postcode,
            )
