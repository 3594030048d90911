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


def test_no_page_break_before_but_the_strategic_agreements_cover(built):
    """Only the strategic agreement's cover (title, parties, signatures)
    stands on a page of its own; everywhere else a heading follows the text
    before it, so no half-empty page appears before it (the delaftale's
    "Aktiviteter, som skal bidrage …" once started a new page)."""
    for path in sorted(built.glob("*.docx")):
        xml = zipfile.ZipFile(path).read("word/document.xml").decode()
        expected = 1 if path.name.startswith("01 ") else 0
        assert xml.count("<w:pageBreakBefore/>") == expected, path.name
        if expected:
            cover = xml.index("<w:pageBreakBefore/>")
            assert xml.index("Aftaledokumenter</w:t>") > cover > xml.rindex("<w:p>", 0, xml.index("Aftaledokumenter</w:t>"))


@needs_tools
def test_no_page_is_blank_or_ends_on_a_heading_or_label(built, tmp_path):
    documents = sorted(built.glob("*.docx"))
    assert len(documents) == 7
    print_check.convert(documents, tmp_path, SOFFICE)
    found = []
    for document in documents:
        pdf = tmp_path / (document.stem + ".pdf")
        assert len(print_check.pages(pdf, document)) >= 2, document.name
        found += print_check.problems(document, pdf)
    assert not found, "\n".join(found)


@needs_tools
@pytest.mark.parametrize("name", ["minimal.toml", "to_omraader.toml", "lange_tekster.toml"])
def test_every_test_agreement_prints_without_a_problem(name, tmp_path):
    """The same check on every agreement in tests/data: pagination holds
    for any agreement, not the example alone."""
    from docgen.pipeline import build

    from conftest import DATA

    documents = [p for p in build(DATA / name, tmp_path / "out").documents if p.suffix == ".docx"]
    print_check.convert(documents, tmp_path, SOFFICE)
    found = []
    for document in documents:
        found += print_check.problems(document, tmp_path / (document.stem + ".pdf"))
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
    # the expenses' total keeps with the last category
    assert page_of("Andet") == page_of("Udgifter i alt")
    # the chart has a page of its own
    assert sum("Udgifter pr. periode fordelt på kategori" in page for page in text.split("\f")) == 1
    # no page but the last is under half full (the financing once had a page a third full to itself)
    area = print_check.workbook_area(budget)
    fills = [print_check.fill(print_check.body(lines, area), area)
             for lines in print_check.read_pages(tmp_path / (budget.stem + ".pdf"))]
    assert len(fills) >= 3 and all(f >= 0.5 for f in fills[:-1]), fills


@needs_tools
def test_the_milestone_plan_prints_on_one_page_when_its_rows_fit(built, tmp_path):
    """The shipped example's 15 milestones and their summary fit on one
    page shrunk a little: no break sends the last milestones to a page 2."""
    [plan] = built.glob("* Milepælsplan - *.xlsx")
    print_check.convert([plan], tmp_path, SOFFICE)
    pages = print_check.read_pages(tmp_path / (plan.stem + ".pdf"))
    assert len(pages) == 1
    texts = [line.text for line in pages[0]]
    assert "Helhedsplanen slutter" in texts and "Milepæle pr. status" in texts  # the last milestone, the summary


@needs_tools
def test_the_milestone_summary_never_stands_alone_and_no_title_breaks_at_a_hyphen(built, tmp_path):
    """The milepælsplan's status summary shares its page with milestones
    (never alone under their repeated column headings), and the
    indberetningsskema's title wraps at a space, not at "Husum-"."""
    [plan] = built.glob("* Milepælsplan - *.xlsx")
    [report] = built.glob("* Indberetningsskema - *.xlsx")
    print_check.convert([plan, report], tmp_path, SOFFICE)

    def pages(path):
        return subprocess.run([print_check.PDFTOTEXT, "-layout", "-enc", "UTF-8", str(tmp_path / (path.stem + ".pdf")),
                               "-"], capture_output=True, text=True, check=True).stdout.split("\f")

    [summary] = [page for page in pages(plan) if "Milepæle pr. status" in page]
    before = summary.split("Milepæle pr. status")[0]
    assert re.search(r"^\s*\d+\s+\S", before.split("Status", 1)[-1], flags=re.MULTILINE), before
    first = pages(report)[0]
    assert "Husum-Tingbjerg 2024-2028" in first
    assert not re.search(r"-\s*$", first.split("Husum-Tingbjerg 2024-2028")[0].rstrip().splitlines()[-1])
