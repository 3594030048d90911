"""What 'docgen import --ny' tells the user: what it recognised, what it
guessed (with the field's path in the new file), the variants it made one
fact of, and the text it could not place."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Notes:
    recognised: dict[str, int] = field(default_factory=dict)
    guessed: list[tuple[str, tuple]] = field(default_factory=list)  # (what, path in the new file)
    variants: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # the documents disagree; the user decides
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (where, text)
    documents: list[str] = field(default_factory=list)

    def guess(self, what: str, path: tuple) -> None:
        self.guessed.append((what, path))


class NotAnAgreement(ValueError):
    """No document of an agreement was found; the message says what was looked for."""
