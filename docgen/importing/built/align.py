"""Aligning an edited Word document with the one docgen renders from the
agreement, and turning each difference into a change of the field that
made it.

The rendered document is read from a traced render (source/trace.py): a
Markdown field's paragraphs lie between two paragraphs holding only its
marks, and a text or number field's part of a paragraph lies between its
marks.  Paragraphs are aligned by their text and Markdown (difflib), so
runs split or merged, renamed rsids and dropped content-control tags do
not matter.  A changed paragraph inside a Markdown field changes that
field; a changed part of a paragraph that a text or number field made
changes that field; a change to docgen's own text (LBF's fixed text,
headings, labels, sums) is reported and not taken.

Table rows are read whole: a row added to or deleted from a table whose
rows are the elements of a list (the delmål table: one indicator a row) is
a new element, read cell by cell against the row beside it, or a removed
one; a row moved is both.  A row that cannot be read as an element keeps
every row change of the document out (reported with its text).  With the
document's provenance, paragraphs of fields the file gained since the
build, or texts it lost, are neither deleted nor restored (run.py merges
the three versions).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable
from decimal import Decimal, InvalidOperation

from ...source.load import format_path
from ...source.trace import Segment, Origin, mark_numbers, plain, segments
from ..shared.markdown import field_markdown
from ..shared.word import Block, part_name


@dataclass
class Traced:
    """A rendered paragraph: the plain block, its parts and the Markdown
    field it belongs to (None outside one)."""

    block: Block
    parts: list[Segment]
    field: int | None


@dataclass(frozen=True)
class Change:
    """A field's new value (``op`` 'set'), a new list element after
    ``source`` ('insert'), or a list element removed ('delete')."""

    op: str
    source: Origin
    old: object
    new: object
    where: str = ""  # as a person finds it: "Budget, celle D27, »Husleje«, 2026: 120.000 → 125.000 kr."


@dataclass(frozen=True)
class Refusal:
    """An edit docgen does not take: where, what it was, and why."""

    where: str
    old: str
    new: str
    why: str


@dataclass
class Result:
    changes: list[Change] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    gained: list[Origin] = field(default_factory=list)  # fields the file gained since the document was made
    lost: list[str] = field(default_factory=list)  # the first text of what the file lost since then


def traced_blocks(blocks: list[Block], sources: dict[int, Origin]) -> list[Traced]:
    """The rendered document's paragraphs without the paragraphs that hold
    only a Markdown field's marks, each with the Markdown field around it."""
    out: list[Traced] = []
    open_fields: list[int] = []
    for block in blocks:
        marks = mark_numbers(block.text)
        if marks and not plain(block.text) and all(sources[n].kind == "markdown" for _, n in marks):
            for opening, number in marks:
                if opening:
                    open_fields.append(number)
                elif number in open_fields:
                    open_fields.remove(number)
            continue
        text = plain(block.text)
        clean = Block(text, plain(block.markdown), block.style, block.cell, block.bullet)
        out.append(Traced(clean, segments(block.text), open_fields[-1] if open_fields else None))
    return out


def _where(block: Block) -> str:
    text = block.text.strip().replace("\n", " ")
    return f"»{text[:60]}{'…' if len(text) > 60 else ''}«" if text else "(tomt afsnit)"


