"""The writer changes the values it is given and not one other byte."""
from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest

from conftest import AGREEMENT, DATA

from docgen.source.positions import value_spans
from docgen.source.writer import Edit, WriteError, apply

AGREEMENTS = [AGREEMENT, *sorted(DATA.glob("*.toml"))]


def _leaves(data, path=()):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, path + (i,))
    else:
        yield path, data


def _get(data, path):
    for key in path:
        data = data[key]
    return data


@pytest.mark.parametrize("agreement", AGREEMENTS, ids=lambda p: p.name)
def test_changing_any_text_changes_its_value_and_nothing_else(agreement):
    text = agreement.read_text(encoding="utf-8")
    data = tomllib.loads(text, parse_float=Decimal)
    spans = value_spans(text)
    texts = [(p, v) for p, v in _leaves(data) if isinstance(v, str)]
    assert texts
    for n, (path, value) in enumerate(texts[:: max(1, len(texts) // 60)]):
        new_value = value + ' "ny" \\ tekst' + ("\nanden linje" if n % 2 else "")
        out = apply(text, [Edit("set", path, new_value)])
        start, end = spans[path]
        assert out[:start] == text[:start]
        assert out.endswith(text[end:])
        assert _get(tomllib.loads(out), path) == new_value
        old_literal, new_literal = text[start:end], out[start:len(out) - len(text) + end]
        if old_literal.startswith('"""'):
            assert new_literal.startswith('"""')  # a multi-line text stays multi-line


def test_quoting_styles_are_kept_where_they_can_be():
    text = 'a = """\nen\nto\n"""\nb = "kort"\nc = \'bogstavelig\'\n# kommentar\nd = 0.25\ne = [ "x", "y" ]\n'
    out = apply(text, [Edit("set", ("a",), "en\ntre\n"), Edit("set", ("b",), "kortere"),
                       Edit("set", ("c",), "stadig bogstavelig"), Edit("set", ("d",), Decimal("0.5"))])
    assert out == 'a = """\nen\ntre\n"""\nb = "kortere"\nc = \'stadig bogstavelig\'\n# kommentar\nd = 0.5\ne = [ "x", "y" ]\n'
    # a basic text that gets a line break becomes multi-line; a literal with a quote becomes basic
    out = apply(text, [Edit("set", ("b",), "to\nlinjer"), Edit("set", ("c",), "Ole's")])
    assert 'b = """\nto\nlinjer"""' in out and "c = \"Ole's\"" in out
    assert tomllib.loads(out)["b"] == "to\nlinjer"


def test_list_elements_are_inserted_and_deleted_in_the_lists_layout():
    text = 'm = [\n  "a",\n  "b",\n]\nn = ["x", "y"]\n'
    out = apply(text, [Edit("insert", ("m", 0), "ny"), Edit("insert", ("n", 1), "z")])
    assert out == 'm = [\n  "a",\n  "ny",\n  "b",\n]\nn = ["x", "y", "z"]\n'
    out = apply(text, [Edit("delete", ("m", 1)), Edit("delete", ("n", 0))])
    assert tomllib.loads(out) == {"m": ["a"], "n": ["y"]}
    assert out.startswith('m = [\n  "a",')


def test_a_value_not_in_the_file_is_an_error_not_a_guess():
    with pytest.raises(WriteError):
        apply('a = "x"\n', [Edit("set", ("b",), "y")])


def test_a_table_of_an_array_is_inserted_and_deleted_as_its_own_block():
    text = ('[[u]]\n# første\nt = "a"\nb = { x = 1 }\n\n[[u]]\nt = "b"\nb = { x = 2 }\n\n'
            '# om det næste\n[[m]]\nt = "c"\n')
    out = apply(text, [Edit("insert", ("u", 0), {"t": "ny", "b": {"x": Decimal(3), "y": Decimal(0)}})])
    assert out == ('[[u]]\n# første\nt = "a"\nb = { x = 1 }\n\n[[u]]\nt = "ny"\nb = { x = 3, y = 0 }\n\n[[u]]\n'
                   't = "b"\nb = { x = 2 }\n\n# om det næste\n[[m]]\nt = "c"\n')
    out = apply(text, [Edit("insert", ("u", -1), {"t": "først"})])
    assert out.startswith('[[u]]\nt = "først"\n\n[[u]]\n# første\n')
    # the last element goes with the blank line before it; the next table's comment stays
    out = apply(text, [Edit("delete", ("u", 1))])
    assert out == '[[u]]\n# første\nt = "a"\nb = { x = 1 }\n\n# om det næste\n[[m]]\nt = "c"\n'
    with pytest.raises(WriteError):  # the only table of an array: no [[m]] left to say the list is empty
        apply(text, [Edit("delete", ("m", 0))])


def test_an_element_of_an_array_of_tables_is_deleted_and_inserted_as_its_own_block():
    """A row deleted from or added to a Word table stands for an element
    like [[delaftaler.delmaal.indikatorer]]: the block goes or comes, every
    other byte stays."""
    text = AGREEMENT.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    goal = ("delaftaler", 0, "delmaal", 0, "indikatorer")
    deleted = apply(text, [Edit("delete", goal + (1,))])
    assert tomllib.loads(deleted)["delaftaler"][0]["delmaal"][0]["indikatorer"] == \
        data["delaftaler"][0]["delmaal"][0]["indikatorer"][:1]
    assert len(text) - len(deleted) == len(
        "[[delaftaler.delmaal.indikatorer]]\n" + "".join(
            f'{k} = "{v}"\n' for k, v in data["delaftaler"][0]["delmaal"][0]["indikatorer"][1].items()) + "\n")
    new = {"indikator": "Andel unge i fritidsjob", "baseline": "Husum/Tingbjerg: 12 %"}
    inserted = apply(text, [Edit("insert", goal + (0,), new)])
    got = tomllib.loads(inserted)
    assert got["delaftaler"][0]["delmaal"][0]["indikatorer"][1] == new
    got["delaftaler"][0]["delmaal"][0]["indikatorer"].pop(1)
    assert got == data
    assert '[[delaftaler.delmaal.indikatorer]]\nindikator = "Andel unge i fritidsjob"\n' in inserted
