"""Markdown texts from agreement.toml → Word paragraphs.

markdown-it-py parses; docxtpl's RichText/RichTextParagraph build the
WordprocessingML, escaping the text, so anything a user types comes out
literally.  The result is placed with a ``{{p ... }}`` tag in a template.  Which
Markdown is read, and what a document cannot carry, is decided in
source/markdown.py (checks.texts refuses that before anything renders).
A link is a Word hyperlink: ``<w:hyperlink r:id=…>`` naming an external
relationship (TargetMode="External") to the address as typed, around runs
in the ``Hyperlink`` character style; a link's title is its ``w:tooltip``.

Word styles used (they exist in every docgen template):
paragraphs ``Normal``; bullets ``ListBullet``/``ListBullet2``; headings as
given by the caller (``Heading3`` in body text, ``Mellemrubrik`` in tables).
A pipe table becomes a Word table in ``TableGrid`` with a repeating,
shaded header row (``Tabeloverskrift``) and ``Tabeltekst`` cells; its
column widths are set from the content when the document is rendered
(render/widths.py).
"""
from __future__ import annotations

from html import escape
from typing import Callable

from docxtpl import RichText, RichTextParagraph
from markdown_it.token import Token

from ..source.markdown import parse

# Markdown heading level -> Word style in body text; deeper levels: Heading4.
# In tables every level is Mellemrubrik.
BODY_HEADINGS = {1: "Heading3", 2: "Heading3", 3: "Heading3"}
DEEP_HEADING = "Heading4"
TABLE_HEADING = "Mellemrubrik"
BULLETS = ("ListBullet", "ListBullet2")  # a list, and a list inside a list
# Every style id a rendered paragraph may have (Normal when render() gives
# none): a template must keep them.
TABLE_STYLE, TABLE_HEAD, TABLE_TEXT = "TableGrid", "Tabeloverskrift", "Tabeltekst"
TABLE_HEADER_FILL = "1F3864"  # the header rows of every docgen table
STYLE_IDS = ("Normal", *dict.fromkeys(BODY_HEADINGS.values()), DEEP_HEADING, TABLE_HEADING, *BULLETS,
             TABLE_STYLE, TABLE_HEAD, TABLE_TEXT)
# A hard line break (Shift+Enter): a run holding only w:br.
LINE_BREAK = "<w:r><w:br/></w:r>"
# A link's runs: Word's own character style for hyperlinks (render/docx.py
# adds it to a document that lacks it).
LINK_STYLE = "Hyperlink"
# The relationship id of an external hyperlink to an address (the template's
# build_url_id); None: no document to relate to, the address is written out.
Linker = Callable[[str], str] | None
# A table's width in twentieths of a point: the text width of an A4 page
# (166 mm), a little less inside a table cell.
TABLE_WIDTH = {False: 9412, True: 8900}


def _inline(children: list[Token], link: Linker = None) -> RichText:
    """The runs of one block's inline tokens.  A link is a real Word
    hyperlink: a w:hyperlink whose r:id names an external relationship to
    its address (as typed), around runs in the Hyperlink style; its title,
    if any, is the hyperlink's tooltip."""
    text = RichText()
    bold = italic = 0
    target: RichText = text
    address = title = ""
    for token in children:
        kind = token.type
        style = LINK_STYLE if target is not text else None
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind in ("text", "code_inline"):
            if token.content:
                target.add(token.content, bold=bold > 0, italic=italic > 0, style=style)
        elif kind == "softbreak":  # a line ending in the file: a space, as Markdown reads it
            target.add(" ", bold=bold > 0, italic=italic > 0, style=style)
        elif kind == "hardbreak":  # a backslash at a line's end: Shift+Enter in Word
            target.xml += LINE_BREAK
        elif kind == "image":  # refused by the check (source/markdown.py); its description if it comes
            target.add(token.content or "", bold=bold > 0, italic=italic > 0, style=style)
        elif kind == "link_open":
            address, title = str(token.attrs.get("href", "")), str(token.attrs.get("title", "") or "")
            target = RichText()
        elif kind == "link_close" and target is not text:
            if not target.xml:  # [](adresse): the address is the text
                target.add(address, bold=bold > 0, italic=italic > 0, style=LINK_STYLE)
            text.xml += _hyperlink(target, address, title, link)
            target = text
    if target is not text:  # a link left open: its text all the same
        text.xml += target.xml
    return text


def _hyperlink(runs: RichText, address: str, title: str, link: Linker) -> str:
    if link is None:
        return runs.xml + RichText(f" ({address})").xml
    tooltip = f' w:tooltip="{escape(title, quote=True)}"' if title else ""
    return f'<w:hyperlink r:id="{link(address)}" w:history="1"{tooltip}>{runs.xml}</w:hyperlink>'


def _cell_xml(runs: RichText, style: str, right: bool, fill: str | None, width: int) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    align = '<w:jc w:val="right"/>' if right else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{align}</w:pPr>'
            f"{runs.xml}</w:p></w:tc>")


