"""The header's search, beyond casework's own records: apps above casework (customers)
add a section of their people without casework importing them (.importlinter). Each
registers in its AppConfig.ready() a function `(user=, query=)` that returns a Section,
or None when the user may not see that kind of record at all (no empty heading for
them); it filters to what the user may see in SQL, as the one search does."""

from collections.abc import Callable
from dataclasses import dataclass, field

from tenants.hooks import hook_register


@dataclass(frozen=True)
class Found:
    """One person found: how the results name them, where their record is, what matched."""

    name: str
    url: str
    details: str = ""  # tells namesakes apart: a reference, a birth date
    matched: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    title: str  # "Customers"
    key: str  # names the list for tests and screen readers' landmarks: "customers"
    found: list[Found]
    none_found: str  # "No customers found."


_sections: list[Callable[..., Section | None]] = []


def on_header_search(func: Callable[..., Section | None]) -> Callable[..., Section | None]:
    return hook_register(_sections, func)


def sections_found(*, user, query: str) -> list[Section]:
    """The registered sections the user may see, for what was typed."""
    return [s for s in (func(user=user, query=query) for func in _sections) if s is not None]
