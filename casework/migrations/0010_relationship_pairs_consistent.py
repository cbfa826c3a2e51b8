"""Today's relationships become consistent pairs: for every two related people, the
first relationship recorded between them stays as it was typed and the other half is
its inverse (found among the rows already there, or added); anything else between the
same two people (a duplicate, or a contradiction such as "sibling" beside "mother") is
removed softly with a reason, so History still shows it. Nothing is deleted.

The roles are copied here, not imported: a migration keeps working when the live
table of roles changes later."""

from django.db import migrations

ROLE = {
    "mother": "parent",
    "father": "parent",
    "parent": "parent",
    "son": "child",
    "daughter": "child",
    "child": "child",
    "sibling": "sibling",
    "grandparent": "grandparent",
    "grandchild": "grandchild",
    "carer": "carer",
    "cared_for": "cared_for",
    "partner": "partner",
    "other": "other",
}
ONE_WAY = {
    "parent": "child",
    "grandparent": "grandchild",
    "carer": "cared_for",
    "sibling": "sibling",
    "partner": "partner",
    "other": "other",
}
INVERSE = ONE_WAY | {inverse: role for role, inverse in ONE_WAY.items()}
GENDERED = {
    "parent": {"female": "mother", "male": "father"},
    "child": {"female": "daughter", "male": "son"},
}
REASON = (
    "Removed when relationships became pairs: it repeated or contradicted the "
    "relationship first recorded between the same two people."
)


def _gender(pronouns: str):
    words = set("".join(c if c.isalpha() else " " for c in (pronouns or "").lower()).split())
    she, he = words & {"she", "her", "hers"}, words & {"he", "him", "his"}
    if she and not he:
        return "female"
    if he and not she:
        return "male"
    return None


def make_pairs_consistent(apps, schema_editor):
    from django.utils import timezone

    Relationship = apps.get_model("casework", "Relationship")
    pairs = {}
    for row in (
        Relationship.objects.filter(removed_at__isnull=True)
        .select_related("other")
        .order_by("id")
    ):
        key = tuple(sorted((row.contact_id, row.other_id)))
        pairs.setdefault(key, []).append(row)
    now = timezone.now()
    for rows in pairs.values():
        first, rest = rows[0], rows[1:]
        wanted = INVERSE[ROLE.get(first.kind, "other")]
        inverse = next(
            (
                r
                for r in rest
                if r.contact_id == first.other_id and ROLE.get(r.kind, "other") == wanted
            ),
            None,
        )
        for row in rest:
            if row is not inverse:
                row.removed_at, row.removal_reason = now, REASON
                row.save(update_fields=["removed_at", "removal_reason"])
        if inverse is None:
            word = GENDERED.get(wanted, {}).get(_gender(first.other.pronouns), wanted)
            inverse = Relationship.objects.create(
                contact_id=first.other_id, other_id=first.contact_id, kind=word
            )
        first.inverse, inverse.inverse = inverse, first
        first.save(update_fields=["inverse"])
        inverse.save(update_fields=["inverse"])


class Migration(migrations.Migration):
    dependencies = [("casework", "0009_relationship_pairs")]

    operations = [migrations.RunPython(make_pairs_consistent, migrations.RunPython.noop)]
