"""Headings keep with the text under them, where the template cannot say so;
rows that keep together do so only while they are short.

In the body, a paragraph that is wholly bold (a Markdown "**Mål**" line,
which is no Word heading) keeps with the paragraph after it, as headings
do by their style.

In a table:

A one-column box (an activity's "Indhold og praksis", a party's
responsibilities) may run over several pages: its row may split.  Inside a
splitting row neither Word's nor LibreOffice's keep-with-next holds a
heading to the text after it (LibreOffice 7.4, measured), so a heading can
end a page with its text on the next.  Between rows it holds: a row whose
paragraphs all keep with the next stays on the page of the row after it.

So after rendering, every splittable one-cell row with a heading in it (a
paragraph in a heading style, or wholly bold, with text after it) is cut
into rows at its headings: the text before, each heading in a row of its
own that never splits and keeps with the next, and the text under it.  The
rows share the cell's properties; the borders between the pieces are left
out, so the box looks as one.  The text is the same paragraphs in the same
order, in consecutive rows of the same table.
"""
from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .widths import CELL_PADDING_TWIPS, DEFAULT_SIZE_PT, line_count, style_fonts

HEADING_STYLES = {"Mellemrubrik", "Heading3", "Heading4"}
# A group of rows kept together (a goal's indicators) may take at most this
# share of a page: a longer one would leave the page before it emptier than
# the print check's 60 %, so only its first row keeps with the next
MAX_GROUP_SHARE = 0.4
LINE_FACTOR = 1.25  # a line's height, in font sizes
PARAGRAPH_PT = 3.0  # space around a table cell's paragraph
# tcPr children that come after tcBorders in the schema
_AFTER_BORDERS = {qn(f"w:{name}") for name in ("shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign",
                                                 "hideMark")}


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()


def _is_heading(p) -> bool:
    if p.tag != qn("w:p") or not _text(p):
        return False
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if style is not None and style.get(qn("w:val")) in HEADING_STYLES:
        return True
    runs = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    return bool(runs) and all(_bold(r) for r in runs)


def _bold(run) -> bool:
    b = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
    return b is not None and b.get(qn("w:val")) not in ("0", "false")


def _has_text(block) -> bool:
    return bool("".join(t.text or "" for t in block.iter(qn("w:t"))).strip())


def _border(tc_pr, side: str) -> None:
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        after = next((i for i, child in enumerate(tc_pr) if child.tag in _AFTER_BORDERS), len(tc_pr))
        tc_pr.insert(after, borders)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "nil")
    order = ["top", "left", "start", "bottom", "right", "end", "insideH", "insideV", "tl2br", "tr2bl"]
    later = [i for i, child in enumerate(borders) if child.tag.split("}")[1] in order[order.index(side) + 1:]]
    borders.insert(later[0] if later else len(borders), edge)


def _keep(row) -> None:
    tr_pr = row.find(qn("w:trPr"))
    if tr_pr is None:
        tr_pr = OxmlElement("w:trPr")
        row.insert(0, tr_pr)
    tr_pr.insert(0, OxmlElement("w:cantSplit"))
    for p in row.iter(qn("w:p")):
        _set_keep_next(p)


def _pieces(blocks: list) -> list[tuple[bool, list]]:
    """The cell's blocks cut at its headings: (is a heading, blocks)."""
    pieces: list[tuple[bool, list]] = []
    for index, block in enumerate(blocks):
        if _is_heading(block) and any(_has_text(b) for b in blocks[index + 1:]):
            pieces.append((True, [block]))
        elif pieces and not pieces[-1][0]:
            pieces[-1][1].append(block)
        else:
            pieces.append((False, [block]))
    return pieces


def _set_keep_next(p) -> None:
    p_pr = p.get_or_add_pPr()
    if p_pr.find(qn("w:keepNext")) is None:
        # keepNext comes right after pStyle in the schema
        p_pr.insert(1 if p_pr.find(qn("w:pStyle")) is not None else 0, OxmlElement("w:keepNext"))


