"""source/markdown.py: what a document can carry, and a link's way back."""
from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.source.markdown import link_markdown, parse, plain, problems


def the_link(markdown: str) -> tuple[str, str, str]:
    """(text, address, title) of the one link in ``markdown``."""
    [inline] = [t for t in parse(markdown) if t.type == "inline"]
    [opening] = [c for c in inline.children if c.type == "link_open"]
    text = "".join(c.content for c in inline.children if c.type in ("text", "code_inline"))
    return text, opening.attrs["href"], opening.attrs.get("title", "") or ""


@settings(max_examples=300, deadline=None, database=None,
          derandomize=os.environ.get("DOCGEN_HYPOTHESIS_RANDOM") != "1")
@given(text=st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=20)
       .filter(lambda t: t.strip() == t and t.strip()),
       path=st.from_regex(r"[a-zA-Z0-9æøå/._~%?=&#-]{0,20}", fullmatch=True),
       title=st.one_of(st.just(""), st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=15)))
def test_a_link_comes_back_as_the_same_link(text, path, title):
    """import(build(x)) == x for links: the Markdown link_markdown writes
    for a Word hyperlink parses to the same text, address and title."""
    address = f"https://lbf.dk/{path}"
    markdown = link_markdown(text, address, title)
    assert the_link(markdown) == (text, address, title), markdown
    assert problems(markdown) == []


def test_links_as_typed_come_back_as_typed():
    assert link_markdown("LBF-regulativet", "https://lbf.dk/regulativ") == "[LBF-regulativet](https://lbf.dk/regulativ)"
    assert link_markdown("https://lbf.dk", "https://lbf.dk") == "<https://lbf.dk>"
    assert link_markdown("post@lbf.dk", "mailto:post@lbf.dk") == "<post@lbf.dk>"
    assert link_markdown("Fonden", "https://lbf.dk", 'Om "os"') == '[Fonden](https://lbf.dk "Om \\"os\\"")'


def test_an_ordinary_text_needs_no_parser():
    assert plain("Helhedsplanen arbejder i *Husum*.\n\n- et punkt\n  - et under\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert not plain("Se [LBF](https://lbf.dk)")
    assert not plain("| a | b |\n|---|---|\n| 1 | 2 | 3 |")
    assert not plain(" " * 16 + "- dybt")
