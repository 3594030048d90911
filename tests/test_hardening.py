"""Hostile or unlucky input (issue 13): never an internal error, a hang,
lost text or an injection; a Danish message, exit 1 and nothing written."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main

from conftest import MINIMAL

BASE = MINIMAL.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _no_debug(monkeypatch):
    monkeypatch.delenv("DOCGEN_DEBUG", raising=False)


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=True)


def refused(result, *fragments: str) -> str:
    """stderr of a run docgen refused in Danish with exit 1, no traceback."""
    assert isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 1, result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Intern fejl" not in result.stderr
    return result.stderr


# --- 1. only regular files, of a sane size ------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_fifo_is_refused_without_blocking(command, tmp_path):
    fifo = tmp_path / "agreement.toml"
    os.mkfifo(fifo)
    out = tmp_path / "output"
    # a real process with a timeout: a blocking open would hang the test run
    result = subprocess.run([sys.executable, "-m", "docgen", command, str(fifo), *(["-o", str(out)] if command == "build" else [])],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "ikke en almindelig fil" in result.stderr and str(fifo) in result.stderr
    assert not out.exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused(device, tmp_path):
    stderr = refused(run_cli("build", device, "-o", str(tmp_path / "output")), "ikke en almindelig fil", device)
    assert not (tmp_path / "output").exists(), stderr


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    from docgen import load

    monkeypatch.setattr(load, "MAX_BYTES", len(BASE.encode()) - 1)
    path = tmp_path / "agreement.toml"
    path.write_text(BASE, encoding="utf-8")
    refused(run_cli("validate", str(path)), "for stor", str(path))


def test_an_unreadable_file_is_danish_and_exit_1(tmp_path, monkeypatch):
    from docgen import load

    path = tmp_path / "agreement.toml"
    path.write_text(BASE, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # the test may run as root, for whom chmod 000 still reads
    monkeypatch.setattr(load.os, "open", denied)
    stderr = refused(run_cli("validate", str(path)), "ikke adgang", str(path))
    assert "Permission denied" not in stderr and "not readable" not in stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_through_click_is_exit_1(tmp_path):
    path = tmp_path / "agreement.toml"
    path.write_text(BASE, encoding="utf-8")
    path.chmod(0)
    refused(run_cli("validate", str(path)), "ikke adgang")


# --- 4. SOURCE_DATE_EPOCH a zip cannot hold ---------------------------------


@pytest.mark.parametrize("epoch, words", [
    ("4354819200", "efter 2107"),            # 2108-01-01
    ("99999999999", "efter 2107"),           # year 5138: beyond a zip, within datetime
    ("9" * 30, "efter 2107"),                # beyond datetime
    ("i går", "helt antal sekunder"),
    ("9" * 5000, "efter 2107"),              # more digits than int() reads by default
])
def test_a_source_date_epoch_a_zip_cannot_hold_is_refused(epoch, words, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    out = tmp_path / "output"
    stderr = refused(run_cli("build", str(MINIMAL), "-o", str(out)), "SOURCE_DATE_EPOCH", words)
    assert len(stderr) < 500 and not out.exists()


def test_the_last_year_a_zip_holds_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354732800")  # 2107-12-31
    result = run_cli("build", str(MINIMAL), "-o", str(tmp_path / "output"))
    assert result.exit_code == 0, result.stderr


# --- 5. docgen diff: revisions are never options, git output is bytes ---------


@pytest.fixture
def repo(tmp_path):
    """A git repository with agreement.toml committed twice: first as
    Latin-1 (not UTF-8), then as the minimal agreement."""
    def git(*args):
        subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=tmp_path, check=True,
                       capture_output=True)

    path = tmp_path / "agreement.toml"
    path.write_bytes('vision = "Børn"\n'.encode("latin-1"))
    git("init", "-q")
    git("add", "agreement.toml")
    git("commit", "-qm", "latin-1")
    path.write_text(BASE, encoding="utf-8")
    git("commit", "-qam", "utf-8")
    return tmp_path


def docgen_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=folder,
                          timeout=120)


def test_a_revision_that_looks_like_an_option_is_not_passed_to_git_as_one(repo):
    target = repo / "PWNED"
    result = docgen_in(repo, "diff", "--", f"--output={target}")
    assert result.returncode == 2
    assert "findes ikke i arkivet" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


def test_a_git_version_that_is_not_utf8_is_a_danish_message(repo):
    result = docgen_in(repo, "diff", "HEAD~1")
    assert result.returncode == 2
    assert "ikke gemt som UTF-8" in result.stderr and "HEAD~1" in result.stderr
    assert "Traceback" not in result.stderr and "Intern fejl" not in result.stderr


@pytest.mark.parametrize("revision, words", [
    ("a" * 5000, "for lang"),
    ("HEAD\nx", "hverken en fil eller en git-version"),
    ("HEAD\x00", "hverken en fil eller en git-version"),
])
def test_a_long_or_odd_revision_is_a_danish_message(repo, revision, words):
    result = run_cli_in(repo, "diff", revision)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Intern fejl" not in result.stderr
    assert "\n" not in result.stderr.split(":", 1)[1].strip()


def run_cli_in(folder: Path, *args: str):
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return run_cli(*args)
    finally:
        os.chdir(cwd)


def test_the_same_git_version_still_compares(repo):
    result = docgen_in(repo, "diff", "HEAD")
    assert result.returncode == 0, result.stderr


# --- 6. docgen init NAME -------------------------------------------------------


@pytest.mark.parametrize("name, words", [
    ('Gellerup\nvision = "injiceret"', "én linje"),
    ("Gel\x1blerup", "kontroltegn"),
    ("Gel\u202elerup", "skriveretningen"),
    ("   ", "tomt"),
])
def test_init_refuses_a_name_that_is_not_one_clean_line(name, words, tmp_path):
    out = tmp_path / "agreement.toml"
    stderr = refused(run_cli("init", name, "-o", str(out)), words)
    assert "\x1b" not in stderr and "\u202e" not in stderr
    assert list(tmp_path.iterdir()) == []


def test_init_writes_the_name_as_an_escaped_toml_string(tmp_path):
    import tomllib

    name = 'Gellerup "&" \\Toveshøj \' # ] = }'
    out = tmp_path / "agreement.toml"
    result = run_cli("init", name, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert data["aftale"]["omraadenavn"] == name


# --- 7. a manifest.json or upload record docgen cannot read -------------------


@pytest.mark.parametrize("manifest", [
    pytest.param('{"dokumenter": ', id="malformed"),
    pytest.param("[" * 100_000 + "]" * 100_000, id="deeply-nested"),
    pytest.param('{"dokumenter": [1, "x", {"fil": 5}, {"fil": "a", "sha256": 3, "pdf": [1]}], "uploadliste": 7}',
                 id="wrong-shape-entries"),
    pytest.param("[]", id="not-an-object"),
    pytest.param('{"dokumenter": {"a": 1}}', id="documents-not-a-list"),
    pytest.param(b"\xff\xfe\x00garbage", id="not-utf8"),
])
def test_a_manifest_docgen_cannot_read_does_not_block_a_build(manifest, tmp_path):
    agreement = tmp_path / "agreement.toml"
    agreement.write_text(BASE, encoding="utf-8")
    out = tmp_path / "output"
    assert run_cli("build", str(agreement), "-o", str(out)).exit_code == 0
    budget = next(out.glob("*Budget*.xlsx"))
    budget.write_bytes(b"the user's own budget")  # not what docgen wrote: must be kept
    data = manifest if isinstance(manifest, bytes) else manifest.encode("utf-8")
    (out / "manifest.json").write_bytes(data)
    result = run_cli("build", str(agreement), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "Intern fejl" not in result.output
    # nothing docgen cannot prove it wrote is overwritten: both are kept aside
    # (a manifest with a list of documents has docgen's shape: it is replaced)
    if b'"dokumenter": [' not in data:
        assert (out / "manifest (din udgave).json").read_bytes() == data
    kept = budget.with_name(budget.stem + " (din udgave).xlsx")
    assert kept.read_bytes() == b"the user's own budget"
    assert budget.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("record", [
    '{"dokumenter": {"strategisk": [1], "budget": "x"}}',
    "[" * 100_000 + "]" * 100_000,
    '{"dokumenter": [',
])
def test_an_upload_record_of_the_wrong_shape_is_a_danish_message(record, tmp_path):
    agreement = tmp_path / "agreement.toml"
    agreement.write_text(BASE, encoding="utf-8")
    (tmp_path / "agreement.uploadet.json").write_text(record, encoding="utf-8")
    out = tmp_path / "output"
    refused(run_cli("build", str(agreement), "-o", str(out)), "ikke en upload-registrering")
    assert not out.exists()
