"""Placeholders "[udfyld: …]" that `docgen init` writes for what the user
must fill in.  A file still holding one cannot be built; `docgen validate`
lists each with its line and what belongs there."""
from __future__ import annotations

import re
from typing import Any, Iterator

PATTERN = re.compile(r"^\s*\[udfyld\b[:\s]*(?P<what>[^\]]*)\]\s*$", re.IGNORECASE)


def strings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) for every string in parsed TOML data."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, path + (index,))


def find(data: Any) -> Iterator[tuple[tuple, str]]:
    """(path, what to fill in) for every placeholder in parsed TOML data."""
    for path, text in strings(data):
        match = PATTERN.match(text)
        if match:
            yield path, match.group("what").strip() or "feltet"


def message(what: str) -> str:
    return f"skal udfyldes: {what}"
