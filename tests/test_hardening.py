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
