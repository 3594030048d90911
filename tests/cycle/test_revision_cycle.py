"""The revision → upload cycle on the shipped agreement, as a user lives it:
each document carries its own revision, drafts and invented parts are
marked, and the upload list says exactly what to upload."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.errors import InputError
from docgen.pipeline import build, check
from docgen.cycle.upload_record import record

from conftest import ROOT, AGREEMENT, MINIMAL, diagnostics_of
from docx_text import text as docx_text

BESKAEFTIGELSE = "03 Delaftale - Beskæftigelse.docx"
PURPOSE = "Aktiviteterne skal sikre at målgruppen får råd og vejledning"
REVISION = '''
[[revisioner]]
dato = 2025-03-12
godkendt_af = "Bydelsbestyrelsen"
aendring = "Formålet med Rådgivning og vejledning præciseret"
dokumenter = ["delaftale.beskaeftigelse"]
'''


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()
            if p.suffix in (".docx", ".xlsx")}


def with_revision(source: str, revision: str) -> str:
    """The agreement with a [[revisioner]] entry where the change log stands."""
    anchor = "\n[[parter]]"
    at = source.index(anchor)
    return source[:at] + revision + source[at:]


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "agreement.toml"
    path.write_text(AGREEMENT.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_a_delaftale_revision_changes_that_delaftale_and_nothing_else(project, tmp_path):
    out = tmp_path / "output"
    build(project, out)
    before = hashes(out)
    source = project.read_text(encoding="utf-8")
    assert source.count(PURPOSE) == 1
    changed = with_revision(source.replace(PURPOSE, PURPOSE + " og hurtigt", 1), REVISION)
    project.write_text(changed, encoding="utf-8")
    build(project, out)
    after = hashes(out)
    assert {n for n in after if after[n] != before[n]} == {BESKAEFTIGELSE}
    footer = docx_text(out / BESKAEFTIGELSE)
    assert "Revision 1, 12. marts 2025" in footer
    assert "Revision 1" not in docx_text(out / "02 Delaftale - Uddannelse og livschancer.docx")


def test_after_upload_moving_money_between_shared_lines_makes_only_the_budget_due(project, tmp_path):
    out = tmp_path / "output"
    build(project, out)
    record(project, out, dt.date(2024, 9, 20))
    unchanged = build(project, out).manifest
    assert not any(d["skal_uploades"] for d in unchanged["dokumenter"])
    source = project.read_text(encoding="utf-8")
    rent = "beloeb = { aar1 = 420000, aar2 = 420000, aar3 = 420000, aar4 = 420000 }"
    admin = "beloeb = { aar1 = 380000, aar2 = 380000, aar3 = 380000, aar4 = 380000 }"
    assert source.count(rent) == 1 and source.count(admin) == 1
    source = source.replace(rent, rent.replace("aar1 = 420000", "aar1 = 410000"))
    source = source.replace(admin, admin.replace("aar1 = 380000", "aar1 = 390000"))
    revision = REVISION.replace("Bydelsbestyrelsen", "Landsbyggefonden").replace(
        '"delaftale.beskaeftigelse"', '"budget"')
    project.write_text(with_revision(source, revision), encoding="utf-8")
    data = build(project, out).manifest
    due = {d["id"]: d["grund"] for d in data["dokumenter"] if d["skal_uploades"]}
    assert due == {"budget": "ny revision 1, godkendt af Landsbyggefonden 12. marts 2025"}
    checklist = (out / "Uploadliste.md").read_text(encoding="utf-8")
    assert "## Skal uploades nu (1)" in checklist and "## Allerede uploadet (9)" in checklist


def test_a_draft_is_marked_and_not_due(project, tmp_path):
    out = tmp_path / "output"
    project.write_text(with_revision(project.read_text(encoding="utf-8"), REVISION + "udkast = true\n"),
                       encoding="utf-8")
    data = build(project, out).manifest
    [draft] = [d for d in data["dokumenter"] if d["udkast"]]
    assert draft["id"] == "delaftale.beskaeftigelse" and not draft["skal_uploades"]
    words = docx_text(out / BESKAEFTIGELSE)
    assert "UDKAST til godkendelse i Bydelsbestyrelsen" in words  # first page
    assert words.count("odkendelse i Bydelsbestyrelsen") == 2  # the first page's mark and the footer
    assert "UDKAST" not in docx_text(out / "02 Delaftale - Uddannelse og livschancer.docx")
    assert "Udkast, der ikke skal uploades endnu (1)" in (out / "Uploadliste.md").read_text(encoding="utf-8")
    record(project, out, dt.date(2025, 3, 1))
    recorded = json.loads((project.parent / "agreement.uploadet.json").read_text(encoding="utf-8"))
    assert "delaftale.beskaeftigelse" not in recorded["dokumenter"] and len(recorded["dokumenter"]) == 9


def test_the_shipped_examples_invented_parts_are_marked_in_the_documents(built):
    from openpyxl import load_workbook

    assert "ILLUSTRATIVT EKSEMPEL" in docx_text(built / "07 Beredskabsplan - Husum-Tingbjerg.docx")
    assert "ILLUSTRATIVT EKSEMPEL" in docx_text(built / "09 Kommissorium for bestyrelsen - Husum-Tingbjerg.docx")
    assert "ILLUSTRATIVT" not in docx_text(built / "01 Strategisk samarbejdsaftale - Husum-Tingbjerg.docx")
    for name in ("06 Budget - Husum-Tingbjerg.xlsx", "08 Milepælsplan - Husum-Tingbjerg.xlsx",
                 "10 Indberetningsskema - Husum-Tingbjerg.xlsx"):
        sheet = load_workbook(built / name).worksheets[0]
        assert sheet["A3"].value.startswith("ILLUSTRATIVT EKSEMPEL"), name
        assert "Illustrativt eksempel" in sheet.oddFooter.center.text
    # and no approval the signed agreement does not have
    assert "Godkendt af" not in docx_text(built / "01 Strategisk samarbejdsaftale - Husum-Tingbjerg.docx")


def test_a_hand_edited_budget_is_kept_beside_the_new_one(project, tmp_path):
    out = tmp_path / "output"
    build(project, out)
    budget = out / "06 Budget - Husum-Tingbjerg.xlsx"
    budget.write_bytes(budget.read_bytes() + b"edited")
    result = build(project, out)
    kept = out / "06 Budget - Husum-Tingbjerg (din udgave).xlsx"
    assert kept.read_bytes().endswith(b"edited")
    assert result.kept == {budget.name: kept.name}


def test_build_into_the_project_folder_keeps_it_and_the_users_files(project):
    folder = project.parent
    (folder / "noter.md").write_text("mine noter", encoding="utf-8")
    inode = folder.stat().st_ino
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "docgen", "build", "-o", "."], cwd=folder, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert folder.stat().st_ino == inode
    assert (folder / "noter.md").read_text(encoding="utf-8") == "mine noter"
    assert project.read_text(encoding="utf-8") == AGREEMENT.read_text(encoding="utf-8")
    assert not list(folder.glob("*din udgave*"))


def test_several_agreements_with_one_broken_write_nothing(tmp_path):
    from click.testing import CliRunner

    from docgen.cli.commands import main

    good = tmp_path / "a.toml"
    good.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "b.toml"
    bad.write_text(MINIMAL.read_text(encoding="utf-8").replace('vision = "En vision."', "vision = "), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(good), str(bad), "-o", str(tmp_path / "ud")])
    assert result.exit_code == 1
    assert not (tmp_path / "ud").exists()


@pytest.mark.parametrize("revision, message", [
    (REVISION.replace('"delaftale.beskaeftigelse"', '"delaftale.beskæftigelse"'), "ukendt dokument 'delaftale.beskæftigelse'"),
    (REVISION.replace('"delaftale.beskaeftigelse"', '"budgettet"'), "Mente du 'budget'?"),
    (REVISION.replace("2025-03-12", "2024-06-01"), "før aftalen begynder (1. september 2024)"),
    (REVISION + "udkast = true\n" + REVISION.replace("2025-03-12", "2025-04-01"), "er et udkast, men en senere revision"),
    (REVISION + REVISION.replace("2025-03-12", "2025-01-01"), "før revision 1"),
])
def test_revision_errors_name_the_line(tmp_path, revision, message):
    path = tmp_path / "agreement.toml"
    path.write_text(with_revision(AGREEMENT.read_text(encoding="utf-8"), revision), encoding="utf-8")
    [d] = diagnostics_of(check, path)
    assert message in d.message and d.path.startswith("revisioner[") and d.line > 0


def test_a_delaftale_the_agreement_does_not_have_is_named(write_toml):
    source = MINIMAL.read_text(encoding="utf-8") + REVISION.replace("2025-03-12", "2025-09-12")
    [d] = diagnostics_of(check, write_toml(source))
    assert "ingen delaftale for Beskæftigelse" in d.message


def test_old_revision_entries_still_validate(write_toml):
    """An entry without 'dokumenter' (the agreement as first signed) may carry the signing date."""
    old = '\n[[revisioner]]\ndato = 2024-08-15\ngodkendt_af = "Landsbyggefonden"\naendring = "Indgået"\n'
    _, agreement = check(write_toml(MINIMAL.read_text(encoding="utf-8") + old))
    assert agreement.revisions[0].documents is None


def test_diff_suggests_the_revision_to_paste(project, tmp_path):
    from docgen.cycle import diff

    _, old = check(project)
    changed = project.read_text(encoding="utf-8").replace(PURPOSE, PURPOSE + " og hurtigt", 1)
    (tmp_path / "ny.toml").write_text(changed, encoding="utf-8")
    _, new = check(tmp_path / "ny.toml")
    report = diff.report(old, new, diff.compare(old, new), dt.date(2025, 3, 12))
    suggestion = report[report.rindex("\n[[revisioner]]"):]
    # pasting the suggestion gives a valid agreement whose revision names the delaftale
    (tmp_path / "med.toml").write_text(with_revision(changed, "\n" + suggestion), encoding="utf-8")
    _, pasted = check(tmp_path / "med.toml")
    assert pasted.revisions[-1].documents == ["delaftale.beskaeftigelse"]
    assert pasted.revisions[-1].approved_by == diff.board_name(new) and pasted.revisions[-1].draft
    again = diff.report(old, pasted, diff.compare(old, pasted), dt.date(2025, 3, 12))
    assert "nævner alle ændrede dokumenter" in again


def test_checks_are_errors_not_internal_errors(write_toml):
    with pytest.raises(InputError):
        check(write_toml(MINIMAL.read_text(encoding="utf-8").replace(
            "[aftale]", '[aftale]\nillustrativt = ["budgetet"]', 1)))


def test_the_whole_cycle_without_git(project, tmp_path):
    """Build, upload, change one activity, see exactly that change with a
    bare 'docgen diff', revise, rebuild: that delaftale alone is due."""
    from conftest import docgen

    folder = project.parent
    assert not (folder / ".git").exists()
    if shutil.which("git"):  # not inside any git repository
        assert subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True).returncode != 0

    assert docgen("build", cwd=folder).returncode == 0
    recorded = docgen("uploaded", cwd=folder)
    assert recorded.returncode == 0, recorded.stderr
    assert (folder / "agreement.uploadet.toml").read_bytes() == project.read_bytes()

    source = project.read_text(encoding="utf-8")
    project.write_text(source.replace(PURPOSE, PURPOSE + " hurtigt", 1), encoding="utf-8")
    shown = docgen("diff", cwd=folder)
    assert shown.returncode == 1, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("Sammenligner agreement.toml med agreement.uploadet.toml")
    changes = [line for line in lines if line.startswith("==") or line.startswith("  ") and "›" in line]
    assert changes == [
        "== Delaftale - Beskæftigelse (ændret) ==",
        next(line for line in lines if "{+hurtigt+}" in line),
    ]
    assert "Job & Uddannelsesvejledning for voksne › formaal" in changes[1]

    revised = project.read_text(encoding="utf-8") + REVISION.replace("2025-03-12", "2026-12-01")
    project.write_text(revised, encoding="utf-8")
    assert docgen("build", cwd=folder).returncode == 0
    data = json.loads((folder / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert [d["fil"] for d in data["dokumenter"] if d["skal_uploades"]] == [BESKAEFTIGELSE]
    page = (folder / "output" / "Uploadliste.html").read_text(encoding="utf-8")
    assert "Skal uploades nu (1)" in page and f">{BESKAEFTIGELSE}</a>" in page
    markdown = (folder / "output" / "Uploadliste.md").read_text(encoding="utf-8")
    assert "## Skal uploades nu (1)" in markdown and f"| 03 | {BESKAEFTIGELSE} |" in markdown


def test_diff_without_an_upload_says_how_to_compare_instead(project):
    from conftest import docgen

    result = docgen("diff", cwd=project.parent)
    assert result.returncode == 2 and "agreement.uploadet.toml findes ikke" in result.stderr
    assert "docgen diff GAMMEL.toml agreement.toml" in result.stderr and "Traceback" not in result.stderr


def test_uploaded_refuses_when_the_agreement_changed_since_the_build(project, tmp_path):
    from docgen.errors import DocgenError
    from docgen.cycle.upload_record import copy_path, record_path

    out = tmp_path / "output"
    build(project, out)
    project.write_text(project.read_text(encoding="utf-8") + "\n# en note\n", encoding="utf-8")
    with pytest.raises(DocgenError, match="er ændret, siden dokumenterne"):
        record(project, out, dt.date(2026, 12, 1))
    assert not record_path(project).exists() and not copy_path(project).exists()
