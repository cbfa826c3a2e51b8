"""Names one slip away, found by exact B-tree probes rather than trigram posting lists.

A name typed with one slip (a letter dropped, doubled, swapped with its neighbour or
replaced) is one edit away from the name on file. Each contact is indexed twice:
(sound of the first name, last name) and (sound of the last name, first name), the
sound being fuzzystrmatch's double metaphone, so the other name may carry a slip that
keeps its sound ("Jessika"). Every one-edit spelling of the typed last name is looked
up beside the typed first name's sound, and the other way round, and both again with
the names swapped. That is a few thousand index probes whose cost hardly grows with
the register, unlike the posting lists of common trigrams ("er ", "  s"), which grow
with it (bench/duplicates: at 1,000,000 contacts those lists were most of the time).
"""

# Letters a slip can add or put in: names also have apostrophes, hyphens and spaces.
ALPHABET = "abcdefghijklmnopqrstuvwxyz'- "
# A longer "word" is not a name typed with a slip; the trigram search handles it.
LONGEST_WORD = 40

_SQL = """
SELECT c.id, c.search_name FROM {table} c JOIN unnest(%s::text[]) AS n(spelling)
    ON lower(c.last_name) = n.spelling WHERE dmetaphone(c.first_name) = dmetaphone(%s)
UNION
SELECT c.id, c.search_name FROM {table} c JOIN unnest(%s::text[]) AS n(spelling)
    ON lower(c.first_name) = n.spelling WHERE dmetaphone(c.last_name) = dmetaphone(%s)
"""


def one_edit_spellings(word: str) -> list[str]:
    """The word (lower-cased) and every spelling one slip away from it."""
    word = word.lower()
    found = {word}
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        found.update(head + letter + tail for letter in ALPHABET)  # a letter added
        if tail:
            found.add(head + tail[1:])  # one dropped
            found.update(head + letter + tail[1:] for letter in ALPHABET)  # one replaced
        if len(tail) > 1:
            found.add(head + tail[1] + tail[0] + tail[2:])  # neighbours swapped
    found.discard("")
    return sorted(found)


# Tables indexed for the probes (the two dmetaphone indexes): the name is put in the SQL.
SOUND_INDEXED = {"casework_contact", "customers_customer"}


def near_names_sql(
    first_name: str, last_name: str, count: int, *, table: str = "casework_contact"
) -> tuple[str, list] | None:
    """SQL for the ids of the `count` contacts with the most similar "first last" among
    those one slip from the typed name in either name (the other sounding the same),
    typed either way round; None when the typed words are not names this can look up.

    Ranked here, from the rows the probes already read: a common name ("Amelia Jones")
    has hundreds of namesakes in a large register, and fetching each again to rank it
    outside was most of the time. Every contact of the partner is a candidate: the
    caller still filters to what the user may see (today, all of them)."""
    if table not in SOUND_INDEXED:
        raise ValueError(f"{table} has no name-sound indexes")
    first, last = first_name.strip(), last_name.strip()
    if not first or not last or max(len(first), len(last)) > LONGEST_WORD:
        return None
    near_first, near_last = one_edit_spellings(first), one_edit_spellings(last)
    params = [near_last, first, near_first, last]  # as typed
    params += [near_first, last, near_last, first]  # swapped
    probes = _SQL.format(table=table)  # a table from SOUND_INDEXED, never typed
    sql = (
        f"SELECT near.id FROM ({probes} UNION {probes}) AS near"  # noqa: S608 (constant SQL)
        " ORDER BY similarity(near.search_name, %s) DESC, near.id LIMIT %s"
    )
    return sql, [*params, f"{first} {last}", count]
