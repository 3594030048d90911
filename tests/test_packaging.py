"""An ordinary (non-editable) install has everything a build needs: the
built-in templates, the fonts and the puljer travel in the wheel."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

from conftest import AGREEMENT, ROOT


def test_a_build_from_the_wheel_uses_the_templates_inside_it(tmp_path):
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("docgen", "templates"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = wheels.glob("docgen-*.whl")
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as package:
        names = package.namelist()
        package.extractall(installed)
    templates = [*(ROOT / "templates").glob("*.docx"), *(ROOT / "templates").glob("*.xlsx")]
    assert len(templates) == 7
    for template in templates:
        assert f"docgen/builtin_templates/{template.name}" in names
    assert "docgen/render/fonts/Carlito-Regular.ttf" in names
    assert "docgen/model/puljer/2019-26.toml" in names  # the pulje's data file

    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(AGREEMENT, work / "agreement.toml")
    env = {**os.environ, "PYTHONPATH": str(installed)}
    where = subprocess.run([sys.executable, "-c", "from docgen.render.templates import BUILT_IN; print(BUILT_IN)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert where == str(installed / "docgen" / "builtin_templates")
    built = subprocess.run([sys.executable, "-m", "docgen", "build", "-o", "ud"], cwd=work, env=env,
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert len(list((work / "ud").glob("*.docx"))) == 7 and len(list((work / "ud").glob("*.xlsx"))) == 3
