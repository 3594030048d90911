"""Word's numbering and heading levels, resolved as Word shows them.

A paragraph is numbered by ``w:numPr`` set on the paragraph itself or on
its style (or a style it is based on); ``w:numId`` 0 switches numbering
off.  Word's numbering button on a heading, a heading style with
numbering, and what LibreOffice's .doc/.odt/HTML round trip makes of it
(the style's numbering copied onto every heading) all read the same
here: a heading with its level and its number, never a bullet.

A heading's level comes from the paragraph's outline level (direct or
through its styles), else from a heading style's name ("Heading 2",
"Overskrift 2").  Pure reading of styles.xml and numbering.xml; the
counters run in document order (``Numbering.resolve`` is called once per
paragraph, in order).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

_HEADING_NAME = re.compile(r"^(?:heading|overskrift|berschrift|titre)\s*(\d)$", re.IGNORECASE)


@dataclass(frozen=True)
class Resolved:
    """What numbering and styles make of one paragraph."""

    level: int | None  # heading level 1-9, None for body text
    number: str  # the number Word shows ("2.", "3.1."), '' for none or a bullet
    bullet: int | None  # the list level of a bulleted or numbered list item (not a heading)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Style:
    based_on: str = ""
    name: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


def _val(element: etree._Element | None, tag: str) -> str | None:
    if element is None:
        return None
    found = element.find(_W + tag)
    return found.get(_W + "val") if found is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@dataclass
class Numbering:
    styles: dict[str, _Style] = field(default_factory=dict)
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId: (abstract id, start overrides)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, styles_xml: etree._Element | None, numbering_xml: etree._Element | None) -> "Numbering":
        out = cls()
        if styles_xml is not None:
            for style in styles_xml.iter(_W + "style"):
                if style.get(_W + "type") not in (None, "paragraph"):
                    continue
                ppr = style.find(_W + "pPr")
                num_pr = ppr.find(_W + "numPr") if ppr is not None else None
                out.styles[style.get(_W + "styleId", "")] = _Style(
                    based_on=_val(style, "basedOn") or "", name=_val(style, "name") or "",
                    num_id=_val(num_pr, "numId"), ilvl=_int(_val(num_pr, "ilvl")),
                    outline=_int(_val(ppr, "outlineLvl")))
        if numbering_xml is not None:
            for abstract in numbering_xml.iter(_W + "abstractNum"):
                levels = {}
                for lvl in abstract.iter(_W + "lvl"):
                    levels[_int(lvl.get(_W + "ilvl")) or 0] = _Level(
                        _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "", _int(_val(lvl, "start")) or 1)
                out.abstract[abstract.get(_W + "abstractNumId", "")] = levels
            for num in numbering_xml.iter(_W + "num"):
                overrides = {}
                for override in num.iter(_W + "lvlOverride"):
                    start = _int(_val(override, "startOverride"))
                    if start is not None:
                        overrides[_int(override.get(_W + "ilvl")) or 0] = start
                out.nums[num.get(_W + "numId", "")] = (_val(num, "abstractNumId") or "", overrides)
        return out

    # -- styles
    def _chain(self, style_id: str):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = self.styles[style_id].based_on

    def _style_num(self, style_id: str) -> tuple[str | None, int | None]:
        num_id, ilvl = None, None
        for style in self._chain(style_id):
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
            if ilvl is None and style.ilvl is not None:
                ilvl = style.ilvl
        return num_id, ilvl

    def heading_level(self, style_id: str, direct_outline: int | None) -> int | None:
        outline = direct_outline
        if outline is None:
            outline = next((s.outline for s in self._chain(style_id) if s.outline is not None), None)
        if outline is not None:
            return outline + 1 if outline < 9 else None
        for candidate in (self.styles.get(style_id, _Style()).name, style_id):
            found = _HEADING_NAME.match(candidate.replace("Heading", "Heading ").replace("  ", " ").strip())
            if found:
                return int(found.group(1))
        return None

    # -- one paragraph, in document order
    def resolve(self, p: etree._Element) -> Resolved:
        ppr = p.find(_W + "pPr")
        style_id = _val(ppr, "pStyle") or ""
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        style_num, style_ilvl = self._style_num(style_id)
        num_id = _val(num_pr, "numId") if num_pr is not None else None
        if num_id is None:
            num_id = style_num
        ilvl = _int(_val(num_pr, "ilvl")) if num_pr is not None else None
        if ilvl is None:
            ilvl = style_ilvl or 0
        level = self.heading_level(style_id, _int(_val(ppr, "outlineLvl")))
        if not num_id or num_id == "0" or num_id not in self.nums:
            return Resolved(level, "", None)
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        spec = levels.get(ilvl, _Level())
        if spec.fmt == "bullet":
            return Resolved(level, "", None if level else ilvl)
        if spec.fmt == "none":
            return Resolved(level, "", None)
        counters = self.counters.setdefault(abstract_id, {})
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        start = overrides.get(ilvl, spec.start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1

        def shown(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            value = counters.get(k, levels.get(k, _Level()).start)
            return _format(value, levels.get(k, _Level()).fmt)

        number = re.sub(r"%(\d)", shown, spec.text).strip()
        return Resolved(level, number, None if level else ilvl)


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        out = ""
        for size, numeral in numerals:
            while value >= size:
                out, value = out + numeral, value - size
        return out.upper() if fmt == "upperRoman" else out
    return str(value)
