"""Validators for the Open Referral UK profile's JSON schemas copied under oruk_schemas/
(relative $refs resolve to the copies)."""

import json
from functools import cache
from pathlib import Path

import fastjsonschema

SCHEMAS = Path(__file__).resolve().parent / "oruk_schemas"
UUID_RE = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
FORMATS = {"uuid": UUID_RE}


def _load(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@cache
def openapi() -> dict:
    return _load("openapi.json")


@cache
def validator(name: str):
    """A validator for one of the copied schemas; relative $refs resolve to the copies."""
    return fastjsonschema.compile(
        _load(name), handlers={"": lambda uri: _load(uri)}, formats=FORMATS
    )


@cache
def page_validator(item_schema: str):
    """Open Referral's Page envelope (every field present) with `contents` of one shape."""
    page = openapi()["components"]["schemas"]["Page"]
    return fastjsonschema.compile(
        {
            **page,
            "required": list(page["properties"]),
            "properties": {
                **page["properties"],
                "contents": {"type": "array", "items": _load(item_schema)},
            },
        },
        handlers={"": lambda uri: _load(uri)},
        formats=FORMATS,
    )
