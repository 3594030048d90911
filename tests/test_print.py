"""The Word documents as they print: converted by LibreOffice (with
Carlito, the font with Calibri's metrics, where installed), no page is
blank and no page ends on a heading or a box label whose content is on the
next page.  tests/print_check.py does the reading; run it by hand on any
output folder to see the pages it finds."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import print_check
from conftest import REQUIRED, SOFFICE

needs_tools = pytest.mark.skipif(SOFFICE is None or print_check.PDFTOTEXT is None,
                                 reason="LibreOffice eller pdftotext (poppler-utils) er ikke installeret")


def test_print_tools_are_installed_where_required():
    assert not REQUIRED or (SOFFICE and print_check.PDFTOTEXT), \
        "DOCGEN_REQUIRE_LIBREOFFICE=1, men soffice eller pdftotext findes ikke"


def test_no_document_holds_a_hard_page_break(built):
    for path in sorted(built.glob("*.docx")):
        xml = zipfile.ZipFile(path).read("word/document.xml").decode()
        assert 'w:type="page"' not in xml, path.name


def test_the_activities_start_on_a_new_page_by_page_break_before(built):
    delaftale = next(built.glob("02 *.docx"))
    xml = zipfile.ZipFile(delaftale).read("word/document.xml").decode()
    heading = xml.rfind("<w:p>", 0, xml.index("Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet</w:t>"))
    assert "<w:pageBreakBefore/>" in xml[heading:xml.index("Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet</w:t>")]


@needs_tools
def test_the_check_finds_a_page_ending_on_a_heading(tmp_path):
    """The check itself: a document whose first page ends on a heading
    (a hard break after it) and whose second page is blank is caught."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("Tekst på første side.")
    doc.add_paragraph("En overskrift alene", style="Heading 1")
    doc.add_page_break()
    doc.add_page_break()
    doc.add_paragraph("Tekst på sidste side.")
    path = tmp_path / "prøve.docx"
    doc.save(path)
    print_check.convert([path], tmp_path, SOFFICE)
    found = print_check.problems(path, tmp_path / "prøve.pdf")
    assert any("side 1" in f and "En overskrift alene" in f for f in found), found
    assert any("side 2" in f and "tom" in f for f in found), found


@needs_tools
def test_no_page_is_blank_or_ends_on_a_heading_or_label(built, tmp_path):
    documents = sorted(built.glob("*.docx"))
    assert len(documents) == 7
    print_check.convert(documents, tmp_path, SOFFICE)
    found = []
    for document in documents:
        pdf = tmp_path / (document.stem + ".pdf")
        assert len(print_check.pages(pdf)) >= 2, document.name
        found += print_check.problems(document, pdf)
    assert not found, "\n".join(found)


@needs_tools
def test_the_budget_never_splits_a_category_or_the_financing_across_pages(built, tmp_path):
    """Printed by LibreOffice, each category's heading, lines and total
    stand on one page, and so do the financing rows."""
    [budget] = built.glob("* Budget - *.xlsx")
    print_check.convert([budget], tmp_path, SOFFICE)
    text = subprocess.run([print_check.PDFTOTEXT, "-enc", "UTF-8", str(tmp_path / (budget.stem + ".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = [page.splitlines() for page in text.split("\f")]

    def page_of(line: str) -> int:
        return next(n for n, lines in enumerate(pages) if any(l.strip() == line for l in lines))

    for heading in ("Løn", "Aktivitetsmidler", "Lokaler", "Administration", "Evaluering", "Revision", "Andet"):
        assert page_of(heading) == page_of(f"{heading} i alt"), heading
    assert page_of("Finansiering") == page_of("Finansiering i alt")
    # the chart has a page of its own
    assert sum("Udgifter pr. periode fordelt på kategori" in page for page in text.split("\f")) == 1
