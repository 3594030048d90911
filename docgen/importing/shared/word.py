"""Reading a Word document the way docgen wrote it: paragraphs in order
(body text and table cells alike), each with its text, its Markdown (bold,
italic, links), its kind (heading, bullet, table cell …) and the part of
the document it stood in; and what must never be taken silently: tracked
changes and comments.

One reader for both ways in (`docgen import` and `--ny`), and it sees all
of Word's text: the body, tables at any depth, rows and cells inside
content controls, text boxes (each once: Word writes a DrawingML box and
its VML fallback side by side), headers and footers, footnotes and
endnotes, fields' results; an embedded document (altChunk) is read when it
is text or HTML, and an embedded object is at least named.  Tracked
changes are found in every one of those parts.

The XML is read with lxml after the package check (package.py), with
entities never resolved and no network.  Runs split or merged by Word or
LibreOffice read the same: a paragraph's text is the join of its runs.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from lxml import etree

from ...source.markdown import link_markdown
from .package import Package, Refused, parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = f"{{{W}}}"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MC = f"{{{MC}}}"

HEADING_STYLES = {"Heading1": "#", "Heading2": "##", "Heading3": "###", "Heading4": "####", "Mellemrubrik": "###",
                  "Overskrift1": "#", "Overskrift2": "##", "Overskrift3": "###", "Overskrift4": "####"}
BULLET_STYLES = {"ListBullet": 0, "ListBullet2": 1, "Opstilling-punkttegn": 0, "Opstilling-punkttegn2": 1}
TABLE_HEAD_STYLES = {"Tabeloverskrift"}


@dataclass
class Block:
    """One paragraph: plain ``text`` (a line break is '\\n'), its inline
    Markdown, its paragraph style id and, in a table, (table, row, cell).
    ``part`` says where it stood: "body", "header", "footer", "footnote",
    "endnote", "textbox", "altchunk" (an embedded document) or "object"
    (an embedded object docgen cannot read; its text names it).
    ``fixed`` is the text without the results of fields (page numbers,
    dates Word fills in), for comparing parts Word refreshes itself."""

    text: str
    markdown: str
    style: str
    cell: tuple[int, int, int] | None = None
    bullet: int | None = None  # the list level of a bullet paragraph
    part: str = "body"
    fixed: str | None = None
    level: int | None = None  # a heading's level (outline level or heading style), when numbering is resolved
    number: str = ""  # the number Word's numbering shows before the text ("2.", "3.1.")

    @property
    def key(self) -> tuple:
        return (self.text, self.markdown, self.bullet, self.cell is not None)


@dataclass(frozen=True)
class TrackedChange:
    kind: str  # "indsat", "slettet", "flyttet"
    author: str
    date: str
    text: str


@dataclass(frozen=True)
class Comment:
    author: str
    date: str
    text: str


@dataclass
class WordDocument:
    blocks: list[Block]
    tracked: list[TrackedChange] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


def _on(props: etree._Element | None, tag: str) -> bool:
    if props is None:
        return False
    element = props.find(_W + tag)
    if element is None:
        return False
    return element.get(_W + "val", "true") not in ("0", "false", "none")


_ESCAPE = re.compile(r"([\\*_\[\]`<])")


def escape_markdown(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


def _emphasis(text: str, bold: bool, italic: bool) -> str:
    if not (bold or italic) or not text.strip():
        return escape_markdown(text)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    marks = ("**" if bold else "") + ("*" if italic else "")
    return lead + marks + escape_markdown(text.strip()) + marks[::-1] + trail


class _Paragraph:
    """Collects a paragraph's runs: plain text and Markdown pieces, and
    which pieces are a field's result (between a field's separator and its
    end, or inside a simple field)."""

    def __init__(self, links: dict[str, str]) -> None:
        self.links = links
        self.text: list[str] = []
        self.pieces: list[tuple] = []  # text, bold, italic, link (address, tooltip) or None
        self.fixed: list[str] = []  # the text outside fields' results
        self.fields: list[bool] = []  # per complex field open: in its result yet?
        self.simple = 0  # simple fields open
        self.has_field = False

    def in_result(self) -> bool:
        return self.simple > 0 or any(self.fields)

    def run(self, run: etree._Element, link: tuple | None) -> None:
        props = run.find(_W + "rPr")
        bold, italic = _on(props, "b"), _on(props, "i")
        for child in run:
            tag = etree.QName(child).localname
            if tag == "fldChar":
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    self.fields.append(False)
                    self.has_field = True
                elif kind == "separate" and self.fields:
                    self.fields[-1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == "t":
                piece = child.text or ""
            elif tag == "tab":
                piece = "\t"
            elif tag in ("br", "cr"):
                # a page or column break is layout, not text (LibreOffice writes
                # a paragraph's "page break before" as one)
                if child.get(_W + "type") in ("page", "column"):
                    continue
                piece = "\n"
            elif tag == "noBreakHyphen":
                piece = "-"
            else:
                continue
            self.text.append(piece)
            self.pieces.append((piece, bold, italic, link))
            if not self.in_result():
                self.fixed.append(piece)

    def walk(self, element: etree._Element, link: tuple | None = None) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue  # a comment or processing instruction
            tag = etree.QName(child).localname
            if tag == "r":
                self.run(child, link)
            elif tag == "hyperlink":
                address = self.links.get(child.get(f"{{{R}}}id", ""), child.get(_W + "anchor"))
                self.walk(child, (address, child.get(_W + "tooltip") or "") if address else None)
            elif tag in ("del", "moveFrom"):
                continue  # a deleted text is not the document's text (tracked changes are refused anyway)
            elif tag == "fldSimple":
                self.simple += 1
                self.has_field = True
                self.walk(child, link)
                self.simple -= 1
            elif tag == "AlternateContent":
                self.walk(_alternative(child), link)
            elif tag in ("ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml", "Choice", "Fallback"):
                self.walk(child, link)

    def markdown(self) -> str:
        out = []
        groups: list[list] = []
        for piece in self.pieces:
            if groups and groups[-1][1:] == list(piece[1:]):
                groups[-1][0] += piece[0]
            else:
                groups.append(list(piece))
        for text, bold, italic, link in groups:
            if link:
                out.append(link_markdown(text, *link))
                continue
            lines = text.split("\n")
            out.append("\\\n".join(_emphasis(line, bold, italic) for line in lines))
        return "".join(out)


def _alternative(element: etree._Element) -> etree._Element:
    """Of Word's alternatives (mc:AlternateContent: a DrawingML text box and
    its VML fallback), the one to read: the first choice, else the fallback.
    Reading both would read each text box twice."""
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname in ("Choice", "Fallback"):
            return child
    return element


def _style(p: etree._Element) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return style.get(_W + "val", "") if style is not None else ""


_WRAPPERS = ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")


def _children(element: etree._Element, tag: str):
    """``element``'s children named ``tag``, also those inside content
    controls and other wrappers (a table row inside a w:sdt is a row)."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == tag:
            yield child
        elif name in _WRAPPERS:
            yield from _children(child, tag)
        elif name == "AlternateContent":
            yield from _children(_alternative(child), tag)


