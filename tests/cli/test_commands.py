"""The command line as a user meets it: exit codes, messages, nothing written on error."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import AGREEMENT, MINIMAL, docgen


def test_validate_prints_the_staff_matrix():
    result = docgen("validate", str(AGREEMENT))
    assert result.returncode == 0, result.stderr
    assert "ingen fejl" in result.stdout
    projektleder = next(line for line in result.stdout.splitlines() if line.startswith("Projektleder"))
    assert projektleder.split()[1:] == ["0,25", "0,25", "0,25", "0,25", "1,00", "1,00"]
    assert "I alt (årsværk)" in result.stdout


def test_more_projektleder_in_one_area_fails_validate_naming_projektleder(tmp_path):
    text = AGREEMENT.read_text(encoding="utf-8")
    changed = text.replace('{ rolle = "projektleder", aarsvaerk = 0.25 }', '{ rolle = "projektleder", aarsvaerk = 0.5 }', 1)
    assert changed != text
    path = tmp_path / "agreement.toml"
    path.write_text(changed, encoding="utf-8")
    result = docgen("validate", str(path))
    assert result.returncode == 1
    assert "Projektleder" in result.stderr
    assert "1,25 årsværk" in result.stderr and "1 årsværk" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_of_a_broken_file_exits_1_and_writes_nothing(tmp_path):
    path = tmp_path / "agreement.toml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace('omraadenavn = "Testby"', "omraadenavn = Testby"), encoding="utf-8")
    out = tmp_path / "output"
    result = docgen("build", str(path), "-o", str(out))
    assert result.returncode == 1
    assert f"{path}, linje 8, kolonne 15" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["agreement.toml"]  # no temporary folder left behind


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    path = tmp_path / "agreement.toml"
    path.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "output"
    assert docgen("build", str(path), "-o", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(before) == 10  # 7 documents, Uploadliste.md, Uploadliste.html and manifest.json
    path.write_text(path.read_text(encoding="utf-8").replace('parter = ["hp"]', 'parter = ["ingen"]'), encoding="utf-8")
    result = docgen("build", str(path), "-o", str(out))
    assert result.returncode == 1 and "'ingen' findes ikke" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_defaults_are_agreement_toml_and_output(tmp_path):
    (tmp_path / "agreement.toml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    result = docgen("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [
        "01 Strategisk samarbejdsaftale - Testby.docx",
        "02 Delaftale - Uddannelse og livschancer.docx",
        "03 Budget - Testby.xlsx",
        "04 Beredskabsplan - Testby.docx",
        "05 Milepælsplan - Testby.xlsx",
        "06 Kommissorium for bestyrelsen - Testby.docx",
        "07 Indberetningsskema - Testby.xlsx",
        "Uploadliste.html",
        "Uploadliste.md",
        "manifest.json",
    ]


def test_missing_file_exits_1_in_danish(tmp_path):
    result = docgen("validate", str(tmp_path / "nej.toml"))
    assert result.returncode == 1 and "findes ikke" in result.stderr and "Traceback" not in result.stderr


def test_usage_errors_exit_2_in_danish():
    result = docgen("build", "--ukendt")
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["Fejl: ukendt indstilling --ukendt", "Se 'docgen build --help'."]
    result = docgen("buld")
    assert result.returncode == 2 and "ukendt kommando 'buld'. Mente du 'build'?" in result.stderr
    result = docgen("validate", "a.toml", "b.toml")
    assert result.returncode == 2 and "for mange argumenter" in result.stderr


def test_help_is_danish():
    result = docgen("--help")
    assert result.returncode == 0
    assert "Brug: docgen" in result.stdout and "Kommandoer:" in result.stdout and "Lav alle dokumenter" in result.stdout
    assert "Usage" not in result.stdout and "Show this message" not in result.stdout
    assert "Indstillinger:" in docgen("build", "--help").stdout


def test_several_agreements_build_each_into_its_own_folder(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b.toml").write_text(text.replace('omraadenavn = "Testby"', 'omraadenavn = "Nyby"'), encoding="utf-8")
    result = docgen("build", "a.toml", "b.toml", "-o", "ud", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ud" / "a" / "01 Strategisk samarbejdsaftale - Testby.docx").exists()
    assert (tmp_path / "ud" / "b" / "01 Strategisk samarbejdsaftale - Nyby.docx").exists()
    assert (tmp_path / "ud" / "b" / "manifest.json").exists()


def test_an_interrupt_a_library_swallowed_still_ends_the_stage_as_interrupted(monkeypatch):
    """pydantic-core turns a Ctrl-C inside a pattern match into "does not
    match": the stage must end as interrupted, neither with the invented
    errors nor by going on to write."""
    import pytest

    from docgen.cli import commands as cli
    from docgen.errors import Diagnostic, InputError

    def validation_that_swallowed_it():
        try:
            cli._note_interrupt(2, None)
        except KeyboardInterrupt:
            pass
        raise InputError([Diagnostic("skal være et kvartal", "agreement.toml", line=1)])

    monkeypatch.setattr(cli, "_interrupted", False)
    with pytest.raises(KeyboardInterrupt):
        cli._run(validation_that_swallowed_it)
    with pytest.raises(KeyboardInterrupt):
        cli._run(lambda: "a stage that finished after the interrupt")
    monkeypatch.setattr(cli, "_interrupted", False)
    assert cli._run(lambda: "done") == "done"


def test_validate_prints_the_budget_per_period_also_when_it_does_not_balance(tmp_path):
    from conftest import MINIMAL, docgen

    ok = docgen("validate", str(MINIMAL))
    assert ok.returncode == 0
    assert "Budget pr. periode" in ok.stdout and "Løn i alt (beregnet)" in ok.stdout
    assert "Landsbyggefondens andel (højst 75 %)" in ok.stdout
    broken = tmp_path / "agreement.toml"
    broken.write_text(MINIMAL.read_text(encoding="utf-8").replace("aar2 = 44000", "aar2 = 54000", 1), encoding="utf-8")
    result = docgen("validate", str(broken))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    difference = next(line for line in result.stdout.splitlines() if line.startswith("Forskel"))
    assert difference.split()[-5:] == ["0", "10.000", "0", "0", "10.000"]


def test_validate_imports_neither_the_word_nor_the_excel_libraries():
    import subprocess
    import sys

    from conftest import MINIMAL

    code = (
        "import sys\n"
        "from docgen.cli.commands import main\n"
        "try:\n"
        f"    main(['validate', {str(MINIMAL)!r}], prog_name='docgen')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', sorted(m for m in ('docx', 'docxtpl', 'openpyxl', 'lxml') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr


def test_a_kept_din_udgave_copy_counts_as_a_warning_in_the_done_line(tmp_path):
    from conftest import MINIMAL, docgen

    source = tmp_path / "agreement.toml"
    source.write_bytes(MINIMAL.read_bytes())
    out = tmp_path / "output"
    assert docgen("build", str(source), "-o", str(out)).returncode == 0
    budget = next(out.glob("03 Budget*.xlsx"))
    budget.write_bytes(budget.read_bytes() + b"edited in Excel")
    result = docgen("build", str(source), "-o", str(out))
    assert result.returncode == 0
    assert "(din udgave)" in result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("Færdig: dokumenterne er skrevet. 1 advarsel står ovenfor")


def test_another_agreement_never_empties_a_folder_with_husums_documents(tmp_path):
    from conftest import AGREEMENT, TWO_AREAS, docgen

    (tmp_path / "agreement.toml").write_bytes(AGREEMENT.read_bytes())
    (tmp_path / "vollsmose.toml").write_bytes(TWO_AREAS.read_bytes())
    assert docgen("build", cwd=tmp_path).returncode == 0
    out = tmp_path / "output"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sum(p.endswith((".docx", ".xlsx")) for p in before) == 10
    result = docgen("build", "vollsmose.toml", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "anden aftale, Husum-Tingbjerg" in result.stderr
    assert "-o" in result.stderr and "--erstat-anden-aftale" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    replaced = docgen("build", "vollsmose.toml", "--erstat-anden-aftale", cwd=tmp_path)
    assert replaced.returncode == 0, replaced.stderr
    assert not any("Husum" in p.name for p in out.iterdir())
