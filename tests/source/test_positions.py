from docgen.source.positions import key_lines, line_of

TEXT = '''\
# comment
title = "x"
multi = """
line [[not a table]]
key = "not a key"
"""

[aftale]
navn = "a"   # trailing comment
dotted.key = 1

[[delaftaler]]
omraade = "uddannelse"
medarbejdere = [
  { rolle = "a", aarsvaerk = 0.25 },
  { rolle = "b", timer_pr_uge = 15 },
]

[[delaftaler.aktiviteter]]
navn = "første"

[[delaftaler.aktiviteter]]
navn = "anden"

[[delaftaler]]
omraade = "beskaeftigelse"

[[delaftaler.aktiviteter]]
navn = "tredje"
'''


def test_text_is_valid_toml():
    import tomllib

    tomllib.loads(TEXT)


def test_garbage_does_not_hang():
    # not valid TOML; the scanner must still end
    key_lines("a = { b = \n c }\n@@@ = [1,,\n{")


def test_top_level_and_multiline_strings():
    lines = key_lines(TEXT)
    assert lines[("title",)] == 2
    assert lines[("multi",)] == 3
    # text inside a multi-line string is not a key or a table
    assert ("key",) not in lines
    assert lines[("aftale", "navn")] == 9
    assert lines[("aftale", "dotted", "key")] == 10


def test_arrays_of_tables_are_indexed():
    lines = key_lines(TEXT)
    assert lines[("delaftaler", 0)] == 12
    assert lines[("delaftaler", 0, "aktiviteter", 1, "navn")] == 23
    assert lines[("delaftaler", 1, "omraade")] == 26
    assert lines[("delaftaler", 1, "aktiviteter", 0, "navn")] == 29


def test_inline_tables_in_arrays():
    lines = key_lines(TEXT)
    assert lines[("delaftaler", 0, "medarbejdere", 0, "aarsvaerk")] == 15
    assert lines[("delaftaler", 0, "medarbejdere", 1, "timer_pr_uge")] == 16


def test_missing_key_falls_back_to_its_table():
    lines = key_lines(TEXT)
    assert line_of(lines, ("delaftaler", 1, "aktiviteter", 0, "formaal")) == 28
    assert line_of(lines, ("nothing",)) is None


def test_crlf_and_literal_strings():
    text = "a = 'x'\r\nb = '''\r\n[x]\r\n'''\r\nc = 1\r\n"
    lines = key_lines(text.replace("\r\n", "\n"))
    assert lines[("c",)] == 5