def _boxes_and_objects(p: etree._Element) -> tuple[list[etree._Element], list[str]]:
    """A paragraph's text boxes (outermost, each once) and its embedded objects' names."""
    boxes: list[etree._Element] = []
    objects: list[str] = []

    def look(element: etree._Element) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name == "txbxContent":
                boxes.append(child)  # boxes inside it are read with it
            elif name == "AlternateContent":
                look(_alternative(child))
            elif name == "object":
                ole = next((e for e in child.iter() if isinstance(e.tag, str)
                            and etree.QName(e).localname == "OLEObject"), None)
                program = ole.get("ProgID", "") if ole is not None else ""
                objects.append(f"[indlejret objekt{': ' + program if program else ''}; docgen kan ikke læse det]")
                look(child)
            else:
                look(child)

    look(p)
    return boxes, objects


def read_blocks(document_xml: etree._Element, links: dict[str, str], part: str = "body",
                tables: list[int] | None = None, numbering=None) -> list[Block]:
    """Every paragraph of a part in reading order, a text box's paragraphs
    right after the paragraph that holds it.  With ``numbering``
    (numbering.Numbering) each paragraph's numbering and heading level are
    resolved through its styles: a numbered heading is a heading, not a bullet."""
    blocks: list[Block] = []
    tables = tables if tables is not None else [0]

    def walk(element: etree._Element, cell: tuple[int, int, int] | None, where: str) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "p":
                para = _Paragraph(links)
                para.walk(child)
                style = _style(child)
                bullet = BULLET_STYLES.get(style)
                level, number = None, ""
                if numbering is not None:
                    resolved = numbering.resolve(child)
                    level, number = resolved.level, resolved.number
                    if bullet is None:
                        bullet = resolved.bullet
                    if level:
                        bullet = None
                elif bullet is None and child.find(f"{_W}pPr/{_W}numPr") is not None:
                    bullet = 0
                text = "".join(para.text)
                blocks.append(Block(text, para.markdown(), style, cell, bullet, where,
                                    "".join(para.fixed) if para.has_field else None, level, number))
                boxes, objects = _boxes_and_objects(child)
                for box in boxes:
                    walk(box, None, "textbox")
                for name in objects:
                    blocks.append(Block(name, escape_markdown(name), "", None, None, "object"))
            elif tag == "tbl":
                tables[0] += 1
                number = tables[0]
                for r, row in enumerate(_children(child, "tr")):
                    for c, tc in enumerate(_children(row, "tc")):
                        walk(tc, (number, r, c), where)
            elif tag == "AlternateContent":
                walk(_alternative(child), cell, where)
            elif tag in _WRAPPERS or tag in ("body", "footnote", "endnote"):
                walk(child, cell, where)

    body = document_xml.find(_W + "body")
    walk(body if body is not None else document_xml, None, part)
    return blocks


