"""A document's paragraphs as lines for reading by labels, and the pure
helpers that turn lines into a field's value: Markdown (headings,
bullets, pipe tables, paragraphs cut by a page break joined), table rows,
Danish dates."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .labels import Found, Labels
from ..shared.markdown import _join, generate
from ..shared.word import Block, escape_markdown

MONTHS = {m: n for n, m in enumerate(
    ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
     "november", "december"], 1)}
DATE = re.compile(r"(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})", re.IGNORECASE)


@dataclass
class Line:
    text: str
    markdown: str
    style: str = ""
    cell: tuple | None = None
    bullet: int | None = None
    label: Found | None = None
    level: int | None = None  # a heading's level, resolved from Word's styles (numbering.py)
    number: str = ""  # the number Word's numbering shows

    @property
    def heading(self) -> bool:
        return self.level is not None or self.style.startswith(("Heading", "Overskrift", "Title", "Mellemrubrik")) or self.style == "Feltnavn"

    @property
    def bold(self) -> bool:
        m = self.markdown.strip()
        return len(m) > 4 and m.startswith("**") and m.endswith("**") and "**" not in m[2:-2]

    @property
    def title_like(self) -> bool:
        return self.heading or self.bold or len(self.text.split()) <= 8

    def block(self, **changes) -> Block:
        values = dict(text=self.text, markdown=self.markdown, style=self.style, cell=self.cell, bullet=self.bullet,
                      level=self.level, number=self.number)
        values.update(changes)
        return Block(**values)


_MARKUP = re.compile(r"^#+\s|\*\*|</?(b|p|li|ul)\b|\]\(|\\[\[\]()*]")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")


def literal_markup(block: Block) -> list[Block]:
    """A paragraph holding Markdown or HTML as literal text (a text export
    opened in Word) as the paragraphs it stands for: '## X' a heading,
    '**X**' bold, '<li>' items bullets, '[X](url)' just X."""
    text = block.text
    if block.cell is not None or not _MARKUP.search(text):
        return [block]
    text = re.sub(r"\\([\[\]()*_#])", r"\1", text)
    for _ in range(3):
        text = _LINK.sub(r"\1", text)
    text = text.replace("&amp;", "&").replace("<b>", "**").replace("</b>", "**")
    out: list[Block] = []
    for piece in re.split(r"</?p>|</?ul[^>]*>|</li>", text):
        bullet = None
        if "<li>" in piece:
            piece, bullet = piece.replace("<li>", "").lstrip(" •").strip(), 0
        piece = piece.strip()
        if not piece:
            continue
        style, heading = block.style, re.match(r"^(#+)\s*(.*)$", piece)
        if heading:
            style, piece = f"Heading{min(len(heading.group(1)), 4)}", heading.group(2).replace("*", "").strip()
        plain = piece.replace("**", "")
        plain = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", plain)
        # bold kept only for a whole bold paragraph (a label or a heading typed bold)
        whole = piece.startswith("**") and piece.endswith("**") and "**" not in piece[2:-2]
        out.append(Block(plain, f"**{escape_markdown(plain)}**" if whole else escape_markdown(plain), style,
                         block.cell, bullet if bullet is not None else block.bullet))
    return out


def soft_lines(block: Block) -> list[Block]:
    """A paragraph with Shift+Enter (w:br) outside a table as the lines it
    shows: a label and its value, a party and its contact line, the items
    of a list typed with line breaks are each a line of their own."""
    if block.cell is not None or "\n" not in block.text.strip("\n"):
        return [block]
    texts = block.text.split("\n")
    marks = block.markdown.split("\\\n")
    if len(marks) != len(texts):
        marks = [escape_markdown(t) for t in texts]
    return [Block(t, m, block.style, None, block.bullet, block.level if n == 0 else None,
                  block.number if n == 0 else "") for n, (t, m) in enumerate(zip(texts, marks)) if t.strip()]


def lines_of(blocks: list[Block], labels: Labels) -> list[Line]:
    """Every non-empty paragraph as a line, cut before glued labels, each
    with the label it starts with."""
    out: list[Line] = []
    for original in (b for o in blocks for b in literal_markup(o)):
        soft = soft_lines(original)
        start = len(out)
        for block in soft:
            if not block.text.strip():
                continue
            pieces = labels.unglue(block.text) if block.bullet is None else [block.text]
            for piece in pieces:
                markdown = block.markdown if len(pieces) == 1 else escape_markdown(piece)
                line = Line(piece, markdown, block.style, block.cell, block.bullet, None, block.level, block.number)
                if line.bullet is None and re.match(r"^\s*[-•]\s+", piece):  # a bullet typed as text
                    line.text = re.sub(r"^\s*[-•]\s+", "", piece)
                    line.markdown = re.sub(r"^\s*(\\?[-•])\s+", "", line.markdown)
                    line.bullet = 0
                if line.bullet is None:
                    line.label = labels.at_start(piece)
                out.append(line)
        typed = out[start:]
        if len(soft) > 1 and _typed_list(typed):
            for line in typed:  # a list typed with Shift+Enter between its items
                line.bullet = 0
    return out


def _typed_list(lines: list[Line]) -> bool:
    """Lines of one paragraph that are a list's items: short, none a label,
    a contact line or a sentence ending in a colon."""
    from .contacts import looks_like_contact

    return len(lines) > 1 and all(
        ln.label is None and ln.bullet is None and not looks_like_contact(ln.text) and len(ln.text.split()) <= 30
        and not ln.text.rstrip().endswith(":") for ln in lines)


_PAGE = re.compile(r"(?:\s*[-–|]?\s*(?:side|page|s\.)\s*\d+(?:\s*(?:af|of|/)\s*\d+)?|\s+\d{1,3})\s*$", re.IGNORECASE)


_SAID = re.compile(r"(?:side|page)\s*\d+(?:\s*(?:af|of|/)\s*\d+)?\s*$", re.IGNORECASE)


def page_furniture(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(the lines, the running page headers and footers): a line outside a
    table that recurs, page number aside, on three pages or more, and a
    line that is only a page number ("Side 3", "3 af 12"); with the page
    said in words, twice or after one of the document's titles is enough."""
    def key(line: Line) -> str:
        return _PAGE.sub("", line.text).strip().lower()

    numbered: dict[str, int] = {}
    for line in lines:
        if line.cell is None:
            if _PAGE.search(line.text):
                numbered[key(line)] = numbered.get(key(line), 0) + 1
    texts = {line.text.strip().lower() for line in lines}
    kept, dropped = [], []
    for line in lines:
        k = key(line)
        only_number = line.cell is None and not k and bool(_PAGE.search(" " + line.text))
        # "Side 3" said in words: twice, or after a title the document has, is enough
        said = bool(_SAID.search(line.text)) and (numbered.get(k, 0) >= 2 or k in texts)
        running = line.cell is None and k and (numbered.get(k, 0) >= 3 or said) and bool(_PAGE.search(line.text))
        (dropped if only_number or running else kept).append(line)
    return kept, dropped


