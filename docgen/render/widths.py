"""Column widths from content: no word breaks inside itself.

A word that is wider than its column is broken between two letters, with
no hyphen, by Word and by LibreOffice alike ("arbejdsmarkede|t").  After a
document is rendered, every table with two or more columns is checked: a
column narrower than its widest word is widened, and the width is taken
from the columns that have room, in proportion to their room.  Tables
whose words all fit keep the widths the template gave them.

Word widths are measured with the bundled Carlito (the organisation
chart's font), which has Calibri's metrics; 3 % is added for safety.
"""
from __future__ import annotations

import re
from functools import lru_cache

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

SAFETY = 1.03
TWIPS_PER_PT = 20
# Word's default cell margins (0,19 cm each side) and a little air
CELL_PADDING_TWIPS = 2 * 108 + 60
DEFAULT_SIZE_PT = 11.0
# A cell text up to this wide (about 2 cm) is kept on one line
SHORT_TEXT_TWIPS = 1150


def _font(bold: bool):
    """The organisation chart's Carlito, loaded once for both uses."""
    from .orgchart import BOLD, FONT_SIZE, REGULAR, load_font

    return load_font(BOLD if bold else REGULAR), FONT_SIZE


@lru_cache(maxsize=None)
def _advance(char: str, bold: bool) -> float:
    """One character's advance width, in ems."""
    font, size = _font(bold)
    return font.getlength(char) / size


@lru_cache(maxsize=8192)
def word_width_twips(word: str, size_pt: float, bold: bool) -> int:
    """How wide a word prints in Calibri, rounded up (twentieths of a point):
    the sum of its characters' advances (kerning only ever narrows a word,
    so leaving it out errs on the wide side)."""
    em = sum(_advance(c, bold) for c in word)
    return int(em * size_pt * TWIPS_PER_PT * SAFETY) + 1