_PART_NAMES = {"body": "brødteksten", "header": "et sidehoved", "footer": "en sidefod", "footnote": "en fodnote",
               "endnote": "en slutnote", "textbox": "en tekstboks", "altchunk": "et indlejret dokument",
               "object": "et indlejret objekt", "comments": "kommentarerne"}


def part_name(part: str) -> str:
    """Where a text stood, in Danish: 'en fodnote', 'et sidehoved' …"""
    return _PART_NAMES.get(part, part)


def tracked_changes(document_xml: etree._Element, part: str = "body") -> list[TrackedChange]:
    where = "" if part == "body" else f" i {part_name(part)}"
    kinds = {"ins": "indsat", "del": "slettet", "moveFrom": "flyttet fra", "moveTo": "flyttet til"}
    out = []
    for tag, kind in kinds.items():
        for element in document_xml.iter(_W + tag):
            text = "".join(t.text or "" for t in element.iter(_W + "t", _W + "delText"))
            out.append(TrackedChange(kind + where, element.get(_W + "author", "ukendt"),
                                     element.get(_W + "date", ""), text))
    # formatting changes and changed paragraph properties are tracked changes too
    for tag in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                "numberingChange"):
        for element in document_xml.iter(_W + tag):
            out.append(TrackedChange("formatering ændret" + where, element.get(_W + "author", "ukendt"),
                                     element.get(_W + "date", ""), ""))
    return out


def comments(comments_xml: etree._Element | None) -> list[Comment]:
    if comments_xml is None:
        return []
    out = []
    for c in comments_xml.iter(_W + "comment"):
        text = "\n".join("".join(t.text or "" for t in p.iter(_W + "t")) for p in c.iter(_W + "p"))
        out.append(Comment(c.get(_W + "author", "ukendt"), c.get(_W + "date", ""), text.strip()))
    return out


def hyperlinks(rels_xml: etree._Element | None) -> dict[str, str]:
    if rels_xml is None:
        return {}
    return {r.get("Id"): r.get("Target") for r in rels_xml
            if (r.get("Type") or "").endswith("/hyperlink")}


