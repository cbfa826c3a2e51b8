"""Rows read from the database made into instances without running Model.__init__.

Django builds each row's instance by calling the model with every concrete field as an
argument (`from_db`: a DEFERRED marker for each column not read), and `__init__` then
sends pre_init and post_init and walks every field, setting each value through its
descriptor: ~5.5 µs a row, where putting the values in place takes ~1.2 µs. A page of
the API reads hundreds of rows (bench/graphql: 700), so the models it lists most take
the short way here.

It is the same instance: the values land in `__dict__` exactly where `__init__` would
put them (its descriptors for plain and foreign key columns only store the value on a
new instance), with the same `_state`. The short way is taken only when that holds:
the model keeps Django's own `__init__`, every column read has one of those two
descriptors, and nothing listens to pre_init or post_init for the model; otherwise
Django's `from_db` runs. tests/tenants/test_quick_load.py compares the two instance
by instance.
"""

import inspect

from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

_PLAIN = (DeferredAttribute, ForeignKeyDeferredAttribute)
# (model, columns read) → the attribute names the values go to, or None (Django's way).
_targets: dict[tuple[type, tuple[str, ...]], tuple[str, ...] | None] = {}


class QuickLoad:
    """Mixin for a model (before models.Model or its abstract base)."""

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        key = (cls, tuple(field_names))
        names = _targets.get(key, _targets)
        if names is _targets:
            names = _targets[key] = attribute_names(cls, key[1], len(values))
        if names is None or pre_init.has_listeners(cls) or post_init.has_listeners(cls):
            return super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        new = cls.__new__(cls)
        state = ModelState()
        state.adding = False
        state.db = db
        if fetch_mode is not None:
            state.fetch_mode = fetch_mode
        attributes = new.__dict__
        attributes["_state"] = state
        attributes.update(zip(names, values, strict=True))
        return new


def attribute_names(cls, field_names: tuple[str, ...], count: int) -> tuple[str, ...] | None:
    """Where each value goes, in the order Django's from_db takes them (the model's
    concrete fields, those read); None when the short way would not be the same."""
    if cls.__init__ is not Model.__init__:
        return None
    fields = cls._meta.concrete_fields
    if count != len(fields):
        fields = [f for f in fields if f.attname in field_names]
    if len(fields) != count:
        return None
    for field in fields:
        if type(inspect.getattr_static(cls, field.attname, None)) not in _PLAIN:
            return None
    return tuple(f.attname for f in fields)
