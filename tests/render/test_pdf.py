"""render/pdf.py: PDFs through LibreOffice with Danish number formats,
whatever the machine's locale."""
from __future__ import annotations

import subprocess

import pytest

from docgen.render import pdf

from conftest import SOFFICE

needs_tools = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice er ikke installeret")


def test_the_profile_sets_a_danish_locale(tmp_path):
    uri = pdf.write_profile(tmp_path / "profil")
    assert uri.startswith("file:") and uri.endswith("/profil")
    settings = (tmp_path / "profil" / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert '<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value>' in settings


@needs_tools
@pytest.mark.skipif(not __import__("shutil").which("pdftotext"), reason="pdftotext (poppler-utils) er ikke installeret")
def test_an_english_machine_still_prints_the_budget_in_danish(built, monkeypatch):
    """LANG=C.UTF-8 (LibreOffice would print "10,792,000 kr." and "75.0 %"
    with a profile of its own): the budget's PDF reads "10.792.000 kr."."""
    for name in ("LANG", "LC_ALL", "LC_NUMERIC", "LC_MONETARY"):
        monkeypatch.setenv(name, "C.UTF-8")
    [budget] = built.glob("06 Budget - *.xlsx")
    pdfs = pdf.convert({budget.name: budget.read_bytes()})
    text = subprocess.run(["pdftotext", "-", "-"], input=pdfs[budget.stem + ".pdf"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "10.792.000 kr." in text
    assert "10,792,000" not in text
    assert "75,0 %" in text and "75.0 %" not in text
