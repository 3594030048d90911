"""Consistency lint: each rule warns on what it is for, and is quiet on the minimal agreement."""
from __future__ import annotations

import json

import pytest

from docgen.checks import lint
from docgen.source.load import load

from conftest import MINIMAL
from conftest import docgen

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


# --- many parties (issue 13): linear work, a bounded number of warnings ----------

WORDS = ["Aalborg", "Brønshøj", "Cykelklub", "Dansk", "Esbjerg", "Forening", "Gellerup", "Hjerting", "Idræt",
         "Jyllinge", "Kultur", "Lokal", "Musik", "Nørre", "Odense", "Politi", "Roskilde", "Skole", "Tårnby", "Ungdom"]


def _many_parties(count: int, extra: str = "") -> str:
    # distinct names that are not alike: three words each from WORDS, and a number
    names = [f"{WORDS[n % 20]} {WORDS[n // 20 % 20]} {WORDS[n // 400 % 20]} {n * 7919 % 100003}"
             for n in range(count)]
    parties = "".join(f'\n[[parter]]\nid = "p{n}"\nnavn = "{name}"\n' for n, name in enumerate(names))
    return BASE.replace('[[parter]]\nid = "hp"', parties.strip() + extra + '\n\n[[parter]]\nid = "hp"')


def test_a_misspelt_party_is_found_among_many():
    # above EXACT_LIMIT only neighbours are compared: a slip is still found
    text = _many_parties(lint.EXACT_LIMIT + 100, '\n\n[[parter]]\nid = "typo"\nnavn = "Mellempfolkeligt Samvirke"'
                         '\n\n[[parter]]\nid = "right"\nnavn = "Mellemfolkeligt Samvirke"')
    messages = findings(text, lint.similar_party_names)
    assert messages == ["'Mellemfolkeligt Samvirke' ligner 'Mellempfolkeligt Samvirke' (parten 'typo'). "
                        "Er det den samme part stavet på to måder?"]


def test_ten_thousand_alike_parties_give_a_bounded_number_of_warnings(tmp_path):
    parties = "".join(f'\n[[parter]]\nid = "p{n}"\nnavn = "Forening nummer {n}"\n' for n in range(10_000))
    path = tmp_path / "agreement.toml"
    path.write_text(BASE.replace('[[parter]]\nid = "hp"', parties.strip() + '\n\n[[parter]]\nid = "hp"'),
                    encoding="utf-8")
    result = docgen("validate", str(path))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "advarsel:" in line]
    alike = [w for w in warnings if " ligner " in w and "…" not in w]
    unused = [w for w in warnings if "bruges ingen steder" in w]
    assert len(alike) == lint.MAX_PER_KIND and len(unused) == lint.MAX_PER_KIND
    assert any("… og flere navne, der ligner hinanden" in w for w in warnings)
    assert any("… og 9.980 flere advarsler af samme slags" in w for w in warnings)
    assert len(warnings) <= 2 * (lint.MAX_PER_KIND + 1) + 5


def test_bounded_keeps_a_short_list_whole():
    from docgen.checks.finding import Finding

    short = [Finding(("parter", n), str(n)) for n in range(lint.MAX_PER_KIND + 1)]
    assert lint.bounded(short) == short
    long = short + [Finding(("parter", 99), "x")]
    assert [f.message for f in lint.bounded(long)][-1].startswith("… og 2 flere")
    assert len(lint.bounded(long)) == lint.MAX_PER_KIND + 1
