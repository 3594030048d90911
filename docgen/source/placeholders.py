"""Placeholders "[udfyld: …]" that `docgen init` writes for what the user
must fill in.  A file still holding one cannot be built; `docgen validate`
lists each with its line and what belongs there."""
from __future__ import annotations

import re
from typing import Any, Iterator

PATTERN = re.compile(r"^\s*\[udfyld\b[:\s]*(?P<what>[^\]]*)\]\s*$", re.IGNORECASE)


# No agreement nests deeper than some six levels; a walk stops far beyond.
MAX_DEPTH = 32


class TooDeep(ValueError):
    """The data nests deeper than MAX_DEPTH; ``path`` is where it did."""

    def __init__(self, path: tuple) -> None:
        super().__init__(path)
        self.path = path


def values(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) for every value in parsed TOML data that is not a
    table or a list; TooDeep when the data nests deeper than MAX_DEPTH."""
    if len(path) > MAX_DEPTH:
        raise TooDeep(path[:MAX_DEPTH])
    if isinstance(data, dict):
        for key, value in data.items():
            yield from values(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from values(value, path + (index,))
    else:
        yield path, data


def strings(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) for every string in parsed TOML data."""
    return ((p, v) for p, v in values(data, path) if isinstance(v, str))


def find(data: Any) -> Iterator[tuple[tuple, str]]:
    """(path, what to fill in) for every placeholder in parsed TOML data."""
    for path, text in strings(data):
        match = PATTERN.match(text)
        if match:
            yield path, match.group("what").strip() or "feltet"


def message(what: str) -> str:
    return f"skal udfyldes: {what}"
