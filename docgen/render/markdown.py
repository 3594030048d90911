"""Markdown texts from agreement.toml → Word paragraphs.

markdown-it-py parses; docxtpl's RichText/RichTextParagraph build the
WordprocessingML, escaping the text, so anything a user types comes out
literally.  The result is placed with a ``{{p ... }}`` tag in a template.

Word styles used (they exist in every docgen template):
paragraphs ``Normal``; bullets ``ListBullet``/``ListBullet2``; headings as
given by the caller (``Heading3`` in body text, ``Mellemrubrik`` in tables).
"""
from __future__ import annotations

from functools import lru_cache

from docxtpl import RichText, RichTextParagraph
from markdown_it import MarkdownIt
from markdown_it.token import Token

# Markdown heading level -> Word style in body text; deeper levels: Heading4.
# In tables every level is Mellemrubrik.
BODY_HEADINGS = {1: "Heading3", 2: "Heading3", 3: "Heading3"}
DEEP_HEADING = "Heading4"
TABLE_HEADING = "Mellemrubrik"
BULLETS = ("ListBullet", "ListBullet2")  # a list, and a list inside a list
# Every style id a rendered paragraph may have (Normal when render() gives
# none): a template must keep them.
STYLE_IDS = ("Normal", *dict.fromkeys(BODY_HEADINGS.values()), DEEP_HEADING, TABLE_HEADING, *BULLETS)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # commonmark without raw HTML (so "<w:p>" stays text), without HTML
    # entities (so "&amp;" stays as typed) and without indented code blocks
    # (an indented line is still a paragraph).
    return MarkdownIt("commonmark", {"html": False}).disable(["code", "html_block", "html_inline", "entity"])


def _inline(children: list[Token]) -> RichText:
    text = RichText()
    bold = italic = 0
    for token in children:
        kind = token.type
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
                text.add(token.content, bold=bold > 0, italic=italic > 0)
        elif kind in ("softbreak", "hardbreak"):
            text.add(" ", bold=bold > 0, italic=italic > 0)
        elif kind == "image":
            text.add(token.content or "", bold=bold > 0, italic=italic > 0)
        # link_open/link_close: the link's text is kept as plain text
    return text


def render(markdown: str | None, table: bool = False) -> RichTextParagraph:
    """Paragraphs for one Markdown text; always at least one paragraph."""
    out = RichTextParagraph()
    lists: list[str] = []           # open lists, innermost last: "bullet" or "ordered"
    ordered_prefix: list[str] = []  # "9. " of an ordered item not yet written
    tokens = _parser().parse(markdown or "")
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind.split("_")[0])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open" and lists[-1] == "ordered":
            # An ordered list is kept as the text it was: Danish prose often
            # starts a line with "9. klasse" or "1. september".
            ordered_prefix.append(f"{token.info}{token.markup} ")
        elif kind == "inline":
            runs = _inline(token.children or [])
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
    if not out.xml:
        out.add(RichText(""))
    return out


def paragraphs_text(markdown: str) -> list[str]:
    """Plain text of each paragraph (for tests and plain-text uses)."""
    tokens = _parser().parse(markdown or "")
    return ["".join(c.content for c in t.children or [] if c.type in ("text", "code_inline")) for t in tokens if t.type == "inline"]


def render_inline(markdown: str) -> RichText:
    """Runs for a short Markdown text written inside an existing
    paragraph; several paragraphs are joined with a space."""
    out = RichText()
    for token in _parser().parse(markdown or ""):
        if token.type == "inline":
            if out.xml:
                out.add(" ")
            out.add(_inline(token.children or []))
    return out
