"""What a check reports."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """The TOML path of the offending key and a Danish message saying what
    is wrong and what to do."""

    path: tuple
    message: str
