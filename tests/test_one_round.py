"""One round shows everything: `docgen validate` (and build's check) lists
model errors, placeholders and what the later checks find (unknown ids,
amounts) in one run; a syntax error says that more may follow, with a hint
for the slips Notepad invites."""
from __future__ import annotations

from docgen.pipeline import check

from conftest import TWO_AREAS, diagnostics_of, docgen

SOURCE = TWO_AREAS.read_text(encoding="utf-8")
FOUR = [
    ('kvartal = "2026-K2"', 'kvartal = "2026-Q2"'),                                # a model error
    ("a2026 = 60000, a2027", "a2026 = 60.000, a2027"),                             # an amount with thousands dots
    ('navn = "Helhedsplanen Vestparken"', 'navn = "[udfyld: helhedsplanens navn]"'),  # a placeholder
    ('parter = ["hp"]', 'parter = ["hpx"]'),                                       # an unknown party id
]


def _with(replacements) -> str:
    text = SOURCE
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_validate_lists_a_model_error_an_amount_a_placeholder_and_an_unknown_id_at_once(write_toml):
    path = write_toml(_with(FOUR))
    result = docgen("validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert len(lines) == 4, result.stderr
    assert "[milepaele[2].kvartal]" in lines[3] and "2025-K4" in lines[3]
    assert "[budget.udgifter[3].beloeb.a2026]" in lines[2] and "60000" in lines[2]
    assert "[parter[3].navn]: skal udfyldes" in lines[0]
    assert "'hpx' findes ikke" in lines[1]
    assert "4 fejl fundet" in result.stderr
    # build's check says the same
    assert {str(d) for d in diagnostics_of(check, path)} == set(lines)


def test_checks_on_stand_ins_add_nothing_about_the_values_stood_in(write_toml):
    """A kvartal error alone, or a placeholder amount alone, is the one error: the stand-in the
    checks see (and the sums it would upset) gives no second one."""
    for replacement in [FOUR[0], ("a2025 = 924525", 'a2025 = "[udfyld: beløb]"'),
                        ("husstande = 900", "husstande = 1.900")]:
        found = diagnostics_of(check, write_toml(_with([replacement])))
        assert len(found) == 1, (replacement, [str(d) for d in found])


def test_a_fresh_init_file_lists_only_placeholders_and_says_nothing_else(tmp_path):
    result = docgen("init", "Vestparken", "--omraader", "beskaeftigelse,kriminalitet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    result = docgen("validate", cwd=tmp_path)
    errors = [line for line in result.stderr.splitlines() if line.startswith("agreement.toml")]
    assert errors and all(": skal udfyldes: " in line for line in errors), [
        line for line in errors if ": skal udfyldes: " not in line]


def _syntax(write_toml, old: str, new: str) -> str:
    result = docgen("validate", str(write_toml(_with([(old, new)]))))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "der kan komme flere fejl frem, når den er rettet" in result.stderr
    return result.stderr.splitlines()[0]


def test_syntax_errors_say_more_may_follow_and_hint_at_notepads_slips(write_toml):
    split = _syntax(write_toml, 'navn = "Mette Holm", telefon', 'navn = "Mette Holm",\n    telefon')
    assert "linje 19" in split and "En tabel { ... } skal stå på én linje" in split
    quote = _syntax(write_toml, 'navn = "Aastrup Kommune"', 'navn = "Aastrup Kommune')
    assert "linje 23" in quote and 'Mangler der et " sidst i teksten? Skriv navn = "Aastrup Kommune"' in quote
    comma = _syntax(write_toml, '{ rolle = "leder", aarsvaerk = 0.5 },', '{ rolle = "leder", aarsvaerk = 0,5 },')
    assert "Brug punktum som decimaltegn, fx 0.25 (ikke 0,25)" in comma
    multiline = _syntax(write_toml, 'formaal = "At unge i risiko mødes af voksne."',
                        'formaal = "At unge i risiko\nmødes af voksne."')
    assert 'Brug """ ... """ til tekst over flere linjer' in multiline and "Mangler der et" not in multiline
