"""Reading a Word document the way docgen wrote it: paragraphs in order
(body text and table cells alike), each with its text, its Markdown (bold,
italic, links) and its kind (heading, bullet, table cell …); and what must
never be taken silently: tracked changes and comments.

The XML is read with lxml after the package check (package.py), with
entities never resolved and no network.  Runs split or merged by Word or
LibreOffice read the same: a paragraph's text is the join of its runs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..source.markdown import link_markdown

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = f"{{{W}}}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)

HEADING_STYLES = {"Heading1": "#", "Heading2": "##", "Heading3": "###", "Heading4": "####", "Mellemrubrik": "###",
                  "Overskrift1": "#", "Overskrift2": "##", "Overskrift3": "###", "Overskrift4": "####"}
BULLET_STYLES = {"ListBullet": 0, "ListBullet2": 1, "Opstilling-punkttegn": 0, "Opstilling-punkttegn2": 1}
TABLE_HEAD_STYLES = {"Tabeloverskrift"}


@dataclass
class Block:
    """One paragraph: plain ``text`` (a line break is '\\n'), its inline
    Markdown, its paragraph style id and, in a table, (table, row, cell)."""

    text: str
    markdown: str
    style: str
    cell: tuple[int, int, int] | None = None
    bullet: int | None = None  # the list level of a bullet paragraph
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


def parse_xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


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
    """Collects a paragraph's runs: plain text and Markdown pieces."""

    def __init__(self, links: dict[str, str]) -> None:
        self.links = links
        self.text: list[str] = []
        self.pieces: list[tuple] = []  # text, bold, italic, link (address, tooltip) or None

    def run(self, run: etree._Element, link: tuple | None) -> None:
        props = run.find(_W + "rPr")
        bold, italic = _on(props, "b"), _on(props, "i")
        for child in run:
            tag = etree.QName(child).localname
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

    def walk(self, element: etree._Element, link: tuple | None = None) -> None:
        for child in element:
            tag = etree.QName(child).localname
            if tag == "r":
                self.run(child, link)
            elif tag == "hyperlink":
                address = self.links.get(child.get(f"{{{R}}}id", ""), child.get(_W + "anchor"))
                self.walk(child, (address, child.get(_W + "tooltip") or "") if address else None)
            elif tag in ("del", "moveFrom"):
                continue  # a deleted text is not the document's text (tracked changes are refused anyway)
            elif tag in ("ins", "moveTo", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml"):
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


def _style(p: etree._Element) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return style.get(_W + "val", "") if style is not None else ""


def read_blocks(document_xml: etree._Element, links: dict[str, str], numbering=None) -> list[Block]:
    """Every paragraph of the body in reading order.  With ``numbering``
    (numbering.Numbering) each paragraph's numbering and heading level are
    resolved through its styles: a numbered heading is a heading, not a bullet."""
    blocks: list[Block] = []
    tables = [0]

    def walk(element: etree._Element, cell: tuple[int, int, int] | None) -> None:
        for child in element:
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
                blocks.append(Block("".join(para.text), para.markdown(), style, cell, bullet, level, number))
            elif tag == "tbl":
                tables[0] += 1
                number = tables[0]
                for r, row in enumerate(child.iterfind(_W + "tr")):
                    for c, tc in enumerate(row.iterfind(_W + "tc")):
                        walk(tc, (number, r, c))
            elif tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"):
                walk(child, cell)

    body = document_xml.find(_W + "body")
    walk(body if body is not None else document_xml, None)
    return blocks


def tracked_changes(document_xml: etree._Element) -> list[TrackedChange]:
    kinds = {"ins": "indsat", "del": "slettet", "moveFrom": "flyttet fra", "moveTo": "flyttet til"}
    out = []
    for tag, kind in kinds.items():
        for element in document_xml.iter(_W + tag):
            text = "".join(t.text or "" for t in element.iter(_W + "t", _W + "delText"))
            out.append(TrackedChange(kind, element.get(_W + "author", "ukendt"), element.get(_W + "date", ""), text))
    # formatting changes and changed paragraph properties are tracked changes too
    for tag in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange"):
        for element in document_xml.iter(_W + tag):
            out.append(TrackedChange("formatering ændret", element.get(_W + "author", "ukendt"),
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
