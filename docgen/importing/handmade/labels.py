"""LBF's fixed labels in a hand-made document: where they are, whatever
the layout (heading, bold line, table cell, plain line, glued to their
value or to the text before them) and with small spelling slips.

Pure functions over text; the labels come from the pulje's data
(model/puljer/<pulje>.toml, [etiketter]).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

ELLIPSIS = " …"
NUMBER_MARK = "<nr>"  # "Aktivitet <nr>: …": a numbered label, the rest of the line its value


@functools.lru_cache(maxsize=8192)
def normal(text: str) -> str:
    """Lower case, one kind of dash and quote, single spaces, no emphasis marks."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u2018\u2019`´]", "'", text)
    text = text.replace("*", "").replace("\\", "")
    text = re.sub(r"\s+", " ", text)
    return text.strip().lower()


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 when it is larger than limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # each edit touches at most one of limit + 1 disjoint pieces of b, so within the
    # limit one piece stands in a unchanged: a cheap test before the full table
    size = len(b) // (limit + 1)
    if size >= 2 and not any(b[i * size:(i + 1) * size] in a for i in range(limit + 1)):
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def tolerance(label: str) -> int:
    return 1 + len(label) // 12


_NUMBER = re.compile(r"^\d+\.\s*")


@dataclass(frozen=True)
class Found:
    key: str
    rest: str  # the text after the label on the same line ('' for none)


class Labels:
    """The pulje's labels, each as one or more spellings."""

    def __init__(self, labels: dict[str, tuple[str, ...]]) -> None:
        self.spellings: list[tuple[str, str, str]] = []  # key, kind, normal spelling
        self.numbered: list[tuple[str, re.Pattern]] = []
        for key, spellings in labels.items():
            for spelling in spellings:
                if NUMBER_MARK in spelling:
                    head = normal(spelling.removesuffix(ELLIPSIS)).split(NUMBER_MARK)
                    self.numbered.append((key, re.compile(
                        "^" + re.escape(head[0].strip()) + r"\s*\d+\s*" + re.escape(head[1].strip()) + r"\s*")))
                elif spelling.endswith(ELLIPSIS):
                    self.spellings.append((key, "prefix", normal(spelling[: -len(ELLIPSIS)])))
                elif spelling.endswith(":"):
                    self.spellings.append((key, "colon", normal(spelling)))
                else:
                    self.spellings.append((key, "line", normal(spelling)))
        # labels with a colon before whole-line ones ("Formål:" is an activity's field, "2. Formål" a
        # kommissorium's section); longest first: "Aktiviteter, som … samarbejdsaftale:" before "Aktiviteter, som …"
        self.spellings.sort(key=lambda s: (s[1] == "line", -len(s[2])))
        self.glue = sorted({s for key, kind, s in self.spellings if (kind in ("colon", "prefix") and len(s) > 6)
                            or (kind == "line" and len(s) > 15)},
                           key=len, reverse=True)

    def at_start(self, text: str) -> Found | None:
        """The label a line starts with (or is), and the rest of the line."""
        memo = self.__dict__.setdefault("_memo", {})
        if text not in memo:
            memo[text] = self._at_start(text)
        return memo[text]

    def _at_start(self, text: str) -> Found | None:
        line = normal(text)
        if not line:
            return None
        bare = _NUMBER.sub("", line)
        for key, pattern in self.numbered:
            found = pattern.match(line)
            if found:
                return Found(key, _rest(text, found.end()))
        for (key, kind, spelling), (limit, pieces) in zip(self.spellings, self._pieces()):
            if kind == "line" and len(line) > len(spelling) + limit + 4:  # a whole-line label: about its length
                continue
            if kind != "line":  # a label at the start: only the line's first characters can hold it
                start = line[: len(spelling) + limit + 1] + ":"
                if not any(piece in start for piece in pieces):  # cannot be within the limit
                    continue
            if kind == "line":
                target = _NUMBER.sub("", spelling)
                if distance(bare if target != spelling else line, target, min(limit, max(1, len(target) // 8))) <= \
                        min(limit, max(1, len(target) // 8)):
                    return Found(key, "")
                continue
            if kind == "colon":
                colon = line.find(":", 0, len(spelling) + limit + 1)
                head = line[: colon + 1] if colon >= 0 else line + ":"
                if colon < 0 and abs(len(head) - len(spelling)) > limit:
                    continue
                if distance(head, spelling, limit) <= limit:
                    return Found(key, _rest(text, colon + 1) if colon >= 0 else "")
                continue
            # prefix: the line begins with it, the rest is the value
            head = line[: len(spelling)]
            if distance(head, spelling, limit) <= limit:
                rest = _rest(text, len(spelling)).lstrip(":").strip()
                if re.fullmatch(r"\(.*\):?", rest, re.S):  # LBF's guidance in brackets is the template's text
                    rest = ""
                return Found(key, rest)
        return None

    def _pieces(self) -> list[tuple[int, tuple[str, ...]]]:
        """Each spelling's tolerance and its tolerance + 1 disjoint pieces (see distance)."""
        if "_pieces_memo" not in self.__dict__:
            out = []
            for _, _, spelling in self.spellings:
                limit = tolerance(spelling)
                size = max(1, len(spelling) // (limit + 1))
                out.append((limit, tuple(spelling[i * size:(i + 1) * size] for i in range(limit + 1)) if size >= 2
                            else ("",)))
            self._pieces_memo = out
        return self._pieces_memo

    def unglue(self, text: str) -> list[str]:
        """A line cut before each label glued to the text before it
        ("Lokal deltagelseFormål:", "SSP KøbenhavnKontaktperson: …")."""
        low = text.lower()
        cuts = set()
        for spelling in self.glue:
            start = 0
            while True:
                at = low.find(spelling, start)
                if at < 0:
                    break
                start = at + 1
                # glued: a capital right after a small letter or a mark (not inside an upper-case word)
                if at > 0 and not text[at - 1].isspace() and not text[at - 1].isupper() and text[at].isupper():
                    cuts.add(at)
        if not cuts:
            return [text]
        pieces, last = [], 0
        for cut in sorted(cuts):
            pieces.append(text[last:cut])
            last = cut
        pieces.append(text[last:])
        return [p for p in pieces if p.strip()]


def _rest(text: str, normal_index: int) -> str:
    """The original text after the first ``normal_index`` characters of its
    normal form (the label), kept as written."""
    plain = text.replace("*", "").replace("\\", "")
    plain = plain.lstrip()
    # map through collapsed spaces: walk both
    seen = 0
    i = 0
    while i < len(plain) and seen < normal_index:
        if plain[i].isspace():
            while i < len(plain) and plain[i].isspace():
                i += 1
            seen += 1
            continue
        i += 1
        seen += 1
    return plain[i:].strip()


def fixed_text(text: str, openings: tuple[str, ...]) -> bool:
    """Whether a paragraph is LBF's fixed template text.  Only its start
    is compared: a paragraph rejoined line by line (lines.unwrap) asks
    again as it grows, and must not cost its whole length each time."""
    wanted, reach = _openings(openings)
    start = normal(text[:reach])
    return any(start.startswith(o) for o in wanted)


@functools.lru_cache(maxsize=64)
def _openings(openings: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """The openings in normal form, and how much of a paragraph to compare."""
    return tuple(normal(o) for o in openings), 4 * max((len(o) for o in openings), default=0) + 200
