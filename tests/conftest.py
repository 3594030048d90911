"""Shared fixtures: the shipped agreement, a minimal one, and one build."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
AGREEMENT = ROOT / "agreement.toml"
MINIMAL = DATA / "minimal.toml"
# two indsatsområder, calendar budget years, one housing organisation
TWO_AREAS = DATA / "to_omraader.toml"

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# CI sets this where it installed LibreOffice: its tests must run, not skip
REQUIRED = os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE") == "1"


def docgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the docgen command as a user would, in a new process."""
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=cwd)


def diagnostics_of(stage, path: Path):
    """The diagnostics a stage (load, check) raises for the file at path."""
    from docgen.errors import InputError

    with pytest.raises(InputError) as info:
        stage(path)
    return info.value.diagnostics


@pytest.fixture
def write_toml(tmp_path):
    """Write TOML text to a file in tmp_path and return its path."""
    def write(text: str | bytes, name: str = "agreement.toml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    return write


def build_minimal_variant(folder: Path, replacements, document: str) -> Path:
    """Build the minimal agreement with (old, new) text replacements into
    ``folder``; return the path of the document whose name holds ``document``."""
    from docgen.pipeline import build

    source = MINIMAL.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in source
        source = source.replace(old, new)
    path = folder / "agreement.toml"
    path.write_text(source, encoding="utf-8")
    paths = build(path, folder / "out").documents
    return next(p for p in paths if f" {document} - " in p.name)


@pytest.fixture(scope="session")
def shipped():
    """The shipped agreement.toml, loaded and checked."""
    from docgen.pipeline import check

    return check(AGREEMENT)[1]


def plan_built(folder: Path) -> Path:
    """``folder`` as a plan's folder: a copy of the shipped agreement and its
    build in output/ (for tests that edit the file or import its documents)."""
    from docgen.pipeline import build

    shutil.copyfile(AGREEMENT, folder / "agreement.toml")
    build(folder / "agreement.toml", folder / "output")
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The output folder of one build of the shipped agreement."""
    from docgen.pipeline import build

    out = tmp_path_factory.mktemp("output")
    build(AGREEMENT, out)
    return out