# a paragraph rejoined from a PDF's lines ends here at the latest: page-long
# runs of full lines are a list or a table flattened, not one paragraph
LONGEST_PARAGRAPH = 5000


def unwrap(lines: list[Line], fixed=lambda line: False) -> list[Line]:
    """A document converted from PDF has a line a paragraph: where most
    plain lines run to nearly one width, a line of that width goes on in
    the plain line after it, and they are one paragraph again (never with
    the template's fixed text, ``fixed``)."""
    def plain(line: Line) -> bool:
        return line.cell is None and line.label is None and not line.heading and not line.bold and "\t" not in line.text

    lengths = sorted(len(ln.text) for ln in lines if plain(ln) and ln.bullet is None)
    if len(lengths) < 20:
        return lines
    width = lengths[int(len(lengths) * 0.95)]
    full = sum(1 for n in lengths if n >= width - 20)
    if width < 40 or full < len(lengths) * 0.3:
        return lines
    out: list[Line] = []
    for line in lines:
        before = out[-1] if out else None
        labelled = before is not None and before.label is not None and bool(before.label.rest) and \
            before.cell is None and not before.heading
        bold = before is not None and before.bold and line.bold and before.cell is None and line.cell is None and \
            before.label is None and line.label is None and not before.heading and not line.heading
        if bold and len(before.text) >= width - 20 and not before.text.rstrip().endswith(":"):  # a wrapped bold line
            out[-1] = Line(before.text.rstrip() + " " + line.text.lstrip(),
                           before.markdown.rstrip()[:-2] + " " + line.markdown.lstrip()[2:], before.style, None,
                           before.bullet, None, before.level, before.number)
            continue
        if (before is not None and (plain(before) or labelled) and plain(line) and line.bullet is None
                and len(before.text) < LONGEST_PARAGRAPH
                and len(before.text[-2 * width:].split("\n")[-1]) >= width - 20 and not before.text.rstrip().endswith(":")
                and not fixed(before) and not fixed(line)):
            label = Found(before.label.key, before.label.rest.rstrip() + " " + line.text.lstrip()) if labelled \
                else before.label
            out[-1] = Line(before.text.rstrip() + " " + line.text.lstrip(),
                           before.markdown.rstrip() + " " + line.markdown.lstrip(), before.style, before.cell,
                           before.bullet, label, before.level, before.number)
            continue
        out.append(line)
    return out


