"""The Markdown of agreement.toml's long texts: the one parser docgen reads
them with, and what of a text it can carry into a document.

render/markdown.py turns the parser's tokens into Word paragraphs; the
check checks.texts asks ``problems`` what it cannot carry, so that nothing
a user typed is lost without a word.  docgen renders paragraphs, ``#``
headings, ``-`` and numbered lists, ``**fed**``, ``*kursiv*``, inline
code, fenced code blocks, pipe tables and links (real Word hyperlinks
that keep their address; ``<https://…>`` and ``<navn@…>`` too).  It
refuses, naming the line:

- a picture (``![kort](kort.png)``): a document cannot take a file's
  picture by name, and only its description would come out;
- a link to anything but an http(s) or e-mail address (a file, a page
  relative to nowhere): it could not be followed in Word;
- a code block's language (```` ```python ````): docgen shows the code,
  not the word after the backticks;
- and any other text the parser would leave out: lists or quotes nested
  deeper than the parser's limit, table cells beyond the header's
  columns.  Every word of a text must come out (in the text, or as a
  link's address); ``problems`` compares the words.

Raw HTML, HTML entities, indented code blocks and reference links are off:
what a user types there stays text, as typed.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# The parser's nesting limit (commonmark's): block containers (a list is
# two levels, an item and its list; a quote one) or inline links deeper
# than this are skipped by the parser, with all the text in them.
MAX_NESTING = 20
LINK_SCHEMES = ("http://", "https://", "mailto:")

# A word: letters and digits (markup, spaces and punctuation are not text
# that can go missing on its own).
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one Markdown parser (markdown-it, imported when first needed:
    `docgen validate` of a text without links or code never loads it)."""
    from markdown_it import MarkdownIt

    # commonmark without raw HTML (so "<w:p>" stays text), without HTML
    # entities (so "&amp;" stays as typed), without indented code blocks
    # (an indented line is still a paragraph) and without reference links
    # (a "[x]: adresse" line stays text instead of vanishing).  Pipe
    # tables (GFM's rule, which markdown-it has) are on.
    md = (MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable("table")
          .disable(["code", "html_block", "html_inline", "entity", "reference"]))
    # a link's address and an autolink's text are kept exactly as typed
    # (markdown-it would percent-encode them), so they come back the same
    md.normalizeLink = lambda url: url
    md.normalizeLinkText = lambda url: url
    return md


def parse(text: str | None) -> list[Token]:
    return parser().parse(text or "")


def link_markdown(text: str, address: str, title: str = "") -> str:
    """The Markdown for a hyperlink read back from Word (the way back,
    ``docgen import``): what render/markdown.py made of a link, ``text``
    being the link's plain text, ``address`` its relationship's target and
    ``title`` its tooltip.  A link whose text is its address
    (``<https://…>``, ``<navn@…>``) comes back as an autolink; any other as
    ``[tekst](adresse "titel")``, the address as typed."""
    if not title and text and (address == text or address == f"mailto:{text}") and _AUTOLINKABLE.match(text):
        return f"<{text}>"
    label = _LABEL_ESCAPE.sub(r"\\\g<0>", text)
    target = f"<{address}>" if re.search(r"[\s()<>]", address) else address
    quoted = ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"' if title else ""
    return f"[{label}]({target}{quoted})"


# What would be read as markup in a link's text: escaped with a backslash.
_LABEL_ESCAPE = re.compile(r"[\\\[\]*_`<]")
_AUTOLINKABLE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)$")


# --- what cannot be carried -------------------------------------------------------------------

# Texts that cannot lose anything need no parser: no link, picture, code
# or autolink (these need '[', '<' or '`'), no '~~~' fence, no line nested
# deep enough to reach MAX_NESTING (a list level takes at least two
# columns, a quote one), and no table row with more cells than its header.
_RISKY = re.compile(r"[\[<`]|~~~|\\\||^[ >*+\-0-9.)]{16,}|^[ >*+\-0-9.)]*\t", re.M)
_DELIMITER_ROW = re.compile(r"^[ \t>*+\-0-9.)]*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_PREFIX = re.compile(r"^[ \t>*+\-0-9.)]*")


def _cells(line: str) -> int:
    row = _PREFIX.sub("", line).strip()
    row = row.removeprefix("|").removesuffix("|")
    return row.count("|") + 1


