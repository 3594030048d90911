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
# A paragraph of a box up to this share of a page moves whole to the next
# page rather than split (a longer one splits where the page ends)
MAX_ROW_SHARE = 0.4
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
    """The cell's blocks cut into pieces: (is a heading, blocks), one piece
    per paragraph or table with text; a paragraph without text goes with
    the piece before it (the first piece takes those before it)."""
    pieces: list[tuple[bool, list]] = []
    texts = [_has_text(block) for block in blocks]
    after = [False] * len(blocks)  # text after the block in the cell
    for index in range(len(blocks) - 2, -1, -1):
        after[index] = after[index + 1] or texts[index + 1]
    for index, block in enumerate(blocks):
        if not texts[index] and block.tag == qn("w:p"):
            if pieces:
                pieces[-1][1].append(block)
            else:
                pieces.append((False, [block]))
            continue
        heading = after[index] and _is_heading(block)
        if pieces and not _has_text_in(pieces[-1][1]):
            pieces[-1] = (heading, pieces[-1][1] + [block])
        else:
            pieces.append((heading, [block]))
    return pieces


def _has_text_in(blocks: list) -> bool:
    return any(_has_text(b) for b in blocks)


def _set_keep_next(p) -> None:
    p_pr = p.get_or_add_pPr()
    if p_pr.find(qn("w:keepNext")) is None:
        # keepNext comes right after pStyle in the schema
        p_pr.insert(1 if p_pr.find(qn("w:pStyle")) is not None else 0, OxmlElement("w:keepNext"))


BODY_HEADING_STYLES = {"Title", "Heading1", "Heading2", "Heading3", "Heading4", "Mellemrubrik"}


def keep_headings_with_two_lines(body, styles_element) -> None:
    """A heading of the body keeps with two lines of its text: where the
    paragraph under it prints on one line and more text follows, that
    paragraph keeps with the next too (a heading keeps with the next by
    its style, or by keep_bold_leads_with_text)."""
    section = body.find(qn("w:sectPr"))
    size = section.find(qn("w:pgSz")) if section is not None else None
    margins = section.find(qn("w:pgMar")) if section is not None else None
    if size is None or margins is None:
        return
    width_pt = (int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))) / 20
    fonts = style_fonts(styles_element)
    blocks = [child for child in body if child.tag in (qn("w:p"), qn("w:tbl")) and _has_text(child)]
    for index, block in enumerate(blocks[:-2]):
        style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if block.tag == qn("w:p") else None
        heading = block.tag == qn("w:p") and (
            (style is not None and style.get(qn("w:val")) in BODY_HEADING_STYLES) or _is_heading(block))
        under = blocks[index + 1]
        after = blocks[index + 2]
        after_style = after.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if after.tag == qn("w:p") else None
        if (not heading or under.tag != qn("w:p") or _is_heading(under)
                or (after_style is not None and after_style.get(qn("w:val")) in BODY_HEADING_STYLES)):
            continue
        under_style = under.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        font, bold = fonts.get(under_style.get(qn("w:val")) if under_style is not None else "Normal",
                               (DEFAULT_SIZE_PT, False))
        if line_count(_text(under), width_pt, font, bold) < 2:
            _set_keep_next(under)


def keep_bold_leads_with_text(body) -> None:
    """A wholly bold paragraph of the body, with text after it, keeps with
    the next paragraph or table."""
    blocks = [child for child in body if child.tag in (qn("w:p"), qn("w:tbl"))]
    for index, block in enumerate(blocks):
        if block.tag == qn("w:p") and _is_heading(block) and any(_has_text(b) for b in blocks[index + 1:]):
            _set_keep_next(block)


def _page_pt(body) -> float | None:
    """The printable height of the body's last section, in points."""
    section = body.find(qn("w:sectPr"))
    size = section.find(qn("w:pgSz")) if section is not None else None
    margins = section.find(qn("w:pgMar")) if section is not None else None
    if size is None or margins is None:
        return None
    return (int(size.get(qn("w:h"))) - int(margins.get(qn("w:top"))) - int(margins.get(qn("w:bottom")))) / 20


def _lines(cell, fonts) -> float:
    """About how many lines of body text a cell's text prints on."""
    return _cell_pt(cell, fonts) / (DEFAULT_SIZE_PT * LINE_FACTOR)


def _keep_next_all(row) -> None:
    for p in row.iter(qn("w:p")):
        _set_keep_next(p)


def _no_split(row) -> None:
    tr_pr = row.find(qn("w:trPr"))
    if tr_pr is None:
        tr_pr = OxmlElement("w:trPr")
        row.insert(0, tr_pr)
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def _empty_copy(row):
    """The row without its cells: its attributes and properties only (a
    deep copy of the whole row for each of its pieces cost time by the
    square of a box's paragraphs)."""
    new = row.makeelement(row.tag, dict(row.attrib))
    for child in row:
        if child.tag != qn("w:tc"):
            new.append(copy.deepcopy(child))
    return new