def keep_bold_leads_with_text(body) -> None:
    """A wholly bold paragraph of the body, with text after it, keeps with
    the next paragraph or table."""
    blocks = [child for child in body if child.tag in (qn("w:p"), qn("w:tbl"))]
    for index, block in enumerate(blocks):
        if block.tag == qn("w:p") and _is_heading(block) and any(_has_text(b) for b in blocks[index + 1:]):
            _set_keep_next(block)


def keep_headings_with_text(body) -> None:
    for table in list(body.iter(qn("w:tbl"))):
        for row in table.findall(qn("w:tr")):
            cells = row.findall(qn("w:tc"))
            tr_pr = row.find(qn("w:trPr"))
            if len(cells) != 1 or (tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None):
                continue
            tc_pr = cells[0].find(qn("w:tcPr"))
            blocks = [child for child in cells[0] if child.tag != qn("w:tcPr")]
            pieces = _pieces(blocks)
            if not any(heading for heading, _ in pieces):
                continue
            rows = []
            for n, (heading, content) in enumerate(pieces):
                new = copy.deepcopy(row)
                for old in new.findall(qn("w:tc")):
                    new.remove(old)
                cell = OxmlElement("w:tc")
                cell_pr = copy.deepcopy(tc_pr) if tc_pr is not None else OxmlElement("w:tcPr")
                cell.append(cell_pr)
                for block in content:
                    cell.append(block)
                if content[-1].tag != qn("w:p"):  # a cell ends with a paragraph
                    cell.append(OxmlElement("w:p"))
                if n:
                    _border(cell_pr, "top")
                if n < len(pieces) - 1:
                    _border(cell_pr, "bottom")
                new.append(cell)
                if heading:
                    _keep(new)
                rows.append(new)
            for new in rows:
                row.addprevious(new)
            table.remove(row)


def _kept(row) -> bool:
    """The row keeps with the next: every paragraph of it keeps with the next."""
    paragraphs = list(row.iter(qn("w:p")))
    return bool(paragraphs) and all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs)


def _cell_pt(cell, fonts) -> float:
    """About how high a cell's text prints, in points."""
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    width_pt = max((int(width.get(qn("w:w"))) - CELL_PADDING_TWIPS) / 20, 20) if width is not None else 100
    height = 0.0
    for p in cell.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        size, bold = fonts.get(style.get(qn("w:val")) if style is not None else "Normal", (DEFAULT_SIZE_PT, False))
        text = "".join("\n" if el.tag == qn("w:br") else (el.text or "") for el in p.iter(qn("w:t"), qn("w:br")))
        height += line_count(text, width_pt, size, bold) * size * LINE_FACTOR + PARAGRAPH_PT
    return height


def _group_pt(rows, fonts) -> float:
    """About how high a group of rows prints: each row as high as its
    highest cell, a vertically merged cell spread over the rows it spans."""
    rows_pt, merged = 0.0, 0.0
    for row in rows:
        own = [0.0]
        for cell in row.findall(qn("w:tc")):
            if cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}") is not None:
                merged = max(merged, _cell_pt(cell, fonts))
            else:
                own.append(_cell_pt(cell, fonts))
        rows_pt += max(own)
    return max(rows_pt, merged)


def release_long_groups(body, styles_element) -> None:
    """A group of rows that keep together (every row but the last keeps
    with the next) and would take more than MAX_GROUP_SHARE of a page keeps
    only its first row with the second; the rest may break between rows."""
    section = body.find(qn("w:sectPr"))
    size = section.find(qn("w:pgSz")) if section is not None else None
    margins = section.find(qn("w:pgMar")) if section is not None else None
    if size is None or margins is None:
        return
    page_pt = (int(size.get(qn("w:h"))) - int(margins.get(qn("w:top"))) - int(margins.get(qn("w:bottom")))) / 20
    fonts = style_fonts(styles_element)
    for table in body.iter(qn("w:tbl")):
        group: list = []
        for row in table.findall(qn("w:tr")):
            header = row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            if header:
                continue
            group.append(row)
            if _kept(row):
                continue
            if len(group) > 2 and _group_pt(group, fonts) > MAX_GROUP_SHARE * page_pt:
                for middle in group[1:-1]:
                    for p in middle.iter(qn("w:p")):
                        keep = p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
                        if keep is not None:
                            keep.getparent().remove(keep)
            group = []