# the parts beside the body, by their relationship's type
_RELATED = {"header": "header", "footer": "footer", "footnotes": "footnote", "endnotes": "endnote"}
_NOTE_KINDS = ("separator", "continuationSeparator", "continuationNotice")


def _relationships(package: Package, rels_name: str) -> list[tuple[str, str, str]]:
    """(id, type's last word, target part's name) of a part's relationships."""
    rels = package.xml(rels_name)
    if rels is None:
        return []
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    out = []
    for r in rels:
        if r.get("TargetMode") == "External" or not r.get("Target"):
            continue
        target = r.get("Target")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((r.get("Id", ""), (r.get("Type") or "").rsplit("/", 1)[-1], name))
    return out


def _alt_chunk(package: Package, name: str) -> list[Block]:
    """An embedded document's text: a Word document, HTML or plain text
    read; anything else named."""
    data = package.part(name)
    if data is None:
        return []
    lower = name.lower()
    lines: list[str]
    if lower.endswith((".htm", ".html", ".xhtml", ".mht", ".mhtml")):
        from lxml import html

        try:
            tree = html.fromstring(data, parser=html.HTMLParser(no_network=True))
            lines = [line.strip() for line in tree.text_content().splitlines()]
        except (etree.ParserError, ValueError):
            lines = []
    elif lower.endswith(".txt"):
        lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
    else:
        lines = [f"[indlejret dokument {posixpath.basename(name)}; docgen kan ikke læse det]"]
    return [Block(line, escape_markdown(line), "", None, None, "altchunk") for line in lines if line]


def read_word(package: Package, numbered: bool = False) -> WordDocument:
    """All of a Word package's text (see the module's text); Refused in
    Danish when a part cannot be read.  ``numbered``: Word's numbering and
    heading levels resolved (numbering.py), as `docgen import --ny` reads
    a hand-made document; docgen's own documents are read without."""
    root = package.xml("word/document.xml")
    if root is None:
        raise Refused("word/document.xml mangler")
    related = _relationships(package, "word/_rels/document.xml.rels")
    links = hyperlinks(package.xml("word/_rels/document.xml.rels"))
    numbering = None
    if numbered:
        from .numbering import Numbering

        numbering = Numbering.read(package.xml("word/styles.xml"), package.xml("word/numbering.xml"))
    tables = [0]
    blocks = read_blocks(root, links, "body", tables, numbering)
    tracked = tracked_changes(root)
    # embedded documents where they stand in the body
    chunks = {rid: name for rid, kind, name in related if kind == "aFChunk"}
    if chunks:
        blocks = _with_chunks(package, root, blocks, chunks)
    notes: list[Comment] = []
    seen: set[str] = set()
    # the parts at their usual names, should a relationship be missing
    usual = [("", "comments", "word/comments.xml"), ("", "footnotes", "word/footnotes.xml"),
             ("", "endnotes", "word/endnotes.xml")]
    for rid, kind, name in related + usual:
        if name in seen:
            continue
        seen.add(name)
        if kind == "comments":
            xml = package.xml(name)
            notes += comments(xml)
            if xml is not None:
                tracked += tracked_changes(xml, "comments")
            continue
        part = _RELATED.get(kind)
        if part is None:
            continue
        xml = package.xml(name)
        if xml is None:
            continue
        if part in ("footnote", "endnote"):
            for note in xml:
                if isinstance(note.tag, str) and note.get(_W + "type") not in _NOTE_KINDS:
                    blocks += read_blocks(note, links, part, tables, numbering)
        else:
            blocks += read_blocks(xml, links, part, tables, numbering)
        tracked += tracked_changes(xml, part)
    return WordDocument(blocks, tracked, notes)


def _with_chunks(package: Package, root: etree._Element, blocks: list[Block], chunks: dict[str, str]) -> list[Block]:
    """The blocks with each embedded document's text after the body's paragraphs."""
    out = list(blocks)
    for chunk in root.iter(_W + "altChunk"):
        name = chunks.get(chunk.get(f"{{{R}}}id", ""))
        if name:
            out += _alt_chunk(package, name)
    return out
