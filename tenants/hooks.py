"""Where apps above `tenants` take part in what tenants does, without tenants importing
them (ARCHITECTURE.md): provisioning, role changes and training copies call the hooks
registered here; each app registers its own in its AppConfig.ready().

A hook runs in the schema the caller is in, inside the caller's transaction."""

from collections.abc import Callable

_template_seeders: list[Callable[[], object]] = []
_role_rights_changed: list[Callable[[], object]] = []
_training_seeders: list[Callable[..., object]] = []
_partner_cloned: list[Callable[..., object]] = []


def hook_register(hooks: list, func: Callable) -> Callable:
    """Add `func` to a list of hooks once (also for casework.header_search's sections)."""
    if func not in hooks:  # ready() may run more than once (tests, autoreload)
        hooks.append(func)
    return func


def on_template_seeded(func: Callable[[], object]) -> Callable[[], object]:
    """`func()` fills the template schema after its roles exist (the manual: cms)."""
    return hook_register(_template_seeders, func)


def on_role_rights_changed(func: Callable[[], object]) -> Callable[[], object]:
    """`func()` follows a role added or its rights changed (the manual's page rights)."""
    return hook_register(_role_rights_changed, func)


def on_training_copy_filled(func: Callable[..., object]) -> Callable[..., object]:
    """`func(kind=..., recorder=user, manager=user or None)` adds made-up records of the
    partner's kind to a training copy, recorded by the made-up staff given."""
    return hook_register(_training_seeders, func)


def on_partner_cloned(func: Callable[..., object]) -> Callable[..., object]:
    """`func(kind=...)` gives a schema just cloned from the template (a new partner, a
    training copy, one reset) its kind's own defaults (the consent review period)."""
    return hook_register(_partner_cloned, func)


def template_seeded() -> None:
    for func in _template_seeders:
        func()


def role_rights_changed() -> None:
    for func in _role_rights_changed:
        func()


def training_copy_filled(*, kind: str, recorder, manager=None) -> None:
    for func in _training_seeders:
        func(kind=kind, recorder=recorder, manager=manager)


def partner_cloned(*, kind: str) -> None:
    for func in _partner_cloned:
        func(kind=kind)
