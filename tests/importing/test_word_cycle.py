"""The ordinary cycle around a partner's Word edit, with every edit made
inside LibreOffice (tests/office.py): the file changes while the document
is away (three versions, as a merge), the plan is renamed, the file is
saved while import asks, a line break typed with Shift+Enter."""
from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

import office
from conftest import AGREEMENT, docgen

from docgen.pipeline import build

DELAFTALE = "02 Delaftale - Uddannelse og livschancer.docx"
STRATEGIC = "01 Strategisk samarbejdsaftale - Husum-Tingbjerg.docx"
PURPOSE = "mindske skolefravær, styrke skole-hjem"


NEW_ROW = ["Mål 4\nFærre 15-29 årige bliver tilknyttet forløb i jobcentret", "Andel unge i fritidsjob",
           "2023\nHusum/Tingbjerg: 12%", "2023\nKK: 20%", "BIF data"]


def indicator_rows(path: Path) -> list[list[str]]:
    """The delmål table's rows as built (read, not edited, with python-docx)."""
    from docx import Document

    table = next(t for t in Document(path).tables if "Datakilde" in t.rows[0].cells[-1].text)
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def row_sequences(path: Path, count: int = 6):
    """Seeded random sequences of rows added, deleted and moved in the delmål
    table, each with the rows the table has afterwards."""
    import random

    built_rows = indicator_rows(path)
    out = []
    for seed in range(count):
        rng = random.Random(seed)
        rows = [list(r) for r in built_rows]
        ops = []
        for n in range(rng.randint(1, 3)):
            kind = rng.choice(["add", "delete", "move"])
            goal_of = lambda r: r[0]  # noqa: E731 - the goal cell
            shared = [r for r in rows if sum(goal_of(o) == goal_of(r) for o in rows) > 1]
            if kind == "add" or not shared:
                after = rng.choice(rows)
                new = list(after)
                period = after[2].split("\n")[0]
                new[1] = f"Ny indikator {seed}.{n}"
                new[2] = f"{period}\nHusum/Tingbjerg: {seed}{n},5%"
                new[3] = f"{period}\nKK: {n}{seed},25%"
                ops.append({"op": "insert_row", "table_with": "Datakilde", "after": after[2], "cells": new})
                rows.insert(rows.index(after) + 1, new)
            elif kind == "delete":
                gone = rng.choice(shared)
                ops.append({"op": "delete_row", "table_with": "Datakilde", "row_with": gone[2]})
                rows.remove(gone)
            else:  # a row cut and pasted at the other end of its goal's rows
                moved = rng.choice(shared)
                was_first = next(r for r in rows if goal_of(r) == goal_of(moved)) is moved
                rows.remove(moved)
                mine = [i for i, r in enumerate(rows) if goal_of(r) == goal_of(moved)]
                at = mine[-1] + 1 if was_first else mine[0]
                ops.append({"op": "delete_row", "table_with": "Datakilde", "row_with": moved[2]})
                ops.append({"op": "insert_row", "table_with": "Datakilde", "index": at + 1, "cells": moved})
                rows.insert(at, moved)
        out.append((seed, (ops, rows)))
    return out