def _table_may_drop_cells(text: str) -> bool:
    if "|" not in text:
        return False
    lines = text.split("\n")
    for n in range(1, len(lines)):
        if "-" in lines[n] and _DELIMITER_ROW.match(lines[n]):
            columns = _cells(lines[n - 1])
            for row in lines[n + 1:]:
                if not row.strip():
                    break
                if _cells(row) > columns:
                    return True
    return False


def plain(text: str) -> bool:
    """True when the text certainly comes out whole (no parser needed)."""
    return not _RISKY.search(text) and not _table_may_drop_cells(text)


def problems(text: str) -> list[tuple[int, str]]:
    """(line in the text, 1-based; Danish message) for everything of
    ``text`` a document cannot carry; [] for almost every text."""
    if plain(text):
        return []
    tokens = parse(text)
    lines = text.split("\n")
    found: list[tuple[int, str]] = []
    for token, block in _inline_children(tokens):
        if token.type == "image":
            markup = f"![{token.content}]({token.attrs.get('src', '')})"
            found.append((_line_of(lines, block, "!["), (
                f"et billede ({_short(markup)}) kan docgen ikke sætte ind i dokumentet; kun beskrivelsen "
                "ville komme med. Slet billedet, og vedlæg billedfilen for sig, eller skriv beskrivelsen som "
                "almindelig tekst")))
        elif token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if not href.lower().startswith(LINK_SCHEMES):
                found.append((_line_of(lines, block, href or "]("), (
                    f"linket til '{_short(href)}' kan ikke blive et link i Word: docgen laver kun links til "
                    "adresser, der begynder med http://, https:// eller mailto:. Skriv hele adressen, "
                    "fx https://lbf.dk/…")))
    for token in tokens:
        if token.type == "fence" and token.info.strip():
            found.append(((token.map[0] if token.map else 0) + 1, (
                f"kodeblokken har '{_short(token.info.strip())}' efter {token.markup}; docgen viser koden, men "
                f"ikke den tekst. Skriv {token.markup} alene på linjen")))
    if found:
        return found
    missing = +(Counter(_WORD.findall(text)) - rendered_words(tokens))
    if missing:
        word = next(w for w in _WORD.findall(text) if w in missing)
        line = next((n for n, l in enumerate(lines, start=1) if word in _WORD.findall(l)), 1)
        if any(t.type == "table_open" and t.map and t.map[0] < line <= t.map[1] for t in tokens):
            why = ("rækken i tabellen har flere celler end tabellens overskrift, og de sidste ville ikke komme "
                   "med. Tilføj kolonnen i overskriften, eller flyt teksten ud af tabellen")
        elif max((t.level for t in tokens), default=0) >= MAX_NESTING - 2 or _deep_inline(tokens):
            why = (f"lister, citater eller links er indlejret for dybt (over {MAX_NESTING // 2} lister eller "
                   f"{MAX_NESTING} citater i hinanden), og den inderste tekst ville ikke komme med. "
                   "Ryk teksten færre niveauer ind")
        else:
            why = "docgen kan ikke vise den Markdown, teksten står i. Skriv den som almindelig tekst"
        found.append((line, f"teksten '{_short(word)}' ville forsvinde fra dokumentet: {why}"))
    return found


def rendered_words(tokens: list[Token]) -> Counter:
    """The words render/markdown.py writes for ``tokens``: text, code, a
    numbered item's number, a link's address and title (the hyperlink
    keeps them)."""
    words: Counter = Counter()
    for token in tokens:
        if token.type == "list_item_open" and token.info:
            words.update(_WORD.findall(token.info))
        elif token.type == "fence":
            words.update(_WORD.findall(token.content))
    for token, _ in _inline_children(tokens):
        if token.type in ("text", "code_inline", "image"):
            words.update(_WORD.findall(token.content))
        elif token.type == "link_open":
            words.update(_WORD.findall(str(token.attrs.get("href", ""))))
            words.update(_WORD.findall(str(token.attrs.get("title", "") or "")))
    return words


def _inline_children(tokens: list[Token]):
    """(child token, its block's inline token) for every inline child."""
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                yield child, token
                if child.type == "image":
                    for inner in child.children or []:
                        yield inner, token


def _deep_inline(tokens: list[Token]) -> bool:
    return any(c.level >= MAX_NESTING - 1 for c, _ in _inline_children(tokens))


def _line_of(lines: list[str], block: Token, needle: str) -> int:
    """The line (1-based) in ``block`` where ``needle`` stands, else its first."""
    start, end = block.map if block.map else (0, len(lines))
    for n in range(start, min(end, len(lines))):
        if needle in lines[n]:
            return n + 1
    return start + 1


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"