def rest_line(line: Line) -> Line | None:
    if line.label and line.label.rest:
        rest = line.label.rest
        return Line(rest, f"**{escape_markdown(rest)}**" if line.bold else escape_markdown(rest), line.style,
                    line.cell, None)
    return None


def joined(lines: list[Line]) -> list[Line]:
    """A paragraph cut by a page break is one again: a plain paragraph that
    begins in lower case goes on from the one before it."""
    out: list[Line] = []
    for line in lines:
        before = out[-1] if out else None
        if (before is not None and line.bullet is None and before.bullet is None and not line.heading
                and not before.heading and line.cell == before.cell and line.label is None
                and line.text[:1].islower() and not before.text.rstrip().endswith((".", ":", "!", "?"))):
            out[-1] = Line(before.text.rstrip() + " " + line.text.lstrip(),
                           before.markdown.rstrip() + " " + line.markdown.lstrip(), before.style, before.cell,
                           before.bullet, before.label)
            continue
        out.append(line)
    return out


def markdown(lines: list[Line]) -> str:
    """A field's Markdown: headings as ###, bullets, pipe tables for real tables."""
    blocks = []
    for line in joined(lines):
        if line.heading and line.cell is None:
            blocks.append(line.block(style="Heading3", markdown=line.markdown.replace("**", "")))
        elif line.cell is not None and not _is_table(lines, line):
            blocks.append(line.block(cell=None))
        else:
            blocks.append(line.block())
    return _join(generate(blocks)).strip()


def _is_table(lines: list[Line], line: Line) -> bool:
    """A cell of a table with more than one column (a one-column table is
    the template's frame around a field, not a table)."""
    return any(o.cell and o.cell[0] == line.cell[0] and o.cell[2] > 0 for o in lines)


def plain_text(lines: list[Line]) -> str:
    return " ".join(line.text.strip() for line in lines).strip()


def rows(lines: list[Line]) -> list[list[str]]:
    """Table rows: from Word tables (cells' lines joined by line breaks) or
    from lines of tab-separated text."""
    out: list[list[str]] = []
    current: tuple | None = None
    for line in lines:
        if line.cell is not None:
            key = line.cell[:2]
            if key != current:
                out.append([])
                current = key
            row = out[-1]
            while len(row) <= line.cell[2]:
                row.append("")
            text = ("- " if line.bullet is not None else "") + line.text.strip()
            row[line.cell[2]] = (row[line.cell[2]] + "\n" + text).strip("\n")
        elif "\t" in line.text:
            current = None
            out.append([c.strip() for c in line.text.split("\t")])
    return out


def danish_dates(text: str) -> list[dt.date]:
    out = []
    for day, month, year in DATE.findall(text):
        try:
            out.append(dt.date(int(year), MONTHS[month.lower()], int(day)))
        except ValueError:
            continue
    return out