def _groups(pieces: list[tuple[bool, list]], cell, fonts, under_label: bool = False) -> list[list]:
    """The pieces in rows: a heading with what follows it up to two lines
    of text (or up to the next heading), every other piece alone.  Under a
    box's label row (``under_label``) the first row too holds two lines."""
    groups: list[list] = [[]] if under_label else []
    need = 2.0 if under_label else 0.0  # lines the last heading (or label) still needs under it
    for heading, content in pieces:
        if groups and not groups[-1]:  # the first row under a label
            groups[-1].extend(content)
            need = 2.0 if heading else need - _blocks_lines(content, cell, fonts)
            continue
        if heading and need == 2.0 and groups:  # a heading right under a heading: one lead
            groups[-1].extend(content)
        elif heading:
            groups.append(list(content))
            need = 2.0
        elif need > 0 and groups:
            groups[-1].extend(content)
            need -= _blocks_lines(content, cell, fonts)
        else:
            groups.append(list(content))
    return groups


def _blocks_lines(blocks: list, cell, fonts) -> float:
    """About how many lines some blocks print on in the cell (a table: two)."""
    paragraphs = [b for b in blocks if b.tag == qn("w:p") and _has_text(b)]
    tables = sum(1 for b in blocks if b.tag != qn("w:p"))
    height = _paragraphs_pt(paragraphs, _width_pt(cell), fonts) - PARAGRAPH_PT * len(paragraphs)
    return 2 * tables + round(height / (DEFAULT_SIZE_PT * LINE_FACTOR))


def keep_headings_with_text(body, styles_element=None) -> None:
    """Cut every splittable one-cell row into a row per paragraph, a
    heading in one row with two lines of its text (see the module's
    docstring): a row that would take at most MAX_ROW_SHARE of a page never
    splits, so no line of it is left alone on a page.  Then a label row
    joins the row under it (join_label_rows)."""
    fonts = style_fonts(styles_element) if styles_element is not None else {}
    page_pt = _page_pt(body)
    for table in list(body.iter(qn("w:tbl"))):
        for row in table.findall(qn("w:tr")):
            cells = row.findall(qn("w:tc"))
            tr_pr = row.find(qn("w:trPr"))
            if len(cells) != 1 or (tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None):
                continue
            tc_pr = cells[0].find(qn("w:tcPr"))
            blocks = [child for child in cells[0] if child.tag != qn("w:tcPr")]
            above = row.getprevious()
            under_label = above is not None and above.tag == qn("w:tr") and _kept(above)
            groups = _groups(_pieces(blocks), cells[0], fonts, under_label)
            rows = []
            for n, content in enumerate(groups):
                new = _empty_copy(row)
                cell = OxmlElement("w:tc")
                cell_pr = copy.deepcopy(tc_pr) if tc_pr is not None else OxmlElement("w:tcPr")
                cell.append(cell_pr)
                for block in content:
                    cell.append(block)
                if content[-1].tag != qn("w:p"):  # a cell ends with a paragraph
                    cell.append(OxmlElement("w:p"))
                if n:
                    _border(cell_pr, "top")
                if n < len(groups) - 1:
                    _border(cell_pr, "bottom")
                new.append(cell)
                if (page_pt is None or _cell_pt(cell, fonts) <= MAX_ROW_SHARE * page_pt) and all(
                        b.tag == qn("w:p") for b in content):
                    _no_split(new)
                rows.append(new)
            for new in rows:
                row.addprevious(new)
            table.remove(row)
    join_label_rows(body, fonts, page_pt)


def _header(row) -> bool:
    return row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def _shade_paragraphs(paragraphs: list, tc_pr) -> None:
    """The label cell's shading on its paragraphs, now in a cell of their own."""
    shd = tc_pr.find(qn("w:shd")) if tc_pr is not None else None
    if shd is None:
        return
    later = {qn(f"w:{name}") for name in ("tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
                                          "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
                                          "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                                          "suppressOverlap", "jc", "textDirection", "textAlignment",
                                          "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
                                          "pPrChange")}
    for p in paragraphs:
        p_pr = p.get_or_add_pPr()
        at = next((i for i, child in enumerate(p_pr) if child.tag in later), len(p_pr))
        p_pr.insert(at, copy.deepcopy(shd))