def fit(widths: list[int], minimum: list[int]) -> list[int]:
    """Widths with every column at least its minimum and the same total,
    where the total allows; the extra comes from the columns with room, in
    proportion to their room.  Where the minimums exceed the total, each
    column gets its minimum."""
    total = sum(widths)
    if all(w >= m for w, m in zip(widths, minimum)):
        return list(widths)
    if sum(minimum) >= total:
        return list(minimum)
    need = sum(max(m - w, 0) for w, m in zip(widths, minimum))
    room = [max(w - m, 0) for w, m in zip(widths, minimum)]
    spare = sum(room)
    result = [max(w, m) if w < m else w - need * r // spare for w, m, r in zip(widths, minimum, room)]
    result[result.index(max(result))] += total - sum(result)  # rounding
    return result


def style_fonts(styles_element) -> dict[str, tuple[float, bool]]:
    """Paragraph style id -> (size in pt, bold), following basedOn."""
    raw: dict[str, tuple[float | None, bool | None, str | None]] = {}
    for style in styles_element.iterchildren(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        size = bold = None
        if rpr is not None:
            sz = rpr.find(qn("w:sz"))
            if sz is not None:
                size = int(sz.get(qn("w:val"))) / 2
            b = rpr.find(qn("w:b"))
            if b is not None:
                bold = b.get(qn("w:val"), "true") not in ("0", "false")
        based = style.find(qn("w:basedOn"))
        raw[style.get(qn("w:styleId"))] = (size, bold, based.get(qn("w:val")) if based is not None else None)

    def resolve(sid: str | None, depth: int = 0) -> tuple[float, bool]:
        if sid not in raw or depth > 20:
            return DEFAULT_SIZE_PT, False
        size, bold, based = raw[sid]
        base_size, base_bold = resolve(based, depth + 1) if based else (DEFAULT_SIZE_PT, False)
        return (size if size is not None else base_size), (bold if bold is not None else base_bold)

    return {sid: resolve(sid) for sid in raw}


_P_STYLE = qn("w:pPr") + "/" + qn("w:pStyle")
_RUN_BOLD = qn("w:rPr") + "/" + qn("w:b")
_BR, _TAB = qn("w:br"), qn("w:tab")
_SPAN = qn("w:tcPr") + "/" + qn("w:gridSpan")
W_VAL, W_R, W_T, W_P, W_TR, W_TC = (qn(t) for t in ("w:val", "w:r", "w:t", "w:p", "w:tr", "w:tc"))
LONG_TEXT = 40  # characters: a text this long is never "short" (SHORT_TEXT_TWIPS)


def _paragraph_minimum(p, fonts: dict[str, tuple[float, bool]]) -> int:
    style = p.find(_P_STYLE)
    size, bold = fonts.get(style.get(W_VAL) if style is not None else "Normal", (DEFAULT_SIZE_PT, False))
    widest = whole = 0
    for run in p.iter(W_R):
        # a line break or a tab in the run parts words as a space does
        text = "".join(" " if el.tag in (_BR, _TAB) else (el.text or "") for el in run.iter(W_T, _BR, _TAB))
        if not text.strip():
            continue
        b = run.find(_RUN_BOLD)
        run_bold = bold if b is None else b.get(W_VAL, "true") not in ("0", "false")
        broken = run.find(_BR) is not None  # lines of their own: not one short text
        whole += word_width_twips(text, size, run_bold) if len(text) < LONG_TEXT and not broken \
            else SHORT_TEXT_TWIPS + 1
        # Word and LibreOffice break a word after its hyphen ("skriftsprogs-" / "kompetencer")
        for word in re.split(r"\s+|(?<=\w-)(?=\w)", text):
            if word:
                widest = max(widest, word_width_twips(word, size, run_bold))
    # a short text ("81 % ↑", "3. klasse") stays on one line
    return whole if whole <= SHORT_TEXT_TWIPS else widest


def fit_tables(body, styles_element) -> None:
    """Widen, in place, the columns of every table in the document body
    whose widest word does not fit."""
    fonts = style_fonts(styles_element)
    for tbl in body.iter(qn("w:tbl")):
        grid = tbl.find(qn("w:tblGrid"))
        cols = grid.findall(qn("w:gridCol")) if grid is not None else []
        if len(cols) < 2:
            continue
        widths = [int(c.get(qn("w:w"), "0")) for c in cols]
        minimum = [0] * len(cols)
        for tr in tbl.iterchildren(W_TR):
            col = 0
            for tc in tr.iterchildren(W_TC):
                span_el = tc.find(_SPAN)
                span = int(span_el.get(W_VAL)) if span_el is not None else 1
                if span == 1 and col < len(cols):
                    # the cell's own paragraphs, not those of a table inside it
                    for p in tc.iterchildren(W_P):
                        minimum[col] = max(minimum[col], _paragraph_minimum(p, fonts) + CELL_PADDING_TWIPS)
                col += span
        fitted = fit(widths, minimum)
        if fitted == widths:
            continue
        for c, w in zip(cols, fitted):
            c.set(qn("w:w"), str(w))
        for tr in tbl.iterchildren(qn("w:tr")):
            col = 0
            for tc in tr.iterchildren(qn("w:tc")):
                tc_pr = tc.find(qn("w:tcPr"))
                if tc_pr is None:
                    tc_pr = OxmlElement("w:tcPr")
                    tc.insert(0, tc_pr)
                span_el = tc_pr.find(qn("w:gridSpan"))
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                tc_w = tc_pr.find(qn("w:tcW"))
                if tc_w is None:
                    tc_w = OxmlElement("w:tcW")
                    tc_pr.insert(0, tc_w)
                tc_w.set(qn("w:w"), str(sum(fitted[col:col + span])))
                tc_w.set(qn("w:type"), "dxa")
                col += span


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    """How wide a text prints in Calibri, in points."""
    return word_width_twips(text, size_pt, bold) / TWIPS_PER_PT


@lru_cache(maxsize=16384)
def line_count(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """How many lines a text wraps onto in a column width_pt wide, breaking
    between words as Word and Excel do (a word wider than the column takes
    a line of its own)."""
    space = text_width_pt(" ", size_pt, bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            w = text_width_pt(word, size_pt, bold)
            if used and used + space + w > width_pt:
                lines += 1
                used = w
            else:
                used += (space if used else 0) + w
    return max(lines, 1)


def wrap_at_spaces(text: str, width_pt: float, size_pt: float, bold: bool = False) -> str:
    """The text with a line break at each space where line_count would wrap
    it: each line fits, so Excel and LibreOffice never wrap it again
    elsewhere (LibreOffice also breaks after a hyphen: "Husum-" /
    "Tingbjerg")."""
    space = text_width_pt(" ", size_pt, bold)
    out = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            w = text_width_pt(word, size_pt, bold)
            if line and used + space + w > width_pt:
                out.append(" ".join(line))
                line, used = [word], w
            else:
                used += (space if line else 0) + w
                line.append(word)
        out.append(" ".join(line))
    return "\n".join(out)
