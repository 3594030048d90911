"""Uploadliste.html in a real browser: headless Chromium loads the page
from the output folder and finds the documents due.  Skipped where
Chromium is not installed (CI installs Debian's `chromium` and sets
DOCGEN_REQUIRE_CHROMIUM=1, so there it must run)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
REQUIRED = os.environ.get("DOCGEN_REQUIRE_CHROMIUM") == "1"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED, reason="Chromium er ikke installeret (apt-get install chromium)"
)


def dump_dom(page) -> str:
    """The page's DOM after Chromium has loaded it, offline."""
    assert CHROMIUM is not None, "DOCGEN_REQUIRE_CHROMIUM=1, men chromium findes ikke"
    with tempfile.TemporaryDirectory(prefix="docgen-chromium-") as profile:
        result = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_upload_list_opens_in_chromium_and_shows_the_documents_due(tmp_path):
    from conftest import MINIMAL
    from docgen.pipeline import build

    source = tmp_path / "agreement.toml"
    source.write_bytes(MINIMAL.read_bytes())
    result = build(source, tmp_path / "output")
    due = [d["fil"] for d in result.manifest["dokumenter"] if d["skal_uploades"]]
    assert len(due) == 7
    dom = dump_dom(tmp_path / "output" / "Uploadliste.html")
    assert "<title>Uploadliste – Testby</title>" in dom
    table = re.search(r'<table id="skal-uploades">(.*?)</table>', dom, re.S)
    assert table, dom[:2000]
    shown = re.findall(r'<a class="file" href="[^"]*">([^<]*)</a>', table.group(1))
    assert shown == due
    assert re.search(r'id="antal-nu"><b>7</b>', dom)