def _table_xml(tokens: list[Token], start: int, in_table: bool, link: Linker = None) -> tuple[str, int]:
    """The Word table for the pipe table opening at tokens[start], and the
    index of its table_close."""
    rows: list[list[tuple[RichText, bool]]] = []
    longest: dict[int, int] = {}  # column -> characters of its longest cell
    header_rows = 0
    index = start
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            right = token.attrs.get("style") == "text-align:right"
            inline = tokens[index + 1]
            column = len(rows[-1])
            # a heading wraps onto more lines where its column is narrow: only
            # its longest word counts ("Øvrige boligsociale hhp-områder" once
            # took half the table from the figures under it)
            length = (max((len(w) for w in inline.content.split()), default=0) if token.type == "th_open"
                      else len(inline.content))
            longest[column] = max(longest.get(column, 0), length)
            rows[-1].append((_inline(inline.children or [], link), right))
            header_rows += token.type == "th_open" and column == 0
        index += 1
    columns = max(len(row) for row in rows)
    total = TABLE_WIDTH[in_table]
    # widths in proportion to each column's longest text (a long text wraps,
    # so it counts no more than 40 characters); render/widths.py then makes
    # sure the widest word of every column fits
    weights = [min(max(longest.get(c, 0), 4), 40) for c in range(columns)]
    widths = [total * w // sum(weights) for w in weights]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = []
    for number, row in enumerate(rows):
        head = number < header_rows
        row = row + [(RichText(""), False)] * (columns - len(row))
        props = "<w:cantSplit/><w:tblHeader/>" if head else "<w:cantSplit/>"
        cells = "".join(_cell_xml(runs, TABLE_HEAD if head else TABLE_TEXT, right, TABLE_HEADER_FILL if head else None,
                                  width) for (runs, right), width in zip(row, widths))
        body.append(f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>")
    xml = (f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE_STYLE}"/><w:tblW w:w="{total}" w:type="dxa"/>'
           f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>')
    return xml, index


def render(markdown: str | None, table: bool = False, link: Linker = None) -> RichTextParagraph:
    """Paragraphs for one Markdown text; always at least one paragraph.
    ``link`` makes a link's relationship (see Linker)."""
    out = RichTextParagraph()
    lists: list[str] = []           # open lists, innermost last: "bullet" or "ordered"
    ordered_prefix: list[str] = []  # "9. " of an ordered item not yet written
    tokens = parse(markdown)
    skip_to = -1
    for index, token in enumerate(tokens):
        if index <= skip_to:
            continue
        kind = token.type
        if kind == "table_open":
            xml, skip_to = _table_xml(tokens, index, table, link)
            out.xml += xml
            out.add(RichText(""))  # air below the table, as between the template's boxes
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind.split("_")[0])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open" and lists[-1] == "ordered":
            # An ordered list is kept as the text it was: Danish prose often
            # starts a line with "9. klasse" or "1. september".
            ordered_prefix.append(f"{token.info}{token.markup} ")
        elif kind == "inline":
            runs = _inline(token.children or [], link)
            opener = tokens[index - 1]
            if opener.type == "heading_open":
                level = int(opener.tag[1])
                style = TABLE_HEADING if table else BODY_HEADINGS.get(level, DEEP_HEADING)
            elif lists and lists[-1] == "bullet":
                style = BULLETS[0] if lists.count("bullet") == 1 else BULLETS[1]
            else:
                style = None
            if ordered_prefix and opener.type == "paragraph_open":
                prefixed = RichText(ordered_prefix.pop())
                prefixed.add(runs)
                runs = prefixed
            out.add(runs, parastyle=style)
        elif kind == "fence":
            # a fenced code block (``` or ~~~): its lines as they are, one plain paragraph each
            for line in _fence_lines(token):
                out.add(RichText(line))
    if not out.xml:
        out.add(RichText(""))
    return out


def _fence_lines(token) -> list[str]:
    """The lines of a fenced code block (``` or ~~~), as typed."""
    return token.content.rstrip("\n").split("\n")


def paragraphs_text(markdown: str) -> list[str]:
    """Plain text of each paragraph (for tests and plain-text uses)."""
    tokens = parse(markdown)
    out = []
    for t in tokens:
        if t.type == "inline":
            out.append("".join(c.content for c in t.children or [] if c.type in ("text", "code_inline")))
        elif t.type == "fence":
            out += _fence_lines(t)
    return out


def render_inline(markdown: str, link: Linker = None) -> RichText:
    """Runs for a short Markdown text written inside an existing
    paragraph; several paragraphs are joined with a space."""
    out = RichText()
    numbers: list[str] = []  # "9. " of a numbered item not yet written, as render() keeps it
    for token in parse(markdown):
        if token.type == "list_item_open" and token.markup in (".", ")"):
            numbers.append(f"{token.info}{token.markup} ")
        elif token.type in ("inline", "fence"):
            if out.xml:
                out.add(" ")
            if numbers:
                out.add(numbers.pop())
            out.add(_inline(token.children or [], link) if token.type == "inline" else RichText(" ".join(_fence_lines(token))))
    return out
