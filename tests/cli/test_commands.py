"""The command line as a user meets it: exit codes, messages, nothing written on error."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("faulty", [False, True])
def test_validate_imports_neither_the_word_nor_the_excel_libraries(tmp_path, faulty):
    """Also on a file with errors, where the checks run on stand-ins for the faulty values."""
    import subprocess
    import sys

    from conftest import MINIMAL

    path = MINIMAL
    if faulty:
        path = tmp_path / "fejl.toml"
        path.write_text(MINIMAL.read_text(encoding="utf-8").replace(
            "husstande = ", 'husstande = "[udfyld: antal husstande]"\nx_husstande = ', 1), encoding="utf-8")
    code = (
        "import sys\n"
        "from docgen.cli.commands import main\n"
        "try:\n"
        f"    main(['validate', {str(path)!r}], prog_name='docgen')\n"
        "except SystemExit as exit:\n"
        "    print('STATUS', exit.code)\n"
        "print('LOADED', sorted(m for m in ('docx', 'docxtpl', 'openpyxl', 'lxml') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
    assert ("STATUS 1" in result.stdout) == faulty and ("skal udfyldes" in result.stderr) == faulty


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


def test_folders_of_several_agreements_are_valid_and_distinct_everywhere(tmp_path):
    """CON is a device on Windows, 'nord.' and 'syd ' lose their last
    character there, and Windows and macOS see no difference between
    'Aftale' and 'aftale'."""
    text = MINIMAL.read_text(encoding="utf-8")
    for name in ("CON.toml", "nord..toml", "syd .toml", "a/Aftale.toml", "b/aftale.toml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = docgen("build", "CON.toml", "nord..toml", "syd .toml", "a/Aftale.toml", "b/aftale.toml", "-o", "ud",
                    cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "ud").iterdir()) == ["Aftale", "CON_", "aftale (2)", "nord", "syd"]
    assert "ud/aftale (2)" in result.stdout


def test_the_same_file_twice_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    result = docgen("build", "a.toml", "./a.toml", "-o", "ud", cwd=tmp_path)
    assert result.returncode == 2 and "den samme fil er nævnt to gange" in result.stderr
    assert not (tmp_path / "ud").exists()


# --- Ctrl-C at any moment -----------------------------------------------------

INTERRUPT_WHILE_IMPORTING = """
import os, signal, sys

class Interrupt:
    '''Ctrl-C the moment {module} starts to be imported.'''
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["docgen", "validate", {agreement!r}]
{entry}
"""


@pytest.mark.parametrize("entry", ["from docgen.cli import run; run()", "import runpy; runpy.run_module('docgen', run_name='__main__')"],
                         ids=["console-script", "python-m"])
@pytest.mark.parametrize("module", ["click", "docgen.cli.commands", "pydantic", "docgen.model.agreement", "docgen.checks"])
def test_ctrl_c_while_docgen_imports_is_afbrudt_and_exit_1(entry, module):
    """A Ctrl-C in the first ~50 ms, while the libraries are imported: the
    console script (docgen.cli:run) and python -m docgen both say
    'Afbrudt.' and exit 1, with no traceback."""
    code = INTERRUPT_WHILE_IMPORTING.format(module=module, agreement=str(AGREEMENT), entry=entry)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1 and result.stderr.strip().splitlines()[-1] == "Afbrudt.", result.stderr
    assert result.stdout == ""


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_at_any_moment_is_afbrudt_or_done():
    """SIGINT at 60 moments from 0 to ~200 ms after start.  Once docgen's
    entry point runs, every run ends with 'Afbrudt.' and exit 1 (or has
    finished: exit 0).  Before that the interpreter itself is starting
    (site, the standard streams): no docgen code exists yet to answer, so
    such a run may only have been killed by the signal, never shown a
    traceback from docgen."""
    import docgen

    package = str(Path(docgen.__file__).parent)
    outcomes = []
    for n in range(60):
        process = subprocess.Popen([sys.executable, "-m", "docgen", "validate", str(AGREEMENT)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(n * 0.0035)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
        assert f'File "{package}' not in err, err  # no traceback through docgen's code
        if process.returncode == 0:
            assert "ingen fejl fundet" in out
        elif "Afbrudt." in err:
            assert process.returncode == 1 and "Traceback" not in err, err
        else:  # the interpreter had not reached docgen yet
            assert process.returncode in (1, -signal.SIGINT), err
        outcomes.append(process.returncode)
    assert outcomes.count(1) >= 20, outcomes  # most moments fall in docgen's own time


def test_an_interrupt_python_turned_into_another_error_is_still_afbrudt():
    """Python reports a Ctrl-C that lands while a class is made (a library
    being imported inside a command) as "RuntimeError: Error calling
    __set_name__"; found by the sweep above once in a few hundred runs."""
    code = """
from docgen.cli import commands

def main(prog_name):
    try:
        commands._note_interrupt(2, None)
    except KeyboardInterrupt as exc:
        raise RuntimeError("Error calling __set_name__ on 'cached_property'") from exc

commands.main = main
commands.run()
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr == "Afbrudt.\n", result.stderr
