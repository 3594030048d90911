"""Word paragraphs back into the Markdown subset the renderer writes.

A changed Markdown field gets its new text paragraph by paragraph: each
unit of the old text (a paragraph, heading, list item, pipe table or
fenced block) whose rendered paragraphs came back unchanged keeps its
source exactly as the user wrote it; only new or changed units are
written from Word: bold and italic as ** and *, bullets as '- ', headings
as '###', a table as a pipe table, a line break as a backslash at the end
of the line.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...source.markdown import parse
from .word import HEADING_STYLES, TABLE_HEAD_STYLES, Block


@dataclass
class Unit:
    first: int   # first source line
    last: int    # one past its last source line
    blocks: int  # how many rendered paragraphs it makes
    bullet: bool = False


def units(text: str) -> list[Unit]:
    tokens = parse(text or "")
    out: list[Unit] = []
    skip_to = -1
    in_item = 0
    for index, token in enumerate(tokens):
        if index <= skip_to:
            continue
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type in ("paragraph_open", "heading_open") and token.map:
            out.append(Unit(token.map[0], token.map[1], 1, bullet=in_item > 0))
        elif token.type == "table_open" and token.map:
            close = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            # every row as wide as the widest, and the empty paragraph below the table
            out.append(Unit(token.map[0], token.map[1], _padded_cells(tokens[index:close]) + 1))
            skip_to = close
        elif token.type == "fence" and token.map:
            out.append(Unit(token.map[0], token.map[1], len(token.content.rstrip("\n").split("\n"))))
    return out


def _padded_cells(tokens) -> int:
    """Cells the renderer writes for a table: every row as wide as the widest."""
    rows: list[int] = []
    for t in tokens:
        if t.type == "tr_open":
            rows.append(0)
        elif t.type in ("th_open", "td_open"):
            rows[-1] += 1
    return max(rows, default=0) * len(rows)


def _paragraph(block: Block) -> str:
    text = block.markdown
    if block.bullet is not None:
        return "  " * block.bullet + "- " + text
    marks = HEADING_STYLES.get(block.style)
    if marks:
        return f"{marks} {text}"
    # a plain paragraph that Markdown would read as a heading, quote or bullet
    if text[:1] in "#>" or text[:2] in ("- ", "+ ", "* "):
        return "\\" + text
    return text


def _table(blocks: list[Block]) -> str:
    rows: dict[tuple[int, int], list[Block]] = {}
    for b in blocks:
        rows.setdefault(b.cell[:2], []).append(b)
    lines = []
    ordered = [rows[k] for k in sorted(rows)]
    header_rows = sum(1 for r in ordered if all(b.style in TABLE_HEAD_STYLES for b in r)) or 1
    # a row wider than the header (Word's merged label cells) would lose its last cells: pad every row
    width = max(len(r) for r in ordered)
    for n, row in enumerate(ordered):
        cells = [b.markdown.replace("|", "\\|").replace("\\\n", "<br>") for b in row]
        cells += [""] * (width - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
        if n == header_rows - 1:
            lines.append("|" + "|".join(" --- " for _ in cells) + "|")
    return "\n".join(lines)


def generate(blocks: list[Block], home: tuple | None = None) -> list[tuple[str, bool]]:
    """Markdown pieces (text, is a bullet) for paragraphs from Word.  A
    paragraph in a table other than ``home`` (the template's cell the field
    is written in) is a cell of a pipe table."""
    out: list[tuple[str, bool]] = []
    index = 0
    home_table = home[0] if home else None
    while index < len(blocks):
        block = blocks[index]
        if block.cell is not None and block.cell[0] != home_table:
            table = block.cell[0]
            end = index
            while end < len(blocks) and blocks[end].cell is not None and blocks[end].cell[0] == table:
                end += 1
            out.append((_table(blocks[index:end]), False))
            index = end
            # the empty paragraph below a table is the renderer's, not the text's
            if index < len(blocks) and not blocks[index].text.strip() and (
                    blocks[index].cell is None or blocks[index].cell[0] == home_table):
                index += 1
            continue
        if block.text.strip() or block.bullet is not None:
            out.append((_paragraph(block), block.bullet is not None))
        index += 1
    return out


def _join(pieces: list[tuple[str, bool]]) -> str:
    text = ""
    for n, (piece, bullet) in enumerate(pieces):
        if n:
            text += "\n" if bullet and pieces[n - 1][1] else "\n\n"
        text += piece
    return text


def field_markdown(old_text: str, old_blocks: list[Block], new: list[tuple[Block, int | None]]) -> str:
    """The field's new Markdown.  ``new`` holds the field's paragraphs after
    the edit, an unchanged one with its index in ``old_blocks``."""
    lines = (old_text or "").split("\n")
    found = units(old_text)
    home = old_blocks[0].cell if old_blocks else None
    if sum(u.blocks for u in found) != len(old_blocks):
        return _join(generate([b for b, _ in new], home))
    # which unit each old paragraph belongs to
    unit_of: list[int] = []
    for n, u in enumerate(found):
        unit_of += [n] * u.blocks
    # walk the new paragraphs: runs of unchanged paragraphs that cover a whole unit keep its source
    pieces: list[tuple[str, bool]] = []
    pending: list[Block] = []

    def flush_pending() -> None:
        if pending:
            pieces.extend(generate(pending, home))
            pending.clear()

    entries = list(new)
    # group unchanged paragraphs by unit; a unit is whole when all its paragraphs are there, in a row
    n = 0
    while n < len(entries):
        block, index = entries[n]
        if index is None:
            pending.append(block)
            n += 1
            continue
        u = unit_of[index]
        unit = found[u]
        span = [i for _, i in entries[n:n + unit.blocks]]
        first_of_unit = index == sum(x.blocks for x in found[:u])
        if first_of_unit and span == list(range(index, index + unit.blocks)):
            flush_pending()
            pieces.append(("\n".join(lines[unit.first:unit.last]).rstrip("\n"), unit.bullet))
            n += unit.blocks
        else:
            pending.append(block)
            n += 1
    flush_pending()
    return _join(pieces)
