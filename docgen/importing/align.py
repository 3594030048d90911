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
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..source.load import format_path
from ..source.trace import Segment, Origin, mark_numbers, plain, segments
from .markdown import field_markdown
from .word import Block, part_name


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
    def __init__(self, rendered: list[Traced], edited: list[Block], sources: dict[int, Origin]) -> None:
        self.rendered = rendered
        self.edited = edited
        self.sources = sources
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
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            self.hunk(i1, i2, j1, j2)
        self.finish()
        return self.result

    # -- one region that differs ---------------------------------------------
    def hunk(self, i1: int, i2: int, j1: int, j2: int) -> None:
        rendered, edited = self.rendered[i1:i2], self.edited[j1:j2]
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
                    _where(before.block) if before else "dokumentets begyndelse", "", block.text,
                    "tilføjet tekst uden for de felter, docgen skriver fra agreement.toml; skriv den ind i et felt",
                ))

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
            new_blocks: list[tuple[Block, int | None]] = [(b, None) for b in inserted.get(-1, [])]
            for place, index in enumerate(indices):
                if index in replaced:
                    new_blocks += [(b, None) for b in replaced[index]]
                else:
                    new_blocks.append((self.rendered[index].block, place))
                new_blocks += [(b, None) for b in inserted.get(index, [])]
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


def _name(source: Origin) -> str:
    return "feltet " + format_path(source.path)


def align(rendered: list[Block], edited: list[Block], sources: dict[int, Origin]) -> Result:
    body = [b for b in rendered if b.part == "body"], [b for b in edited if b.part == "body"]
    result = Aligner(traced_blocks(body[0], sources), body[1], sources).run()
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
