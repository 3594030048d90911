"""Writes keep what the user set up: agreement.toml linked in from a synced
folder stays a link and its target gets the change; `docgen schema -o` a
link or a named pipe; line ends and every untouched byte kept, in the file
and in its backup; Ctrl-C just after the write says the file was written."""
from __future__ import annotations

import os
import re
import shutil
import stat
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import docgen, plan_built

from docgen.cli import commands

DELAFTALE = "02 Delaftale - Uddannelse og livschancer.docx"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return plan_built(tmp_path_factory.mktemp("writes"))


def edited(built: Path, target: Path) -> Path:
    """The delaftale with one target group typed differently."""
    with zipfile.ZipFile(built / "output" / DELAFTALE) as zin, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace("Forældre til børn på skolerne".encode(),
                                    "Forældre til alle børn på skolerne".encode(), 1)
            zout.writestr(info, data)
    return target


def test_import_writes_through_a_link_into_its_synced_folder(built, tmp_path):
    synced = tmp_path / "OneDrive"
    synced.mkdir()
    target = synced / "agreement.toml"
    shutil.copyfile(built / "agreement.toml", target)
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "agreement.toml").symlink_to(target)
    result = docgen("import", str(edited(built, tmp_path / "partner.docx")), "--ja", cwd=plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (plan / "agreement.toml").is_symlink() and os.readlink(plan / "agreement.toml") == str(target)
    assert "Forældre til alle børn på skolerne" in target.read_text(encoding="utf-8")
    assert (plan / "agreement.før-import.toml").read_bytes() == (built / "agreement.toml").read_bytes()


def test_import_keeps_mixed_line_ends_and_every_untouched_byte(built, tmp_path):
    lines = (built / "agreement.toml").read_bytes().split(b"\n")
    # CRLF on every third line, as a file edited on two systems has
    original = b"\n".join(line + b"\r" if n % 3 == 0 and n < len(lines) - 1 else line for n, line in enumerate(lines))
    (tmp_path / "agreement.toml").write_bytes(original)
    result = docgen("import", str(edited(built, tmp_path / "partner.docx")), "--ja", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "agreement.før-import.toml").read_bytes() == original
    after = (tmp_path / "agreement.toml").read_bytes()
    assert after != original
    assert after.replace("alle børn".encode(), "børn".encode(), 1) == original


def test_schema_into_a_link_and_a_named_pipe(tmp_path):
    elsewhere = tmp_path / "andet"
    elsewhere.mkdir()
    (elsewhere / "skema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "skema.json").symlink_to(elsewhere / "skema.json")
    result = docgen("schema", "-o", "skema.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "skema.json").is_symlink()
    assert '"$schema"' in (elsewhere / "skema.json").read_text(encoding="utf-8")
    if not hasattr(os, "mkfifo"):
        return
    os.mkfifo(tmp_path / "rør")
    got = []
    reader = threading.Thread(target=lambda: got.append((tmp_path / "rør").read_bytes()), daemon=True)
    reader.start()
    result = docgen("schema", "-o", "rør", cwd=tmp_path)
    reader.join(30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(tmp_path / "rør").st_mode)
    assert got and b'"$schema"' in got[0]


def test_ctrl_c_just_after_the_write_says_the_file_was_written(built, tmp_path, monkeypatch):
    shutil.copyfile(built / "agreement.toml", tmp_path / "agreement.toml")
    partner = edited(built, tmp_path / "partner.docx")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(commands, "_after_import", interrupted)
    result = CliRunner().invoke(commands.main, ["import", str(partner), "--ja"])
    assert "Forældre til alle børn" in (tmp_path / "agreement.toml").read_text(encoding="utf-8")
    assert result.exit_code == 0, result.output
    assert re.search(r"Skrev 1 ændring i agreement\.toml", result.output) and "Afbrudt efter skrivningen" in result.output


def test_ny_on_a_full_disk_leaves_no_half_file(built, tmp_path, monkeypatch):
    import errno

    from docgen.errors import DocgenError
    from docgen.importing.handmade.ny import import_new
    from docgen.source import files

    real = files._write_all

    def half_then_full(fd, data):
        real(fd, data[: len(data) // 3])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_write_all", half_then_full)
    target = tmp_path / "NY.toml"
    with pytest.raises(DocgenError) as info:
        import_new([built / "output" / DELAFTALE], target)
    assert "disken er fuld" in str(info.value) and not os.path.lexists(target)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(files, "_write_all", real)
    import_new([built / "output" / DELAFTALE], target)  # the next run is not refused
    assert "[[delaftaler]]" in target.read_text(encoding="utf-8")


def test_ctrl_c_just_after_the_ny_write_says_the_file_was_written(built, tmp_path, monkeypatch):
    from docgen.importing.handmade import ny

    real = ny.report

    def interrupted(*args):
        real(*args)
        raise KeyboardInterrupt  # the write is done; the report is being made

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ny, "report", interrupted)
    result = CliRunner().invoke(commands.main, ["import", str(built / "output" / DELAFTALE), "--ny", "NY.toml"])
    assert (tmp_path / "NY.toml").exists()
    assert result.exit_code == 0 and "Skrev NY.toml" in result.output, result.output
