"""Bad input: a Danish message with file, line and field; never a traceback."""
import pytest

from docgen.errors import InputError
from docgen.source.load import load

from conftest import MINIMAL, diagnostics_of

BASE = MINIMAL.read_text(encoding="utf-8")


def error(write_toml, content):
    return diagnostics_of(load, write_toml(content))


def test_syntax_error_names_line_and_column(write_toml):
    text = BASE.replace('omraadenavn = "Testby"', 'omraadenavn = Testby')
    [d] = error(write_toml, text)
    assert d.line == BASE.splitlines().index('omraadenavn = "Testby"') + 1
    assert d.column == 15
    assert "TOML-syntaksfejl" in d.message and "anførselstegn" in d.message
    assert str(d).startswith(f"{d.file}, linje {d.line}, kolonne 15")


def test_unclosed_string(write_toml):
    [d] = error(write_toml, 'vision = "uden slut\n')
    assert d.line == 1 and "ikke afsluttet" in d.message


def test_duplicate_key(write_toml):
    [d] = error(write_toml, BASE.replace('vision = "En vision."', 'vision = "En vision."\nvision = "To."'))
    assert d.line == 3 and "to gange" in d.message


def test_misspelt_key_gets_a_suggestion_and_its_line(write_toml):
    text = BASE.replace("husstande = 1234", "husstand = 1234")
    diagnostics = error(write_toml, text)
    unknown = next(d for d in diagnostics if "ukendt nøgle" in d.message)
    assert "Mente du 'husstande'" in unknown.message
    assert unknown.path == "boligomraade.husstand"
    assert unknown.line == BASE.splitlines().index("husstande = 1234") + 1
    # once: not also as the right key missing
    assert len(diagnostics) == 1


def test_missing_field(write_toml):
    text = BASE.replace('navn = "Lektiecafé"\n', "")
    [d] = error(write_toml, text)
    assert d.path == "delaftaler[1].aktiviteter[1].navn"
    assert "'navn' mangler" in d.message
    assert d.line == BASE.splitlines().index("[[delaftaler.aktiviteter]]") + 1


@pytest.mark.parametrize("old, new, words", [
    ("husstande = 1234", 'husstande = "mange"', "heltal"),
    ("fra = 2024-09-01", 'fra = "1. september"', "dato"),
    ('parter = ["bo", "kommune"]', 'parter = "bo"', "liste"),
    # an unknown area id is no type error: checks.pulje refuses it (tests/test_pulje.py)
    ("aarsvaerk = 1\n", 'aarsvaerk = "en"\n', "tal"),
    ('id = "hp"', 'id = "Hel Plan"', "små bogstaver"),
])
def test_wrong_types(write_toml, old, new, words):
    assert old in BASE
    diagnostics = error(write_toml, BASE.replace(old, new, 1))
    assert any(words in d.message for d in diagnostics), diagnostics


def test_period_must_run_forward(write_toml):
    diagnostics = error(write_toml, BASE.replace("til = 2028-08-31", "til = 2023-08-31"))
    assert any("'til' skal ligge efter 'fra'" in d.message for d in diagnostics)


def test_bom_and_crlf_load(write_toml):
    data = b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8")
    _, agreement = load(write_toml(data))
    assert agreement.agreement.area_name == "Testby"
    assert agreement.vision == "En vision."


def test_not_utf8(write_toml):
    [d] = error(write_toml, BASE.encode("latin-1"))
    first_non_ascii = next(n for n, line in enumerate(BASE.splitlines(), 1) if not line.isascii())
    assert "UTF-8" in d.message and d.line == first_non_ascii


def test_binary_file(write_toml):
    [d] = error(write_toml, b"PK\x03\x04\x00\x00binary")
    assert "ikke en tekstfil" in d.message


def test_empty_file(write_toml):
    [d] = error(write_toml, "")
    assert "tom" in d.message


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        load(tmp_path / "findes-ikke.toml")
    assert "findes ikke" in info.value.diagnostics[0].message


def test_control_character_is_refused_with_its_line(write_toml):
    text = BASE.replace('vision = "En vision."', 'vision = "En \\u0007vision."')
    [d] = error(write_toml, text)
    assert d.path == "vision" and d.line == 2 and "kontroltegn" in d.message


@pytest.mark.parametrize("line, hint", [
    ("aarsvaerk = 1,0", "Brug punktum som decimaltegn"),
    ("til = 31-08-2028", "Skriv datoer som ÅÅÅÅ-MM-DD"),
    ("aarsloen = 600000 kr", "Skriv kun tallet, uden enhed"),
    ("navn = “Husum”", "Brug almindelige anførselstegn"),
    ('målgrupper = ["a"]', "Nøgler skrives uden æ, ø og å"),
    ("Husk at ringe til Lise", "sæt # foran den"),
])
def test_syntax_errors_hint_at_the_typical_slip(write_toml, line, hint):
    from docgen.source.load import load

    [d] = diagnostics_of(load, write_toml(f'vision = "x"\n[a]\n{line}\n'))
    assert d.line == 3 and hint in d.message


def test_a_key_with_a_control_character_is_shown_escaped(write_toml):
    from docgen.source.load import load

    diagnostics = diagnostics_of(load, write_toml('vision = "x"\n"a\\u001bb" = 1\n'))
    unknown = next(d for d in diagnostics if "ukendt nøgle" in d.message)
    assert "'a\\x1bb'" in unknown.message and "\x1b" not in str(unknown)


def test_printable_escapes_control_characters_only():
    from docgen.source.load import printable

    assert printable("Ayşe Yılmaz") == "Ayşe Yılmaz"
    assert printable("Ayşe\x1b[31m\u202e") == "Ayşe\\x1b[31m\\u202e"


def test_read_raw_tells_an_os_error_in_danish(tmp_path):
    from docgen.source.load import read_raw

    with pytest.raises(InputError) as info:
        read_raw(tmp_path / ("x" * 300 + ".toml"))
    assert "for langt" in str(info.value) and "File name too long" not in str(info.value)


def test_read_raw_keeps_mixed_line_ends_byte_for_byte(tmp_path):
    from docgen.source.load import read_raw

    original = "# først\r\na = 1\nb = 2\r\n".encode()
    (tmp_path / "a.toml").write_bytes(original)
    raw = read_raw(tmp_path / "a.toml")
    assert raw.stored(raw.text) == original
    assert raw.stored(raw.text.replace("a = 1", "a = 10")) == "# først\r\na = 10\nb = 2\r\n".encode()
    assert raw.stored(raw.text + "c = 3\n") == original + b"c = 3\r\n"
