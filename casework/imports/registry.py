"""What can be imported: each kind of record registers here from its own app (casework's
contacts and engagements; referrals' callers and cases, customers' customers would register
from theirs), as record tabs do (casework.record_tabs): the Import screens need no
knowledge of them (a hook, ARCHITECTURE.md).

A kind names its fields, the columns of known exports already mapped to them (presets,
by source system), and `row_import`, which brings in one row through the same services
the screens use: it returns an Outcome, or raises ValidationError (the services' own
messages) to refuse the row; `batch_import`, if given, does a batch of rows at once with the
same rules and outcomes, in fewer statements."""

from collections.abc import Callable
from dataclasses import dataclass, field

from tenants.hooks import hook_register


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    required: bool = False


@dataclass(frozen=True)
class Outcome:
    action: str  # one of ACTIONS
    record: str = ""  # the person or record, in words
    matched_on: tuple[str, ...] = ()


ACTIONS = {
    "created": "To create",
    "updated": "To update",
    "unchanged": "Already imported, unchanged",
    "matched": "Matched to an existing record",
    "refused": "Refused",
}


@dataclass(frozen=True)
class Preset:
    """A known export: the system it comes from (its ids are remembered under that name),
    what the export is called there, and its column headings → our field keys."""

    system: str
    export: str
    columns: dict[str, str]


@dataclass(frozen=True)
class ImportKind:
    key: str
    label: str
    fields: tuple[ImportField, ...]
    # the known exports' columns, by source system and export
    presets: tuple["Preset", ...]
    row_import: Callable[..., Outcome]
    # a whole batch at once (bulk writes), when the kind has one: batch_import(actor=,
    # rows=[(number, values)], job=) → each row's Outcome or the exception refusing it
    batch_import: Callable[..., list] | None = None
    # who may import it, besides the Import area's own rule (a partner kind's capability)
    allowed: Callable[..., bool] = field(default=lambda user: True)
    order: int = 100

    def field_label(self, key: str) -> str:
        return next((f.label for f in self.fields if f.key == key), key.replace("_", " "))


_kinds: list[ImportKind] = []
FIELDS_MAX = 30  # a kind's fields at most (the API's lists are counted at it)


def import_kind_register(kind: ImportKind) -> ImportKind:
    """Offer a kind of record in the Import area (once; ordered by `order`)."""
    if len(kind.fields) > FIELDS_MAX:
        raise ValueError(f"An import kind has at most {FIELDS_MAX} fields ({kind.key}).")
    if all(k.key != kind.key for k in _kinds):
        hook_register(_kinds, kind)
        _kinds.sort(key=lambda k: k.order)
    return kind


def import_kinds(*, user) -> list[ImportKind]:
    return [k for k in _kinds if k.allowed(user)]


def import_kind(key: str) -> ImportKind | None:
    return next((k for k in _kinds if k.key == key), None)


OTHER_SOURCE = "Another spreadsheet"


def preset_for(kind: ImportKind, headers: list[str]) -> tuple[str, dict[str, str]]:
    """The system these headings' export comes from (the known export matching most of
    them) and its mapping, field → column; else OTHER_SOURCE and no mapping."""
    best, best_hits = OTHER_SOURCE, {}
    present = {h.strip().lower(): h for h in headers}
    for preset in kind.presets:
        hits = {
            key: present[column.lower()]
            for column, key in preset.columns.items()
            if column.lower() in present
        }
        if len(hits) > len(best_hits):
            best, best_hits = preset.system, hits
    return best, best_hits
