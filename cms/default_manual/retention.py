"""The data protection officer's topic on retention and erasure (issue 19)."""

from cms.default_manual import Topic, callout, heading, roles_with, steps, text
from tenants.accounts import capabilities as cap

RETENTION = Topic(
    slug="retention-and-erasure",
    title="Retention and erasure",
    summary="How long records are kept, legal holds, confirming what is due, erasure on request.",
    help_keys=("retention",),
    for_roles=roles_with(cap.PROTECT_DATA),
    body=[
        text(
            "<strong>Retention</strong> in the menu (for the data protection officer) shows the rules: for each type of record, how many years it is kept and "
            "what then happens to it. <strong>Anonymise</strong> drops names, contact details "
            "and notes but keeps the counts your reports show; <strong>Erase</strong> drops "
            "every written word as well. Safeguarding records are kept until the child's 25th "
            "birthday or the rule's years, whichever is later."
        ),
        heading("Confirming what is due"),
        steps(
            "Every Monday Casebridge works out what the rules make due and tells you.",
            "Open the list: it shows how many records of each type are due, and the held "
            "ones apart, each with its reason.",
            "Select <strong>Confirm and dispose of</strong>. The page shows how far it has "
            "got. Nothing is disposed of before you confirm.",
        ),
        text(
            "Each disposal is recorded (the type, how many, the rule, who confirmed and when), "
            "never what was disposed of. Change history about those records is anonymised too."
        ),
        heading("Legal holds"),
        text(
            "A legal hold on a person stops any disposal of their records, with the reason you "
            "give. An open safeguarding case always holds the person: you do not need to add it."
        ),
        text(
            "To hold one record (a person, a customer, an engagement, a safeguarding case or a "
            "support case), select <strong>Legal holds</strong> on that record's own page. The "
            "list on the Retention page links back to each held record. Releasing a hold asks "
            "why; the reason is kept with the hold."
        ),
        heading("Erasure on request"),
        text(
            "Find the person who asked by name or client ID (a customer by name or housing "
            "reference), then select <strong>Erasure on request</strong>. If a hold or a "
            "safeguarding rule "
            "keeps their records, the page says which and why. Otherwise you confirm the list "
            "as above; the referrals they were part of are withdrawn and every partner's copy "
            "redacted."
        ),
        callout("warning", "Disposal cannot be undone.", "Check the list before you confirm it."),
    ],
)
