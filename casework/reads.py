"""A record's page was read: the hook through which a part of casework that who looked
(casework.access) builds on — safeguarding — reports its reads without importing it
(casework.access reads safeguarding's policy, so the other way would be a cycle).
casework.access registers the writer in its AppConfig.ready()."""

from collections.abc import Callable

from tenants.hooks import hook_register

_readers: list[Callable[..., object]] = []


def on_record_read(func: Callable[..., object]) -> Callable[..., object]:
    """`func(actor=user, record_type=str, public_ids=[...])` keeps one read."""
    return hook_register(_readers, func)


def record_read(*, actor, record_type: str, public_ids) -> None:
    for func in _readers:
        func(actor=actor, record_type=record_type, public_ids=public_ids)
