"""Consistency lint: each rule warns on what it is for, and is quiet on the minimal agreement."""
from __future__ import annotations

import json

import pytest

from docgen import lint
from docgen.load import load

from conftest import MINIMAL
from test_cli import docgen

BASE = MINIMAL.read_text(encoding="utf-8")
PARTIES = '''
[[parter]]
id = "a"
navn = "Mellemfolkeligt Samvirke"
kontakt = { navn = "Lise Kok", email = "lise@ms.dk", telefon = "11111111" }

[[parter]]
id = "b"
navn = "Mellempfolkeligt Samvirke"
kontakt = { navn = "Lise Kok", email = "lise@ms.dk", telefon = "22222222" }

[[parter]]
id = "c"
navn = "Københavns Politi"
kontakt = { navn = "Ole Olsen", email = "lise@ms.dk" }
'''


def findings(text: str, rule):
    return [f.message for f in rule(load_text(text))]


def load_text(text: str):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.toml"
        path.write_text(text, encoding="utf-8")
        return load(path)[1]


def test_the_minimal_agreement_is_clean():
    assert lint.run(load(MINIMAL)[1]) == []


def with_parties():
    # the three parties are used (as contingency contacts), so only the rule under test speaks
    return BASE.replace('kontakter = ["kommune"]', 'kontakter = ["kommune", "a", "b", "c"]').replace(
        '[[parter]]\nid = "hp"', PARTIES.strip() + '\n\n[[parter]]\nid = "hp"')


def test_same_email_under_two_people():
    [message] = findings(with_parties(), lint.same_email_two_people)
    assert "lise@ms.dk" in message and "Lise Kok" in message and "Ole Olsen" in message


def test_same_person_with_two_phone_numbers():
    [message] = findings(with_parties(), lint.same_person_two_contacts)
    assert "Lise Kok" in message and "22222222" in message and "11111111" in message


def test_two_parties_spelt_almost_alike():
    [message] = findings(with_parties(), lint.similar_party_names)
    assert "'Mellempfolkeligt Samvirke' ligner 'Mellemfolkeligt Samvirke'" in message


def test_a_party_never_used():
    text = BASE.replace('[[parter]]\nid = "hp"', '[[parter]]\nid = "glemt"\nnavn = "Glemt Forening"\n\n[[parter]]\nid = "hp"')
    [message] = findings(text, lint.unused_parties)
    assert "'glemt' (Glemt Forening) bruges ingen steder" in message


def test_responsible_party_not_among_the_delaftales_parties():
    text = BASE.replace('parter = ["hp"]\ntekst = "- Driver caféen"', 'parter = ["hp", "bo"]\ntekst = "- Driver caféen"')
    [message] = findings(text, lint.responsible_but_not_a_party)
    assert "Boligselskabet har ansvar i 'Lektiecafé'" in message


def test_activity_without_the_helhedsplan():
    text = BASE.replace('parter = ["hp"]\ntekst = "- Driver caféen"', 'parter = ["kommune"]\ntekst = "- Driver caféen"')
    [message] = findings(text, lint.activity_without_helhedsplan)
    assert "'Lektiecafé' har intet ansvar for helhedsplanen selv" in message


def test_sub_goal_without_source_or_baseline():
    text = BASE.replace('datakilde = "BUF data"', 'datakilde = ""').replace('baseline = "8,9%"', 'baseline = ""')
    messages = findings(text, lint.sub_goal_without_source_or_baseline)
    assert messages == ["delmålet 'Færre fravær' har ingen datakilde", "delmålet 'Færre fravær' har ingen baseline"]


@pytest.mark.parametrize("text", ["X", "xx", "[afventer data fra LBF]", "TODO: skriv"])
def test_placeholders_left_in_text(text):
    source = BASE.replace('baseline = "8,9%"', f'baseline = "{text}"')
    [message] = findings(source, lint.placeholders)
    assert "pladsholderen" in message


def test_ordinary_text_is_not_a_placeholder():
    source = BASE.replace('baseline = "8,9%"', 'baseline = "X-faktor 10"')
    assert findings(source, lint.placeholders) == []


def test_warnings_do_not_stop_a_build_but_strict_does(tmp_path):
    path = tmp_path / "agreement.toml"
    path.write_text(BASE.replace('baseline = "8,9%"', 'baseline = "xx"'), encoding="utf-8")
    result = docgen("build", cwd=tmp_path)
    assert result.returncode == 0 and "advarsel: teksten indeholder pladsholderen 'xx'" in result.stderr
    strict = docgen("build", "--strict", "-o", "streng", cwd=tmp_path)
    assert strict.returncode == 1 and "pladsholderen 'xx'" in strict.stderr
    assert not (tmp_path / "streng").exists()


def test_validate_format_json(tmp_path):
    path = tmp_path / "agreement.toml"
    path.write_text(BASE.replace('baseline = "8,9%"', 'baseline = "xx"').replace("husstande = 1234", "husstande = -1"),
                    encoding="utf-8")
    result = docgen("validate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False and data["error_count"] == 1
    [diagnostic] = data["diagnostics"]
    assert diagnostic["severity"] == "error" and diagnostic["path"] == "boligomraade.husstande"
    assert diagnostic["line"] == BASE.splitlines().index("husstande = 1234") + 1
    path.write_text(BASE.replace('baseline = "8,9%"', 'baseline = "xx"'), encoding="utf-8")
    warn = json.loads(docgen("validate", "--format", "json", cwd=tmp_path).stdout)
    assert warn["valid"] is True and warn["warning_count"] == 1 and warn["diagnostics"][0]["severity"] == "warning"


def test_a_contingency_contact_without_a_phone_number():
    text = MINIMAL.read_text(encoding="utf-8").replace('kontakter = ["kommune"]', 'kontakter = ["kommune", "bo"]')
    [message] = findings(text, lint.contingency_contact_without_phone)
    assert message.startswith("Boligselskabet står på beredskabsplanens kontaktliste, men har intet telefonnummer")
    # the party's own number is enough
    own = text.replace('navn = "Boligselskabet"\n', 'navn = "Boligselskabet"\ntelefon = "70 70 70 70"\n')
    assert findings(own, lint.contingency_contact_without_phone) == []


def test_the_shipped_contingency_plan_lacks_two_numbers(shipped):
    names = [f.message.split(" står på")[0] for f in lint.contingency_contact_without_phone(shipped)]
    assert names == [shipped.party_index["helhedsplanen"].name, shipped.party_index["ejendomskontorer"].name]