def parse_number(text: str) -> Decimal | None:
    """'0,25' / '1.234' / '3.200' → Decimal; None when it is no number."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") >= 1 and all(len(g) == 3 for g in cleaned.split(".")[1:]):
        cleaned = cleaned.replace(".", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


class Aligner:
    def __init__(self, rendered: list[Traced], edited: list[Block], sources: dict[int, Origin],
                 known: Callable[[int], bool] | None = None, lost: Callable[[str], bool] | None = None) -> None:
        self.rendered = rendered
        self.edited = edited
        self.sources = sources
        # whether the document showed a field when it was made (None: not known, all count)
        self.known = known
        # whether a text is a field's value the file had when the document was made, and has no longer
        self.lost = lost
        self.rows_refused = False  # a table row added or deleted that could not be read as an element
        self.tables: dict[int, int] = {}  # the document's table number -> the rendered document's
        self.result = Result()
        # Markdown field -> its rendered paragraphs' indices, and edits to them
        self.field_blocks: dict[int, list[int]] = {}
        for index, t in enumerate(rendered):
            if t.field is not None:
                self.field_blocks.setdefault(t.field, []).append(index)
        self.replaced: dict[int, dict[int, list[Block]]] = {}  # field -> rendered index -> new blocks
        self.inserted: dict[int, dict[int, list[Block]]] = {}  # field -> insert after rendered index (-1: first)
        self.values: dict[int, list[tuple[str, Block]]] = {}   # text/number field -> new texts seen

    def run(self) -> Result:
        a = [t.block.key for t in self.rendered]
        b = [e.key for e in self.edited]
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        opcodes = matcher.get_opcodes()
        # the document's tables in the rendered document's numbering (a table added
        # above, in the file or the document, shifts every number after it)
        pairs: dict[int, dict[int, int]] = {}
        for op, i1, i2, j1, j2 in opcodes:
            if op == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    r, e = self.rendered[i].block.cell, self.edited[j].cell
                    if r is not None and e is not None:
                        votes = pairs.setdefault(e[0], {})
                        votes[r[0]] = votes.get(r[0], 0) + 1
        self.tables = {e: max(votes, key=votes.get) for e, votes in pairs.items()}  # most paragraphs agree
        handled = 0  # rendered paragraphs before this one are done
        for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
            if op == "equal":
                continue
            if op == "replace":
                following = opcodes[n + 1][2] - opcodes[n + 1][1] if n + 1 < len(opcodes) else 0
                i1, i2, j1, j2 = self._row_span(i1, i2, j1, j2, min(i1 - handled, 20), min(following, 20))
            self.hunk(i1, i2, j1, j2)
            handled = i2
        self.finish()
        rows = [c for c in self.result.changes if c.source.kind == "table"]
        if rows and self.rows_refused:
            # a row that could not be read: none of the table's rows is taken (a move is a deletion and an addition)
            self.result.changes = [c for c in self.result.changes if c.source.kind != "table"]
            for change in rows:
                shown = change.old if change.op == "delete" else " | ".join(str(v) for v in change.new.values())
                self.result.refused.append(Refusal(
                    _row_where(shown), shown if change.op == "delete" else "", "" if change.op == "delete" else shown,
                    "ikke taget, fordi en anden ny række i tabellen ikke kunne læses (se ovenfor); ret rækkerne, "
                    "eller skriv ændringen i agreement.toml"))
        return self.result

    def _row_span(self, i1: int, i2: int, j1: int, j2: int, back: int, ahead: int) -> tuple[int, int, int, int]:
        """A region that differs inside a table, widened over the equal
        paragraphs around it (at most ``back`` before, ``ahead`` after) to
        whole rows on both sides: a diff cuts rows where cells repeat."""
        rendered = [t.block for t in self.rendered]
        if rendered[i1].cell is None or self.edited[j1].cell is None:
            return i1, i2, j1, j2
        for total in range(back + ahead + 1):
            for before in range(min(total, back) + 1):
                after = total - before
                if after > ahead:
                    continue
                if _whole_rows(rendered, i1 - before, i2 + after) is not None \
                        and _whole_rows(self.edited, j1 - before, j2 + after) is not None:
                    return i1 - before, i2 + after, j1 - before, j2 + after
        return i1, i2, j1, j2

    # -- one region that differs ---------------------------------------------
    def hunk(self, i1: int, i2: int, j1: int, j2: int) -> None:
        rendered, edited = self.rendered[i1:i2], self.edited[j1:j2]
        if not edited and self.known is not None:
            gained = [n for t in rendered for n in self._fields_of(t) if not self.known(n)]
            if gained:
                # paragraphs the file gained since the build (an element added, with its
                # labels): the document never had them, its author deleted nothing
                self.result.gained += [self.sources[n] for n in dict.fromkeys(gained)]
                return
        if not rendered and self.lost is not None and any(self.lost(e.text) for e in edited if e.text.strip()):
            # paragraphs of an element the file lost since the build (an activity
            # deleted there): the document still shows it; it does not come back
            self.result.lost.append(next(e.text for e in edited if e.text.strip() and self.lost(e.text)))
            return
        if self.rows(i1, i2, j1, j2):
            return
        fields = {t.field for t in rendered}
        if rendered and len(fields) == 1 and None not in fields:
            f = fields.pop()
            self.replace_in_field(f, list(range(i1, i2)), edited)
            return
        pairs = min(len(rendered), len(edited))
        # equal numbers of paragraphs: paragraph by paragraph
        for k in range(pairs):
            self.pair(i1 + k, edited[k])
        if len(edited) > pairs:
            self.insert(i1 + pairs, edited[pairs:])
        for k in range(pairs, len(rendered)):
            self.delete(i1 + k)

    # -- whole table rows: an element of a list each --------------------------------
    def rows(self, i1: int, i2: int, j1: int, j2: int) -> bool:
        """Whole rows deleted from a table or added to it, each row one
        element of a list (an indicator): the element removed, or a new one
        next to the row beside it.  Rows replaced by rows of another shape
        (a row moved, cells merged differently) are removed and added.
        False: not whole rows, the paragraphs are handled one by one."""
        rendered_blocks = [t.block for t in self.rendered]
        if i1 < i2 and j1 < j2:
            old, new = _whole_rows(rendered_blocks, i1, i2), _whole_rows(self.edited, j1, j2)
            if old is None or new is None or len(old) == len(new) and all(
                    [rendered_blocks[i].cell[2] for i in a] == [self.edited[j].cell[2] for j in b]
                    for a, b in zip(old, new)):
                return False  # the same rows, edited: paragraph by paragraph
            element, _ = self._element(old[0])
            if element is None:
                return False  # not rows of a list's elements (a party's cell edited): paragraph by paragraph
            if not self._delete_rows(old):
                return False
            self._insert_rows(new, old[0], element, "", element[:-1] + (element[-1] - 1,))
            return True
        if i1 == i2 and j1 == j2:
            return False
        # a diff may cut a row where its last cell equals the last cell of the
        # row around it: slide the span down over equal paragraphs to whole rows
        side, start, end = (rendered_blocks, i1, i2) if i1 < i2 else (self.edited, j1, j2)
        for k in range(end - start + 1):
            if k and not (end + k - 1 < len(side) and side[start + k - 1].key == side[end + k - 1].key):
                return False
            if _whole_rows(side, start + k, end + k) is not None:
                i1, i2, j1, j2 = i1 + k, i2 + k, j1 + k, j2 + k
                break
        else:
            return False
        if i1 < i2:
            return self._delete_rows(_whole_rows(rendered_blocks, i1, i2))
        groups = _whole_rows(self.edited, j1, j2)
        # the row above gives the list and the cells' fields (the new element
        # goes after it); over a table's first row, the row below (it goes first)
        near, element, why, at = None, None, "", None
        table = self.edited[j1].cell[0]
        same = [i for i in (i1 - 1, i1) if 0 <= i < len(rendered_blocks) and rendered_blocks[i].cell is not None
                and rendered_blocks[i].cell[0] == table]
        if i1 - 1 in same and (near := _row_of(rendered_blocks, i1 - 1)) is not None:
            element, why = self._element(near)
            at = element
        if element is None and not why and i1 in same and (near := _row_of(rendered_blocks, i1)) is not None:
            element, why = self._element(near)
            at = element[:-1] + (element[-1] - 1,) if element is not None else None
        if element is None and not why:
            return False
        self._insert_rows(groups, near, element, why, at)
        return True

    def _delete_rows(self, groups: list[list[int]]) -> bool:
        found = [(indices, *self._element(indices)) for indices in groups]
        if any(element is None and not why for _, element, why in found):
            return False
        for indices, element, why in found:
            text = self._row_text([self.rendered[i].block for i in indices])
            if element is None:
                self.rows_refused = True
                self.result.refused.append(Refusal(_row_where(text), text, "", why))
            else:
                self.result.changes.append(Change("delete", Origin(element, "table", None), text, None))
        return True

    def _insert_rows(self, groups: list[list[int]], near: list[int], element: tuple | None, why: str,
                     at: tuple | None) -> None:
        """New rows, read against the rendered row ``near`` (its element
        ``element``); each goes after element ``at``."""
        where = _row_where(self._row_text([self.rendered[i].block for i in near]))
        for indices in groups:
            blocks = [self.edited[j] for j in indices]
            text = self._row_text(blocks)
            if not text.strip():
                continue  # an empty row: nothing typed
            value = self._new_element(element, near, blocks) if element is not None else None
            if value is None:
                self.rows_refused = True
                self.result.refused.append(Refusal(
                    "ny række ved " + where, "", text, why or "en ny række i tabellen, hvis celler ikke kan læses "
                    "som felter som i rækken ved siden af; skriv den i agreement.toml"))
                continue
            self.result.changes.append(Change("insert", Origin(at, "table", None), None, value))

    def _element(self, indices: list[int]) -> tuple[tuple | None, str]:
        """The element of an array of tables a rendered row shows (an
        indicator), or None and why not.  The row shows that element's
        fields and nowhere else shows them; its other fields belong to
        the elements above it (the indicator's goal)."""
        if any(self.rendered[i].field is not None for i in indices):
            return None, ""  # a table inside a Markdown text: that text's paragraphs
        paths = [self.sources[n].path for i in indices for n in self._fields_of(self.rendered[i])]
        if paths and all(p[0] == "parter" for p in paths):
            return None, ("en part tilføjes eller fjernes i agreement.toml: under [[parter]] og i delaftalens "
                          "liste over parter (parter = [...])")
        elements = [p[:k + 1] for p in paths for k in range(len(p) - 1) if isinstance(p[k], int)]
        if not elements:
            return None, ""
        deepest = max(elements, key=len)
        for p in paths:
            if p[:len(deepest)] == deepest:
                continue
            owner = p[:-1]  # a field of an element above this one (the goal of an indicator)
            if not (owner and isinstance(owner[-1], int) and deepest[:len(owner)] == owner):
                return None, ""
        row = set(indices)
        for i, t in enumerate(self.rendered):
            if i not in row and any(self.sources[n].path[:len(deepest)] == deepest for n in self._fields_of(t)):
                return None, ""  # the element is shown elsewhere too: not one row's
        return deepest, ""

    def _new_element(self, element: tuple, above: list[int], blocks: list[Block]) -> dict | None:
        """The new element a typed row holds, read cell by cell against the
        row above: a cell showing one field of the element gives that field
        (the text around it, e.g. the goal's period, typed as above); a
        cell showing none must repeat the row above or be empty."""
        new_cells: dict[int, str] = {}
        for block in blocks:
            new_cells.setdefault(block.cell[2], []).append(block.text)
        old_cells: dict[int, list[Traced]] = {}
        for i in above:
            old_cells.setdefault(self.rendered[i].block.cell[2], []).append(self.rendered[i])
        value: dict[str, str] = {}
        for column, traced in old_cells.items():
            typed = "\n".join(new_cells.get(column, [])).strip()
            parts = [part for t in traced for part in t.parts + [Segment("\n", None)]][:-1]
            own = [n for n, part in enumerate(parts) if part.field is not None
                   and self.sources[part.field].path[:-1] == element]
            if not own:
                if typed and typed != self._shown_in_column(above, column):
                    return None
                continue
            if len(own) > 1:
                return None
            before = "".join(p.text for p in parts[:own[0]])
            after = "".join(p.text for p in parts[own[0] + 1:])
            if not (typed.startswith(before.strip()) and typed.endswith(after.strip())):
                return None
            text = typed[len(before.strip()):len(typed) - len(after.strip())].strip()
            source = self.sources[parts[own[0]].field]
            if text:
                if source.kind == "number":
                    number = parse_number(text)
                    if number is None:
                        return None
                    value[str(source.path[-1])] = number
                else:
                    value[str(source.path[-1])] = text
        return value or None

    def _shown_in_column(self, row: list[int], column: int) -> str:
        """A column's text in ``row``, or for a cell merged with the cells
        above (the goal of a second indicator), in the nearest row above
        that shows it."""
        blocks = [t.block for t in self.rendered]
        index = row[0]
        while index >= 0 and blocks[index].cell is not None and blocks[index].cell[0] == blocks[row[0]].cell[0]:
            cells = _row_of(blocks, index)
            text = "\n".join(blocks[i].text for i in cells if blocks[i].cell[2] == column).strip()
            if text:
                return text
            index = cells[0] - 1
        return ""

    @staticmethod
    def _row_text(blocks: list[Block]) -> str:
        cells: dict[int, list[str]] = {}
        for block in blocks:
            cells.setdefault(block.cell[2], []).append(block.text.strip())
        texts = (" ".join(t.replace("\n", " ") for t in texts if t) for texts in cells.values())
        return " | ".join(t for t in texts if t)

    @staticmethod
    def _fields_of(traced: Traced) -> list[int]:
        return ([traced.field] if traced.field is not None else []) + \
            [s.field for s in traced.parts if s.field is not None]

    def replace_in_field(self, f: int, indices: list[int], edited: list[Block]) -> None:
        replaced = self.replaced.setdefault(f, {})
        for n, index in enumerate(indices):
            replaced[index] = edited if n == 0 else []

    def pair(self, index: int, edited: Block) -> None:
        traced = self.rendered[index]
        if traced.field is not None:
            self.replace_in_field(traced.field, [index], [edited])
            return
        self.inline(traced, edited)

    def insert(self, at: int, edited: list[Block]) -> None:
        before = self.rendered[at - 1] if at > 0 else None
        after = self.rendered[at] if at < len(self.rendered) else None
        if before is not None and before.field is not None:
            self.inserted.setdefault(before.field, {}).setdefault(at - 1, []).extend(edited)
            return
        if after is not None and after.field is not None:
            # before the first paragraph of the field that follows
            self.inserted.setdefault(after.field, {}).setdefault(-1, []).extend(edited)
            return
        item = self._list_item(before)
        if item is not None:
            for block in reversed(edited):
                if block.text.strip():
                    self.result.changes.append(Change("insert", self.sources[item], None, block.text.strip()))
            return
        for block in edited:
            if block.text.strip():
                self.result.refused.append(Refusal(
                    self._near(at) if before else "dokumentets begyndelse", "", block.text,
                    "tilføjet tekst uden for de felter, docgen skriver fra agreement.toml; skriv den ind i et felt",
                ))

    def _near(self, at: int) -> str:
        """Where text added before rendered paragraph ``at`` stands: after
        the nearest paragraph above it that has text."""
        for index in range(at - 1, -1, -1):
            if self.rendered[index].block.text.strip():
                return "efter " + _where(self.rendered[index].block)
        return "dokumentets begyndelse"

    def delete(self, index: int) -> None:
        traced = self.rendered[index]
        if traced.field is not None:
            self.replace_in_field(traced.field, [index], [])
            return
        item = self._list_item(traced)
        if item is not None:
            self.result.changes.append(Change("delete", self.sources[item], self.sources[item].value, None))
            return
        if traced.block.text.strip():
            self.result.refused.append(Refusal(
                _where(traced.block), traced.block.text, "",
                "teksten er docgens egen (LBF's faste tekst, en overskrift eller en sum) og kan ikke slettes her",
            ))

    def _list_item(self, traced: Traced | None) -> int | None:
        """The field of a paragraph that is one element of a list of texts, whole."""
        if traced is None:
            return None
        fields = [s.field for s in traced.parts if s.field is not None]
        others = "".join(s.text for s in traced.parts if s.field is None).strip()
        if len(fields) == 1 and not others and self.sources[fields[0]].in_list \
                and self.sources[fields[0]].kind == "text":
            return fields[0]
        return None

    # -- a changed paragraph made of docgen's text and fields ----------------------
    def inline(self, traced: Traced, edited: Block) -> None:
        old = traced.block.text
        new = edited.text
        if old == new:
            if traced.block.markdown != edited.markdown:  # only the formatting changed: a plain text has none
                self.result.refused.append(Refusal(
                    _where(traced.block), traced.block.markdown, edited.markdown,
                    "fed, kursiv eller et link her kan ikke gemmes: teksten er et felt uden formatering "
                    "(eller docgens egen tekst); ændringen af formateringen er ikke taget",
                ))
            return
        # the rendered text, cut into parts; each character knows its part
        owner: list[int] = []
        bounds: list[tuple[int, int]] = []
        position = 0
        for n, part in enumerate(traced.parts):
            owner += [n] * len(part.text)
            bounds.append((position, position + len(part.text)))
            position += len(part.text)
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        touched_fixed = False
        edits: dict[int, list[tuple[int, int, str]]] = {}
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                continue
            part = self._part_for(traced.parts, owner, bounds, a1, a2)
            if part is None:
                touched_fixed = True
                continue
            edits.setdefault(part, []).append((a1, a2, new[b1:b2]))
        for part, changes in edits.items():
            start, end = bounds[part]
            text = old[start:end]
            for a1, a2, replacement in sorted(changes, reverse=True):
                text = text[: a1 - start] + replacement + text[a2 - start:]
            number = traced.parts[part].field
            self.values.setdefault(number, []).append((text, edited))
        if touched_fixed:
            self.result.refused.append(Refusal(
                _where(traced.block), old, new,
                "en del af teksten er docgens egen (LBF's faste tekst, en overskrift, en beregnet sum); "
                "den ændring er ikke taget. Ret den i agreement.toml eller i skabelonen",
            ))

    @staticmethod
    def _part_for(parts: list[Segment], owner: list[int], bounds, a1: int, a2: int) -> int | None:
        """The field part a change of old[a1:a2] belongs to: the part
        holding it, or for an insertion the field part it touches."""
        if a2 > a1:
            held = set(owner[a1:a2])
            if len(held) == 1:
                n = held.pop()
                return n if parts[n].field is not None else None
            return None
        for n, (start, end) in enumerate(bounds):
            if parts[n].field is not None and start <= a1 <= end:
                return n
        return None

    def _renumbered(self, block: Block) -> Block:
        """A paragraph of the document with its table numbered as in the
        rendered document (a table only the document has: beyond them all)."""
        if block.cell is None:
            return block
        table = self.tables.get(block.cell[0], 100000 + block.cell[0])
        return Block(block.text, block.markdown, block.style, (table, *block.cell[1:]), block.bullet)

    # -- after all hunks ----------------------------------------------------------
    def finish(self) -> None:
        for number, seen in self.values.items():
            source = self.sources[number]
            texts = list(dict.fromkeys(text for text, _ in seen))
            if len(texts) > 1:
                self.result.refused.append(Refusal(
                    _where(seen[0][1]), "", " / ".join(texts),
                    f"{_name(source)} er rettet forskelligt flere steder i dokumentet; ret det ét sted",
                ))
                continue
            text = texts[0]
            if source.kind == "number":
                value = parse_number(text)
                if value is None:
                    self.result.refused.append(Refusal(_where(seen[0][1]), str(source.value), text,
                                                       f"{_name(source)} skal være et tal"))
                    continue
                if value != Decimal(source.value):
                    self.result.changes.append(Change("set", source, source.value, value))
            elif text != source.value:
                self.result.changes.append(Change("set", source, source.value, text))
        for number in sorted(set(self.replaced) | set(self.inserted)):
            indices = self.field_blocks[number]
            replaced = self.replaced.get(number, {})
            inserted = self.inserted.get(number, {})
            # the field's paragraphs after the edit; an unchanged one with its place among the old
            new_blocks: list[tuple[Block, int | None]] = [(self._renumbered(b), None) for b in inserted.get(-1, [])]
            for place, index in enumerate(indices):
                if index in replaced:
                    new_blocks += [(self._renumbered(b), None) for b in replaced[index]]
                else:
                    new_blocks.append((self.rendered[index].block, place))
                new_blocks += [(self._renumbered(b), None) for b in inserted.get(index, [])]
            source = self.sources[number]
            old_blocks = [self.rendered[i].block for i in indices]
            text = field_markdown(source.value, old_blocks, new_blocks)
            # the line breaks around the text (a """ on a line of its own) are the file's layout
            body = source.value.strip("\n")
            if body:
                start = source.value.index(body)
                text = source.value[:start] + text.strip("\n") + source.value[start + len(body):]
            if text != source.value:
                self.result.changes.append(Change("set", source, source.value, text))


def _row_key(block: Block) -> tuple | None:
    return block.cell[:2] if block.cell is not None else None


def _row_of(blocks: list[Block], index: int) -> list[int] | None:
    """The indices of the paragraphs of the table row holding blocks[index]."""
    key = _row_key(blocks[index])
    if key is None:
        return None
    return [i for i, b in enumerate(blocks) if _row_key(b) == key]


def _whole_rows(blocks: list[Block], start: int, end: int) -> list[list[int]] | None:
    """blocks[start:end] cut into whole table rows, or None when they are not."""
    groups: list[list[int]] = []
    for i in range(start, end):
        key = _row_key(blocks[i])
        if key is None:
            return None
        if groups and _row_key(blocks[groups[-1][0]]) == key:
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        if group != _row_of(blocks, group[0]):
            return None
    return groups


def _row_where(text: str) -> str:
    return f"tabelrækken »{text[:60]}{'…' if len(text) > 60 else ''}«"


def _name(source: Origin) -> str:
    return "feltet " + format_path(source.path)


def align(rendered: list[Block], edited: list[Block], sources: dict[int, Origin],
          known: Callable[[int], bool] | None = None, lost: Callable[[str], bool] | None = None) -> Result:
    body = [b for b in rendered if b.part == "body"], [b for b in edited if b.part == "body"]
    result = Aligner(traced_blocks(body[0], sources), body[1], sources, known, lost).run()
    result.refused += other_parts(rendered, edited)
    return result


def other_parts(rendered: list[Block], edited: list[Block]) -> list[Refusal]:
    """Text outside the body (headers, footers, text boxes, footnotes,
    embedded documents) is docgen's own or no field's: an edit there is
    reported with where it stood, never taken and never passed over.
    Compared without fields' results (Word renumbers the pages itself),
    as sets: Word and LibreOffice may repeat a header per section."""
    def texts(blocks: list[Block], part: str) -> list[str]:
        out = []
        for b in blocks:
            if b.part == part:
                text = plain(b.fixed if b.fixed is not None else b.text).strip()
                if text and text not in out:
                    out.append(text)
        return out

    refused = []
    parts = dict.fromkeys(b.part for b in [*rendered, *edited] if b.part != "body")
    for part in parts:
        before, after = texts(rendered, part), texts(edited, part)
        added = [t for t in after if t not in before]
        removed = [t for t in before if t not in after]
        where = part_name(part)
        why = ("teksten i " + where + " er docgens egen eller intet felts; ret den i agreement.toml eller i "
               "skabelonen" if before else f"tekst i {where} hører ikke til et felt i agreement.toml; "
               "skriv den ind i et felt")
        if len(added) == len(removed):
            pairs = list(zip(removed, added))
            added, removed = [], []
        else:
            pairs = []
        for old, new in pairs:
            refused.append(Refusal("i " + where, old, new, why))
        for new in added:
            refused.append(Refusal("i " + where, "", new, why))
        for old in removed:
            refused.append(Refusal("i " + where, old, "", why + "; den kan ikke slettes her"))
    return refused