# the ways a person types, each in its own field of the delaftale
TYPING = [
    {"op": "paragraph_break_at", "find": "gode rammer for læring og trivsel."},         # a paragraph split (formål)
    {"op": "join_next", "find": "der initieres af Ny Start og den boligsociale helhedsplan.",
     "with": " "},                                                                      # two joined (indhold)
    {"op": "append_paragraph", "after": "Udbreder de gode fortællinger om skolerne",
     "text": "Holder forældremøder på skolerne"},                                       # a bullet added (ansvar)
    {"op": "format", "find": "særlige praktikforløb", "bold": True},                    # bold (indhold)
    {"op": "format", "find": "Din Fritid festivalen", "italic": True},                  # italic (indhold)
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """One build of the example, and the partners' documents edited in one LibreOffice."""
    office.require()
    root = tmp_path_factory.mktemp("cycle")
    plan = root / "plan"
    plan.mkdir()
    shutil.copyfile(AGREEMENT, plan / "agreement.toml")
    build(plan / "agreement.toml", plan / "output")
    out, edits = plan / "output", root / "edits"
    edits.mkdir()
    office.edit_many([
        (out / DELAFTALE, edits / "ord.docx", [{"op": "replace", "find": "styrke skole-hjem", "with": "forbedre skole-hjem"}]),
        (out / DELAFTALE, edits / "linjeskift.docx", [{"op": "line_break_at", "find": "mindske skolefravær,"}]),
        (out / DELAFTALE, edits / "skrivemaader.docx", TYPING),
        (out / DELAFTALE, edits / "aarsvaerk.docx", [{"op": "replace", "find": "Projektleder: 0,25",
                                                       "with": "Projektleder: 0,50"}]),
        (out / DELAFTALE, edits / "ny_indikator.docx", [{"op": "insert_row", "table_with": "Datakilde",
                                                          "after": "KK: 9,05%", "cells": NEW_ROW}]),
        (out / DELAFTALE, edits / "slettet_indikator.docx", [{"op": "delete_row", "table_with": "Datakilde",
                                                               "row_with": "47,25%"}]),
        (out / DELAFTALE, edits / "ny_part.docx", [{"op": "insert_row", "table_with": "Delaftalens parter:",
                                                     "after": "BUF - Korsager Skole",
                                                     "cells": ["Husum Bibliotek\nKontaktperson: Anne Andersen"]}]),
        *[(out / DELAFTALE, edits / f"raekker_{seed}.docx", ops) for seed, (ops, _) in row_sequences(out / DELAFTALE)],
        (out / STRATEGIC, edits / "omdoebt.docx", [{"op": "set_cell", "table_with": "Områdets navn:",
                                                     "row_with": "Områdets navn:", "column": 2,
                                                     "value": "Husum og Tingbjerg"}]),
    ])
    return root


@pytest.fixture()
def plan(built, tmp_path) -> Path:
    """A fresh copy of the built plan (agreement.toml and output) for one test."""
    shutil.copytree(built / "plan", tmp_path / "plan")
    return tmp_path / "plan"


def edited(built: Path, name: str) -> Path:
    return built / "edits" / name


NEW_ACTIVITY = '''[[delaftaler.aktiviteter]]
id = "laeseklub"
navn = "Læseklub i biblioteket"
formaal = """
At flere børn læser hver dag.
"""
maalgrupper = ["Børn 6-12 år"]
indhold = """
Læseklub hver onsdag i biblioteket.
"""

[[delaftaler.aktiviteter.ansvar]]
parter = ["helhedsplanen"]
tekst = """
- Holder læseklubben
"""

'''
BESKAEFTIGELSE = "# ---------------------------------------------------------------------------\n# Delaftale for indsatsområdet Beskæftigelse"


def add_group_and_activity(fil: Path) -> str:
    """The user's own edits of agreement.toml while the partner has the
    document: a target group in the first activity, a whole activity last."""
    text = fil.read_text(encoding="utf-8")
    assert text.count('  "Forældre til børn på skolerne",\n') == 1 and text.count(BESKAEFTIGELSE) == 1
    text = text.replace('  "Forældre til børn på skolerne",\n',
                        '  "Forældre til børn på skolerne",\n  "Forældre i området",\n')
    text = text.replace(BESKAEFTIGELSE, NEW_ACTIVITY + BESKAEFTIGELSE)
    fil.write_text(text, encoding="utf-8")
    return text


def test_an_older_document_takes_the_partners_edit_and_keeps_what_the_file_gained(built, plan):
    fil = plan / "agreement.toml"
    text = add_group_and_activity(fil)
    result = docgen("import", str(edited(built, "ord.docx")), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Skrev 1 ændring" in result.stdout, result.stdout
    # named as a person finds it, the field's path after
    assert "aktiviteten »Skolesamarbejde« › Formål (delaftaler[1].aktiviteter[1].formaal): " in result.stdout
    assert "fjernet" not in result.stdout and "KONFLIKT" not in result.stdout
    assert "agreement.toml har fået" in result.stdout
    after = fil.read_text(encoding="utf-8")
    assert after == text.replace("styrke skole-hjem", "forbedre skole-hjem", 1)  # that word and nothing else
    assert NEW_ACTIVITY in after and '"Forældre i området"' in after


def test_an_activity_added_above_the_edited_one_moves_it_and_the_edit_still_lands_in_it(built, plan):
    fil = plan / "agreement.toml"
    first = "# --- Aktivitet 1: Skolesamarbejde"
    text = fil.read_text(encoding="utf-8")
    assert text.count(first) == 1
    text = text.replace(first, NEW_ACTIVITY + first)
    fil.write_text(text, encoding="utf-8")
    result = docgen("import", str(edited(built, "ord.docx")), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KONFLIKT" not in result.stdout and "Ikke taget" not in result.stdout, result.stdout
    assert "aktiviteten »Skolesamarbejde« › Formål (delaftaler[1].aktiviteter[2].formaal)" in result.stdout
    assert fil.read_text(encoding="utf-8") == text.replace("styrke skole-hjem", "forbedre skole-hjem", 1)


def test_a_list_element_the_file_lost_since_the_build_is_not_restored(built, plan):
    fil = plan / "agreement.toml"
    text = fil.read_text(encoding="utf-8").replace('  "Forældre til børn på skolerne",\n', "", 1)
    fil.write_text(text, encoding="utf-8")
    result = docgen("import", str(edited(built, "ord.docx")), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert fil.read_text(encoding="utf-8") == text.replace("styrke skole-hjem", "forbedre skole-hjem", 1)


def test_an_activity_the_file_lost_since_the_build_is_not_restored_nor_refused_paragraph_by_paragraph(built, plan):
    fil = plan / "agreement.toml"
    lines = fil.read_text(encoding="utf-8").split("\n")
    start = [n for n, line in enumerate(lines) if line == "[[delaftaler.aktiviteter]]"][2]
    assert lines[start + 2] == 'navn = "Forældrevejledning og -kurser"'
    end = lines.index(BESKAEFTIGELSE.split("\n")[0], start)
    text = "\n".join(lines[:start] + lines[end:])
    fil.write_text(text, encoding="utf-8")
    result = docgen("import", str(edited(built, "ord.docx")), "--ja", cwd=plan)
    assert "Skrev 1 ændring" in result.stdout, result.stdout
    assert "Ikke taget" not in result.stdout and "slettet i agreement.toml" in result.stdout, result.stdout
    assert fil.read_text(encoding="utf-8") == text.replace("styrke skole-hjem", "forbedre skole-hjem", 1)


def test_a_field_changed_in_the_file_and_in_the_document_is_a_conflict_exit_1(built, plan):
    fil = plan / "agreement.toml"
    text = fil.read_text(encoding="utf-8").replace("styrke skole-hjem", "udvikle skole-hjem", 1)
    fil.write_text(text, encoding="utf-8")
    result = docgen("import", str(edited(built, "ord.docx")), "--ja", cwd=plan)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "KONFLIKT" in result.stdout and "[-udvikle-] {+forbedre+}" in result.stdout
    assert "Traceback" not in result.stderr
    assert fil.read_text(encoding="utf-8") == text


def test_a_renamed_plan_keeps_its_documents(built, plan, tmp_path):
    """The plan renamed through the strategic agreement and imported; then
    a delaftale edited from the same earlier build imports its edit."""
    fil = plan / "agreement.toml"
    renamed = docgen("import", str(edited(built, "omdoebt.docx")), "--ja", cwd=plan)
    assert renamed.returncode == 0, renamed.stdout + renamed.stderr
    assert 'omraadenavn = "Husum og Tingbjerg"' in fil.read_text(encoding="utf-8")
    result = docgen("import", str(edited(built, "ord.docx")), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    after = fil.read_text(encoding="utf-8")
    assert "forbedre skole-hjem" in after and 'omraadenavn = "Husum og Tingbjerg"' in after


def test_a_document_from_before_the_identity_was_recorded_still_imports_after_a_rename(built, plan, tmp_path):
    """Old documents carry only the agreement's name: most of their recorded
    fields still matching is what says they are this agreement's."""
    from docgen.documents import provenance

    old = tmp_path / "gammel.docx"
    _without_identity(edited(built, "ord.docx"), old)
    assert "kendetegn" not in _provenance_of(old)
    assert docgen("import", str(edited(built, "omdoebt.docx")), "--ja", cwd=plan).returncode == 0
    result = docgen("import", str(old), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "forbedre skole-hjem" in (plan / "agreement.toml").read_text(encoding="utf-8")
    assert provenance.VERSION == 1


def _provenance_of(path: Path) -> dict:
    from docgen.documents.provenance import decode

    xml = zipfile.ZipFile(path).read("docProps/custom.xml").decode("utf-8")
    return decode(re.search(r'name="docgen".*?<vt:lpwstr>([^<]*)<', xml, re.S).group(1))


def _without_identity(source: Path, target: Path) -> None:
    """The document as docgen wrote it before the identity was recorded."""
    from docgen.documents.provenance import encode

    data = _provenance_of(source)
    old = encode(data["aftale"], data["dokument"], data["felter"])
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "docProps/custom.xml":
                content = re.sub(r'(name="docgen".*?<vt:lpwstr>)[^<]*(<)', lambda m: m.group(1) + old + m.group(2),
                                 content.decode("utf-8"), flags=re.S).encode("utf-8")
            zout.writestr(item, content)


def test_a_shift_enter_line_break_survives_import_build_import(built, plan):
    fil = plan / "agreement.toml"
    result = docgen("import", str(edited(built, "linjeskift.docx")), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    purpose = tomllib.loads(fil.read_text(encoding="utf-8"))["delaftaler"][0]["aktiviteter"][0]["formaal"]
    assert "mindske skolefravær,\\\nstyrke skole-hjem" in purpose  # Markdown's hard break: a backslash at the line's end
    build(fil, plan / "output")
    xml = zipfile.ZipFile(plan / "output" / DELAFTALE).read("word/document.xml").decode("utf-8")
    paragraph = next(p for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S) if "mindske skolefravær," in p)
    assert re.search(r"mindske skolefravær,</w:t></w:r><w:r><w:br/></w:r>", paragraph), paragraph[:2000]
    again = docgen("import", str(plan / "output" / DELAFTALE), cwd=plan)
    assert again.returncode == 0 and "Ingen ændringer at skrive" in again.stdout, again.stdout


def test_agreement_toml_saved_while_import_asks_is_never_overwritten(built, plan):
    """A real process at a terminal (a pty): while it waits at [j/N] an
    editor saves agreement.toml; the answer j writes nothing and says why."""
    fil = plan / "agreement.toml"
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "docgen", "import", str(edited(built, "ord.docx"))],
                               cwd=plan, stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(slave)
    shown = b""
    deadline = time.monotonic() + 120
    while b"[j/N]" not in shown and time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([process.stdout], [], [], 1)
        if ready:
            shown += os.read(process.stdout.fileno(), 65536)
    assert b"[j/N]" in shown, shown.decode("utf-8", "replace")
    saved = fil.read_text(encoding="utf-8").replace('  "Forældre til børn på skolerne",\n',
                                                     '  "Forældre i området",\n  "Forældre til børn på skolerne",\n')
    fil.write_text(saved, encoding="utf-8")
    os.write(master, b"j\n")
    out, err = process.communicate(timeout=120)
    os.close(master)
    assert process.returncode == 1, (shown + out).decode() + err.decode()
    assert "er ændret, siden docgen læste den" in err.decode("utf-8") and "Intet er" in err.decode("utf-8")
    assert "Traceback" not in err.decode("utf-8")
    assert fil.read_text(encoding="utf-8") == saved


def test_every_way_a_person_types_survives_import_build_import(built, plan):
    """A paragraph split and two joined, a bullet added, bold and italic
    added: import, build, and the built document shows each; importing it
    again finds no change."""
    fil = plan / "agreement.toml"
    result = docgen("import", str(edited(built, "skrivemaader.docx")), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ikke taget" not in result.stdout, result.stdout
    first = tomllib.loads(fil.read_text(encoding="utf-8"))["delaftaler"][0]["aktiviteter"]
    assert "gode rammer for læring og trivsel.\n\nFormålet er således" in first[0]["formaal"]
    assert "boligsociale helhedsplan. Indsatsen sigter mod" in first[1]["indhold"]
    assert "- Udbreder de gode fortællinger om skolerne\n- Holder forældremøder på skolerne" in \
        first[0]["ansvar"][0]["tekst"]
    assert "**særlige praktikforløb**" in first[0]["indhold"] and "*Din Fritid festivalen*" in first[0]["indhold"]
    build(fil, plan / "output")
    xml = zipfile.ZipFile(plan / "output" / DELAFTALE).read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    texts = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paragraphs]
    assert any(t.startswith("Formålet er således") for t in texts)
    assert any("boligsociale helhedsplan. Indsatsen sigter mod" in t for t in texts)
    bullet = paragraphs[texts.index("Holder forældremøder på skolerne")]
    assert 'w:val="ListBullet"' in bullet
    assert re.search(r"<w:b/>.*?særlige praktikforløb", xml) and re.search(r"<w:i/>.*?Din Fritid festivalen", xml)
    again = docgen("import", str(plan / "output" / DELAFTALE), cwd=plan)
    assert again.returncode == 0 and "Ingen ændringer at skrive" in again.stdout, again.stdout


def test_before_writing_the_report_says_what_validation_would_say_of_the_result(built, plan):
    fil = plan / "agreement.toml"
    before = fil.read_bytes()
    asked = docgen("import", str(edited(built, "aarsvaerk.docx")), cwd=plan)
    assert asked.returncode == 0, asked.stdout + asked.stderr
    assert fil.read_bytes() == before
    report = asked.stdout.split("kan skrives i", 1)[1]
    assert "holder agreement.toml ikke længere" in report and "Projektleder" in report, asked.stdout
    assert report.index("Projektleder") < report.index("Intet er skrevet")
    written = docgen("import", str(edited(built, "aarsvaerk.docx")), "--ja", cwd=plan)
    assert written.returncode == 0 and fil.read_bytes() != before
    assert "Projektleder" in written.stdout.split("kan skrives i", 1)[1] and "holder ikke længere" in written.stderr


def _indicators(data: dict) -> list[list[dict]]:
    return [goal.get("indikatorer", []) for goal in data["delaftaler"][0]["delmaal"]]


def test_a_row_added_to_the_delmaal_table_is_a_new_indicator_and_a_deleted_one_is_removed(built, plan):
    fil = plan / "agreement.toml"
    before = tomllib.loads(fil.read_text(encoding="utf-8"))
    added = docgen("import", str(edited(built, "ny_indikator.docx")), "--ja", cwd=plan)
    assert added.returncode == 0, added.stdout + added.stderr
    assert "ny række tilføjet" in added.stdout and "Andel unge i fritidsjob" in added.stdout, added.stdout
    deleted = docgen("import", str(edited(built, "slettet_indikator.docx")), "--ja", cwd=plan)
    assert deleted.returncode == 0, deleted.stdout + deleted.stderr
    assert "fjernet: Talesprog" in deleted.stdout and "Ikke taget" not in deleted.stdout, deleted.stdout
    after = tomllib.loads(fil.read_text(encoding="utf-8"))
    expected = _indicators(before)
    expected[3].append({"indikator": "Andel unge i fritidsjob", "baseline": "Husum/Tingbjerg: 12%",
                        "anden_baseline": "KK: 20%"})
    del expected[0][1]
    assert _indicators(after) == expected
    for data in (before, after):
        for goal in data["delaftaler"][0]["delmaal"]:
            goal.pop("indikatorer", None)
    assert after == before  # no other field


def test_a_row_added_to_the_parties_table_is_reported_with_its_text_not_dropped(built, plan):
    fil = plan / "agreement.toml"
    before = fil.read_bytes()
    result = docgen("import", str(edited(built, "ny_part.docx")), "--ja", cwd=plan)
    assert "Husum Bibliotek" in result.stdout and "[[parter]]" in result.stdout, result.stdout
    assert "(tomt afsnit)" not in result.stdout and "docgens egen" not in result.stdout
    assert fil.read_bytes() == before


def test_rows_added_deleted_and_moved_in_the_delmaal_table_change_exactly_those_indicators(built, plan):
    """Property test over structural edits of a Word table, made in
    LibreOffice: the import writes exactly the rows each sequence added,
    deleted and moved, or refuses and writes nothing; never another field."""
    fil = plan / "agreement.toml"
    original = fil.read_bytes()
    before = tomllib.loads(original.decode("utf-8"))
    for seed, (ops, rows) in row_sequences(plan / "output" / DELAFTALE):
        fil.write_bytes(original)
        result = docgen("import", str(edited(built, f"raekker_{seed}.docx")), "--ja", cwd=plan)
        assert "Traceback" not in result.stderr
        if fil.read_bytes() == original:
            assert result.returncode == 1 or "Ikke taget" in result.stdout, (seed, ops, result.stdout)
            continue
        after = tomllib.loads(fil.read_text(encoding="utf-8"))
        goals = [goal["maal"] for goal in before["delaftaler"][0]["delmaal"]]
        expected = [[] for _ in goals]
        for row in rows:
            goal = next(n for n, maal in enumerate(goals) if maal in row[0])
            expected[goal].append({"indikator": row[1], "baseline": row[2].split("\n", 1)[1],
                                   "anden_baseline": row[3].split("\n", 1)[1]})
        assert _indicators(after) == expected, (seed, ops, result.stdout)
        rest_before, rest_after = tomllib.loads(original.decode("utf-8")), after
        for data in (rest_before, rest_after):
            for goal in data["delaftaler"][0]["delmaal"]:
                goal.pop("indikatorer", None)
        assert rest_after == rest_before, (seed, ops)
