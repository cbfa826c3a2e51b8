"""Parsed and validated documents, kept by query text: integrators send the same few
queries all day, and parsing and validating one costs more than the limits' checks.

Only what depends on nothing but the text and the schema is kept: the parsed document,
the fact that it passed validation (with the depth, alias and token limits in force)
and the literal strings it carries that cannot be stored. Never a result, a permission
or a variable: variables are coerced, the cost is counted and every resolver checks its
visibility on each request, as before. A document that fails parsing or validation is
not kept (it is checked again each time). Entries are per schema (its own LRU, bounded
by GRAPHQL_DOCUMENT_CACHE_SIZE) and keyed by the limits in force, so a change of limits
never reuses a document validated under other ones."""

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from graphql import DocumentNode
from strawberry.extensions import SchemaExtension

_MISSING = object()


@dataclass
class Entry:
    document: DocumentNode
    # Facts derived from the document alone, computed on first use (see derived()).
    derived: dict = field(default_factory=dict)


class DocumentLRU:
    """A bounded, thread-safe least-recently-used map of query keys to entries."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: Entry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_per_schema: "weakref.WeakKeyDictionary[object, DocumentLRU]" = weakref.WeakKeyDictionary()
_per_schema_lock = threading.Lock()
# The entry a request's document came from, to find derived facts by the document itself.
_entry_of_document: "weakref.WeakValueDictionary[int, Entry]" = weakref.WeakValueDictionary()


def cache_of(graphql_schema) -> DocumentLRU:
    with _per_schema_lock:
        lru = _per_schema.get(graphql_schema)
        size = settings.GRAPHQL_DOCUMENT_CACHE_SIZE
        if lru is None or lru.size != size:
            lru = _per_schema[graphql_schema] = DocumentLRU(size)
        return lru


def _key(context) -> tuple:
    rules = tuple(sorted(rule.__qualname__ for rule in context.validation_rules))
    return (
        context.query,
        tuple(sorted(context.parse_options.items())),
        rules,
        settings.GRAPHQL_MAX_DEPTH,
        settings.GRAPHQL_MAX_ALIASES,
        settings.GRAPHQL_MAX_TOKENS,
    )


def derived(document: DocumentNode, name: str, compute: Callable[[DocumentNode], object]):
    """`compute(document)`, kept with the document's entry when it came from the cache
    (a fact of the text alone, e.g. a literal string that cannot be stored)."""
    entry = _entry_of_document.get(id(document))
    if entry is None or entry.document is not document:
        return compute(document)
    value = entry.derived.get(name, _MISSING)
    if value is _MISSING:
        value = entry.derived[name] = compute(document)
    return value


class DocumentCache(SchemaExtension):
    """Parsing and validation skipped for a query text already parsed and validated
    under the same schema and limits. First among the extensions."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        self._key = None
        self._hit = False
        if context.query and context.graphql_document is None:
            self._key = _key(context)
            entry = cache_of(context.schema._schema).get(self._key)
            if entry is not None:
                context.graphql_document = entry.document
                self._hit = True
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if self._hit:
            context.pre_execution_errors = []  # validated when it was kept
            yield
            return
        yield
        document = context.graphql_document
        if self._key is not None and document is not None and context.pre_execution_errors == []:
            entry = Entry(document=document)
            cache_of(context.schema._schema).put(self._key, entry)
            _entry_of_document[id(document)] = entry
