"""One source per template: the scripts in templates/ are the source, and
the committed .docx/.xlsx are exactly what they make (templates/README.md)."""
from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

TEMPLATES = ROOT / "templates"
SCRIPTS = ["build_templates.py", "build_workbooks.py"]


def _run_script(name: str, target: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"_template_source_{name[:-3]}", TEMPLATES / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(target)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("skabeloner")
    for script in SCRIPTS:
        _run_script(script, target)
    return target


def test_the_scripts_make_every_committed_template(generated):
    committed = sorted(p.name for p in TEMPLATES.iterdir() if p.suffix in (".docx", ".xlsx"))
    made = sorted(p.name for p in generated.iterdir())
    assert made == committed


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.iterdir() if p.suffix in (".docx", ".xlsx")))
def test_each_committed_template_is_byte_identical_to_its_source(generated, name):
    made, committed = (generated / name).read_bytes(), (TEMPLATES / name).read_bytes()
    if made != committed:
        differing = [i.filename for i in zipfile.ZipFile(generated / name).infolist()
                     if i.filename not in zipfile.ZipFile(TEMPLATES / name).namelist()
                     or zipfile.ZipFile(generated / name).read(i.filename) != zipfile.ZipFile(TEMPLATES / name).read(i.filename)]
        pytest.fail(f"templates/{name} er ikke, hvad scriptet laver (forskel i {differing or 'zip-indpakningen'}); "
                    f"kør python templates/{'build_workbooks' if name.endswith('.xlsx') else 'build_templates'}.py")
