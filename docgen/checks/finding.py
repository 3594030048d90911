"""What a check reports."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """The TOML path of the offending key and a Danish message saying what
    is wrong and what to do; ``text_line``: the line within a text of
    several lines (1-based) where the problem is, when it is in one."""

    path: tuple
    message: str
    text_line: int | None = None
