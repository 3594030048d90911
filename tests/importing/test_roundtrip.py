"""import(build(x)) == x: every document docgen builds, imported straight
back, finds no change, and the agreement file stays byte for byte."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import AGREEMENT, DATA, REQUIRED, SOFFICE, TWO_AREAS, docgen

from docgen.importing.built.run import Importer
from docgen.pipeline import build
from docgen.source.load import load

AGREEMENTS = [AGREEMENT, *sorted(DATA.glob("*.toml"))]


@pytest.fixture(scope="module", params=AGREEMENTS, ids=lambda p: p.name)
def built(request, tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("rundtur")
    fil = folder / "agreement.toml"
    shutil.copyfile(request.param, fil)
    build(fil, folder / "output")
    return fil, folder / "output"


def test_every_document_imported_straight_back_finds_no_change(built):
    fil, out = built
    _, agreement = load(fil)
    importer = Importer(agreement)
    documents = sorted(p for p in out.iterdir() if p.suffix in (".docx", ".xlsx"))
    assert len(documents) >= 7
    for path in documents:
        result = importer.one(path)
        assert result.error is None, (path.name, result.error)
        assert result.document is not None and result.document.filename == path.name
        assert not result.tracked and not result.comments
        assert result.changes == [], (path.name, result.changes[:3])
        assert result.refused == [], (path.name, result.refused[:3])


def test_the_import_command_leaves_the_file_byte_identical(built):
    fil, out = built
    before = fil.read_bytes()
    documents = sorted(str(p) for p in out.iterdir() if p.suffix in (".docx", ".xlsx"))
    result = docgen("import", *documents, "--fil", str(fil), "--ja")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ingen ændringer at skrive" in result.stdout
    assert fil.read_bytes() == before
    assert not (fil.parent / "agreement.før-import.toml").exists()


@pytest.mark.skipif(shutil.which("soffice") is None and not REQUIRED, reason="LibreOffice er ikke installeret")
def test_a_set_resaved_by_libreoffice_unedited_finds_no_change(tmp_path):
    """A partner opens and saves every document without changing a word:
    runs, styles and rsids rewritten, content-control tags dropped."""
    import subprocess

    fil = tmp_path / "agreement.toml"
    shutil.copyfile(TWO_AREAS, fil)
    build(fil, tmp_path / "output")
    resaved = tmp_path / "gemt"
    for suffix in ("docx", "xlsx"):
        documents = sorted(str(p) for p in (tmp_path / "output").glob(f"*.{suffix}"))
        done = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless",
                               "--convert-to", suffix, "--outdir", str(resaved), *documents],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    _, agreement = load(fil)
    importer = Importer(agreement)
    paths = sorted(resaved.glob("*.*x"))
    assert len(paths) == 8
    for path in paths:
        result = importer.one(path)
        assert result.error is None and result.changes == [] and result.refused == [], (path.name, result)