def join_label_rows(body, fonts, page_pt) -> None:
    """A label row of a one-column box ("Formål:", a row that never splits
    and keeps with the next) joins the row under it, with rows after that
    until it has two lines of text under it: in one row they stay on one
    page without keep-with-next between rows.  (LibreOffice 7.4 leaves
    the rest of a table unprinted when rows keep with the next in a table
    with a repeated header row: measured on stress agreements.)"""
    for table in list(body.iter(qn("w:tbl"))):
        rows = table.findall(qn("w:tr"))
        grid = table.find(qn("w:tblGrid"))
        if not any(_header(r) for r in rows) or (grid is not None and len(grid.findall(qn("w:gridCol"))) > 1):
            continue  # a box is a one-column table; a table of columns keeps its rows as it has them
        for row in rows:
            if _header(row) or len(row.findall(qn("w:tc"))) != 1 or not _kept(row):
                continue
            label_pr = row.find(f"{qn('w:tc')}/{qn('w:tcPr')}")
            label = [child for child in row.find(qn("w:tc")) if child.tag != qn("w:tcPr")]
            under, lines = row.getnext(), 0.0
            joined = []
            while (under is not None and under.tag == qn("w:tr") and len(under.findall(qn("w:tc"))) == 1
                   and not _header(under) and not _kept(under) and lines < 2):
                blocks = [child for child in under.find(qn("w:tc")) if child.tag != qn("w:tcPr")]
                if joined and blocks and _is_heading(blocks[0]):
                    break
                joined.append(under)
                lines += _blocks_lines(blocks, under.find(qn("w:tc")), fonts)
                under = under.getnext()
            if not joined:
                continue
            target = joined[0].find(qn("w:tc"))
            first = next(child for child in target if child.tag != qn("w:tcPr"))
            for block in label:
                first.addprevious(block)
            _shade_paragraphs([b for b in label if b.tag == qn("w:p")], label_pr)
            for other in joined[1:]:
                cell = other.find(qn("w:tc"))
                for block in [child for child in cell if child.tag != qn("w:tcPr")]:
                    target.append(block)
                bottom = cell.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:bottom')}")
                own = target.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:bottom')}")
                if own is not None and bottom is None:  # the last row joined closes the box
                    own.getparent().remove(own)
                table.remove(other)
            table.remove(row)
            if page_pt is None or _cell_pt(target, fonts) <= MAX_ROW_SHARE * page_pt:
                _no_split(joined[0])
        # what keeps together now shares a row; keep-with-next left in a row
        # under the header makes LibreOffice 7.4 start the table on a new
        # page (measured: a page 24 % full before an activity's box)
        for row in table.findall(qn("w:tr")):
            if not _header(row):
                for keep in list(row.iter(qn("w:keepNext"))):
                    keep.getparent().remove(keep)


def _kept(row) -> bool:
    """The row keeps with the next: every paragraph of it keeps with the next."""
    paragraphs = list(row.iter(qn("w:p")))
    return bool(paragraphs) and all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs)


def _cell_pt(cell, fonts) -> float:
    """About how high a cell's text prints, in points."""
    return _paragraphs_pt(cell.iter(qn("w:p")), _width_pt(cell), fonts)


def _width_pt(cell) -> float:
    width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    return max((int(width.get(qn("w:w"))) - CELL_PADDING_TWIPS) / 20, 20) if width is not None else 100


def _paragraphs_pt(paragraphs, width_pt: float, fonts) -> float:
    """About how high paragraphs print in a column width_pt wide, in points."""
    height = 0.0
    for p in paragraphs:
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
    page_pt = _page_pt(body)
    if page_pt is None:
        return
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


def shrink_trailing_paragraph(body) -> None:
    """The empty paragraph Word needs after a table that ends the document
    is made one point high: when the table fills the last page to its
    bottom, that paragraph would otherwise print a page of its own."""
    blocks = [child for child in body if child.tag in (qn("w:p"), qn("w:tbl"))]
    if len(blocks) < 2 or blocks[-1].tag != qn("w:p") or blocks[-2].tag != qn("w:tbl") or _has_text(blocks[-1]):
        return
    p = blocks[-1]
    p_pr = p.get_or_add_pPr()
    for old in p_pr.findall(qn("w:spacing")):
        p_pr.remove(old)
    spacing = OxmlElement("w:spacing")
    for name, value in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(qn(f"w:{name}"), value)
    # spacing comes after pStyle, keepNext, keepLines, pageBreakBefore, ..., before ind/jc/rPr
    later = {qn(f"w:{name}") for name in ("ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                                          "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
                                          "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}
    at = next((i for i, child in enumerate(p_pr) if child.tag in later), len(p_pr))
    p_pr.insert(at, spacing)


def header_rows_may_split(body) -> None:
    """A repeated header row loses its 'never split': LibreOffice 7.4 leaves
    a table's rows unprinted when the table starts at the foot of a page
    under a header row that may not split (measured on a stress agreement's
    kommissorium: the header printed, the rows nowhere).  A header row is a
    line or two; LibreOffice never breaks it anyway."""
    for row in body.iter(qn("w:tr")):
        tr_pr = row.find(qn("w:trPr"))
        if tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None:
            for cant in tr_pr.findall(qn("w:cantSplit")):
                tr_pr.remove(cant)
