"""`docgen uploaded`: one run records at a time, the record is written
whole or not at all, and every failure is Danish."""
from __future__ import annotations

import errno
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from docgen.cli.commands import main
from docgen.source import files

from conftest import MINIMAL, docgen


@pytest.fixture
def built(tmp_path):
    path = tmp_path / "agreement.toml"
    path.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    assert docgen("build", str(path), "-o", str(tmp_path / "output")).returncode == 0
    return path


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_two_runs_at_once_thirty_times_each_records_or_says_another_is_recording(built):
    folder = built.parent
    command = [sys.executable, "-m", "docgen", "uploaded", str(built), "-o", str(folder / "output")]
    recorded = 0
    for _ in range(30):
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for run in runs:
            out, err = run.communicate(timeout=120)
            assert "Traceback" not in err and "No such file" not in err, err
            if run.returncode == 0:
                # the first recording lists them all; again, the same documents are unchanged
                assert "Registrerede 7 dokumenter" in out or "0 dokumenter nye siden sidste upload; 7 uændrede" in out
                recorded += 1
            else:
                assert run.returncode == 1 and "en anden kørsel registrerer uploads lige nu" in err, err
        assert leftovers(folder) == [], "a temporary or lock file was left behind"
        record = json.loads((folder / "agreement.uploadet.json").read_text(encoding="utf-8"))
        assert len(record["dokumenter"]) == 7
    assert recorded >= 30


def test_a_full_disk_leaves_the_old_record_and_no_temporary_file(built, monkeypatch):
    folder = built.parent
    runner = CliRunner()
    assert runner.invoke(main, ["uploaded", str(built), "-o", str(folder / "output")]).exit_code == 0
    record = folder / "agreement.uploadet.json"
    before = record.read_bytes()

    def full(fd, data):
        import os

        os.write(fd, bytes(data[:10]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_write_all", full)
    result = runner.invoke(main, ["uploaded", str(built), "-o", str(folder / "output")])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "disken er fuld" in result.stderr and "No space" not in result.stderr, result.stderr
    assert record.read_bytes() == before
    assert leftovers(folder) == []


@pytest.mark.parametrize("code, words", [(errno.EROFS, "drevet kan kun læses"), (errno.EACCES, "du har ikke adgang"),
                                         (errno.ENAMETOOLONG, "for langt")])
def test_os_errors_are_danish(built, monkeypatch, code, words):
    def refuse(*args, **kwargs):
        raise OSError(code, "English words")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    folder = built.parent
    result = CliRunner().invoke(main, ["uploaded", str(built), "-o", str(folder / "output")])
    assert result.exit_code == 1 and words in result.stderr and "English" not in result.stderr, result.stderr
    assert leftovers(folder) == []


def test_uploaded_refreshes_the_list_at_once_and_says_what_is_new(tmp_path):
    """After a revision of one delaftale: `docgen uploaded` says 1 document is new and 7 unchanged, and the
    upload lists in the folder say at once that nothing is left to upload."""
    from conftest import TWO_AREAS

    path = tmp_path / "agreement.toml"
    path.write_text(TWO_AREAS.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "output"
    assert docgen("build", str(path), "-o", str(out)).returncode == 0
    first = docgen("uploaded", str(path), "-o", str(out))
    assert first.returncode == 0 and "Registrerede 8 dokumenter som uploadet" in first.stdout
    assert "## Skal uploades nu (0)" in (out / "Uploadliste.md").read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace(
        'formaal = "At unge i risiko mødes af voksne."', 'formaal = "At unge i risiko mødes af voksne, de kender."')
    text += ('\n[[revisioner]]\ndato = 2026-12-10\ngodkendt_af = "Bestyrelsen"\naendring = "Formålet præciseret"\n'
             'dokumenter = ["delaftale.kriminalitet"]\n')
    path.write_text(text, encoding="utf-8")
    build = docgen("build", str(path), "-o", str(out))
    assert "(1 dokument skal uploades nu)" in build.stdout
    assert 'id="antal-nu"><b>1</b>' in (out / "Uploadliste.html").read_text(encoding="utf-8")
    again = docgen("uploaded", str(path), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert "1 dokument nyt siden sidste upload; 7 uændrede:\n  03 Delaftale - Kriminalitetsforebyggelse.docx\n" \
        in again.stdout
    assert "er opdateret" in again.stdout
    assert "## Skal uploades nu (0)" in (out / "Uploadliste.md").read_text(encoding="utf-8")
    assert 'id="antal-nu"><b>0</b>' in (out / "Uploadliste.html").read_text(encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert not any(d["skal_uploades"] for d in manifest["dokumenter"])
    # the refreshed lists are docgen's: the next build replaces them without a word
    rebuilt = docgen("build", str(path), "-o", str(out))
    assert rebuilt.returncode == 0 and "(0 dokumenter skal uploades nu)" in rebuilt.stdout
    assert "din udgave" not in rebuilt.stdout + rebuilt.stderr
