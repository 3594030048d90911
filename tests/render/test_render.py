"""Rendering arbitrary text safely, on the minimal agreement."""
from __future__ import annotations

from docx import Document
from openpyxl import load_workbook

from docgen.pipeline import build

from conftest import MINIMAL
from docx_text import text

MARKUP = "{{ 7*7 }} {% if x %} <w:p> ]]> & \\\"citat\\\""


def test_markup_in_any_text_comes_out_literally(write_toml, tmp_path):
    source = MINIMAL.read_text(encoding="utf-8")
    source = (source.replace('vision = "En vision."', f'vision = "Vision {MARKUP}"')
              .replace('navn = "Lektiecafé"', f'navn = "Café {MARKUP}"')
              .replace('tekst = "- Driver caféen"', f'tekst = "- Driver {MARKUP}"')
              .replace('omraadenavn = "Testby"', 'omraadenavn = "Test & <by>"')
              .replace('tekst = "Aktiviteter"', f'tekst = "Aktiviteter {MARKUP}"')
              .replace('titel = "Lektiecaféen åbner"', f'titel = "Åbning {MARKUP}"'))
    out = tmp_path / "out"
    paths = build(write_toml(source), out).documents
    literal = '{{ 7*7 }} {% if x %} <w:p> ]]> & "citat"'
    strategic = text(paths[0])
    assert f"Vision {literal}" in strategic
    assert "Test & <by>" in strategic
    delaftale = text(paths[1])
    assert f"Café {literal}" in delaftale
    assert f"Driver {literal}" in delaftale
    assert "49" not in delaftale
    budget = load_workbook(next(out.glob("* Budget - *.xlsx")), data_only=True)["Budget"]
    assert f"Aktiviteter {literal}" in [c.value for c in budget["A"]]
    plan = load_workbook(next(out.glob("* Milepælsplan - *.xlsx")), data_only=True)["Milepæle"]
    assert f"Åbning {literal}" in [c.value for c in plan["C"]]
    for path in paths:
        if path.suffix == ".docx":
            Document(str(path))
        else:
            load_workbook(path)


def test_file_names_hold_no_character_windows_refuses(write_toml, tmp_path):
    source = MINIMAL.read_text(encoding="utf-8").replace('omraadenavn = "Testby"', 'omraadenavn = "Test: <by>/\\\\syd?*|\\""')
    paths = build(write_toml(source), tmp_path / "out").documents
    for path in paths:
        assert not set(path.name) & set('<>:"/\\|?*'), path.name
    assert "01 Strategisk samarbejdsaftale - Test- -by---syd----.docx" in [p.name for p in paths]


def test_an_empty_value_prints_as_nothing_never_none():
    from docgen.render.docx import environment

    assert environment().from_string("a{{ x }}b").render(x=None) == "ab"


def test_unknown_names_are_reported_without_jinjas_english():
    from docgen.render.docx import _undefined_name

    assert _undefined_name("'omraadenavn' is undefined") == "omraadenavn"
    assert _undefined_name("'dict object' has no attribute 'nvan'") == "nvan"


def test_rendering_in_two_processes_gives_the_same_files_in_the_same_order(tmp_path):
    """The parallel renderer hands out the longest documents first and puts
    the results back in upload order: every byte as when rendered one by one."""
    import os
    import subprocess
    import sys

    def build(processes: str) -> dict[str, bytes]:
        out = tmp_path / processes
        env = {**os.environ, "DOCGEN_PROCESSES": processes}
        subprocess.run([sys.executable, "-m", "docgen", "build", str(MINIMAL), "-o", str(out)],
                       env=env, check=True, capture_output=True)
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}

    serial, parallel = build("1"), build("2")
    assert len(serial) >= 8 and serial == parallel


def test_an_error_that_cannot_cross_from_the_worker_is_sent_as_its_text(monkeypatch):
    """lxml's errors carry their error log, which does not pickle; the
    worker must still say what went wrong, not 'cannot pickle'."""
    import pickle
    import threading

    import pytest

    from docgen.render import batch

    class Unpicklable(Exception):
        def __init__(self, message):
            super().__init__(message)
            self.lock = threading.Lock()

    class Broken:
        @staticmethod
        def render(document, template_dir):
            raise Unpicklable("tag mismatch: w:body line 2")

    monkeypatch.setitem(batch.RENDERERS, ".docx", Broken)
    job = (type("D", (), {"template": "x.docx"})(), None, None, 1)
    with pytest.raises(RuntimeError, match="Unpicklable: tag mismatch") as raised:
        batch.render_one(job)
    pickle.dumps(raised.value)
