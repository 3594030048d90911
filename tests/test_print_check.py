"""The print check itself (tests/print_check.py): each rule fails on a page
made to break it, first on pages described by their lines' positions, then
on Word documents printed by LibreOffice."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm

import print_check
from print_check import Area, Line
from conftest import SOFFICE

needs_tools = pytest.mark.skipif(SOFFICE is None or print_check.PDFTOTEXT is None,
                                 reason="LibreOffice eller pdftotext (poppler-utils) er ikke installeret")

# an A4 page with 22 mm and 20 mm margins, as docgen's templates have
AREA = Area(top=62.4, bottom=785.2)
FOOTER = [Line("Delaftale – Husum-Tingbjerg", 803.4, 814.5, 62.5), Line("Side 2 af 3", 803.4, 814.5, 488.9)]


def text_to(bottom: float, last: str = "slutningen af en sætning.") -> list[Line]:
    """A page of text from the top of the printable area down to ``bottom``."""
    lines = [Line(f"linje {n}", y, y + 14, 62.5) for n, y in enumerate(range(63, int(bottom) - 14, 15))]
    return lines + [Line(last, bottom - 14, bottom, 62.5)] + FOOTER


def test_a_page_holding_only_the_footer_is_blank_whatever_the_other_pages_end_with():
    # the first page ends on a table cell's text (not the footer), as in the
    # pre-fix build of 04 Kriminalitetsforebyggelse
    first = text_to(780) + [Line("cellens tekst", 700, 714, 300)]
    found = print_check.page_problems("prøve.docx", [first, list(FOOTER), text_to(700)], set(), AREA)
    assert found == ["prøve.docx, side 2: siden er tom"]


def test_a_page_ending_on_a_heading_label_or_bold_lead_fails():
    leads = {"En overskrift", "Formål:", "Børn og unge skal støttes i et liv uden kriminalitet."}
    for lead in sorted(leads):
        found = print_check.page_problems("prøve.docx", [text_to(780, lead), text_to(700)], leads, AREA)
        assert found == [f"prøve.docx, side 1: siden slutter med overskriften/feltet «{lead}»"], lead
    # a lead wrapped over two lines is found too
    two = text_to(765) + [Line("Aktiviteter, som skal bidrage til", 766, 780, 62.5)]
    two[-1:] = [Line("Aktiviteter, som skal", 751, 765, 62.5), Line("bidrage til", 766, 780, 62.5)]
    assert print_check.page_problems("p.docx", [two + FOOTER, text_to(700)], {"Aktiviteter, som skal bidrage til"},
                                     AREA)


def test_a_heading_over_a_picture_leads_the_picture():
    picture = Line("", 690, 780, 200)  # a picture's box (no text)
    page = text_to(680, "Organisationsdiagram") + [picture]
    assert not print_check.page_problems("p.docx", [page, text_to(700)], {"Organisationsdiagram"}, AREA)


def test_a_lead_text_that_is_also_an_ordinary_paragraph_is_told_apart_by_the_line_before_it():
    # an activity's name is a lead in its table and a bullet in the list of activities
    sequence = [("Aktiviteter:", True), ("Aktivitet 0", False), ("Aktivitet 1", False),
                ("Aktivitetsnavn:", True), ("Aktivitet 1", True), ("Formål:", True), ("At hjælpe.", False)]
    leads = {text for text, lead in sequence if lead}
    bullet = text_to(765, "Aktivitet 0") + [Line("Aktivitet 1", 766, 780, 62.5)]
    assert not print_check.page_problems("p.docx", [bullet, text_to(700)], leads, AREA, sequence)
    name = text_to(765, "Aktivitetsnavn:") + [Line("Aktivitet 1", 766, 780, 62.5)]
    assert print_check.page_problems("p.docx", [name, text_to(700)], leads, AREA, sequence) == [
        "p.docx, side 1: siden slutter med overskriften/feltet «Aktivitet 1»"]


def test_a_page_but_the_first_and_last_filled_less_than_60_percent_fails():
    half = AREA.top + 0.5 * AREA.height
    found = print_check.page_problems("prøve.docx", [text_to(half), text_to(half), text_to(half)], set(), AREA)
    assert found == ["prøve.docx, side 2: siden er kun 50% fyldt (under 60%)"]
    # measured by position: two lines far apart fill the page however few they are
    sparse = [Line("øverst", 63, 77, 62.5), Line("nederst", 700, 714, 62.5)] + FOOTER
    assert not print_check.page_problems("prøve.docx", [text_to(780), sparse, text_to(100)], set(), AREA)


def test_leads_are_lead_styles_and_wholly_bold_paragraphs_with_text_after_them(tmp_path):
    doc = Document()
    doc.styles.add_style("Feltnavn", WD_STYLE_TYPE.PARAGRAPH)
    doc.add_paragraph("En overskrift", style="Heading 2")
    doc.add_paragraph().add_run("Et fedt mål, som leder teksten.").bold = True
    p = doc.add_paragraph()
    p.add_run("Indsatser: ").bold = True
    p.add_run("delvis fed, ikke en overskrift")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).paragraphs[0].style = doc.styles["Feltnavn"]
    table.cell(0, 0).paragraphs[0].add_run("Formål:")
    table.cell(1, 0).paragraphs[0].add_run("I alt").bold = True  # a sum: nothing follows it in its cell
    doc.add_paragraph().add_run("Fed sidste linje").bold = True  # the document's end leads nothing
    doc.save(tmp_path / "leads.docx")
    assert print_check.lead_texts(tmp_path / "leads.docx") == {
        "En overskrift", "Et fedt mål, som leder teksten.", "Formål:"}


def _document_with_footer() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.footer.paragraphs[0].text = "Prøvedokument – Husum-Tingbjerg\tSide"
    return doc


@needs_tools
def test_the_check_fails_on_printed_pages_made_to_break_each_rule(tmp_path):
    """A Word document printed by LibreOffice: page 1 ends on a heading,
    page 2 on a box label in a table cell, page 3 on a bold lead, page 4
    is half empty, page 5 holds only the footer."""
    doc = _document_with_footer()
    label = doc.styles.add_style("Feltnavn", WD_STYLE_TYPE.PARAGRAPH)
    label.font.bold = True

    def filler(lines: int) -> None:
        for n in range(lines):
            doc.add_paragraph(f"Almindelig tekst nummer {n}, så siden fyldes op.")

    filler(3)
    doc.add_paragraph("En overskrift alene", style="Heading 1")
    doc.add_page_break()
    filler(3)
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].style = label
    cell.paragraphs[0].add_run("Formål:")
    doc.add_page_break()
    filler(3)
    doc.add_paragraph().add_run("Et fedt mål, der leder teksten.").bold = True
    doc.add_page_break()
    filler(3)
    doc.add_page_break()
    doc.add_page_break()
    doc.add_paragraph("Tekst på sidste side.")
    path = tmp_path / "prøve.docx"
    doc.save(path)
    print_check.convert([path], tmp_path, SOFFICE)
    found = print_check.problems(path, tmp_path / "prøve.pdf")
    assert "prøve.docx, side 1: siden slutter med overskriften/feltet «En overskrift alene»" in found, found
    assert "prøve.docx, side 2: siden slutter med overskriften/feltet «Formål:»" in found, found
    assert "prøve.docx, side 3: siden slutter med overskriften/feltet «Et fedt mål, der leder teksten.»" in found, found
    assert any(f.startswith("prøve.docx, side 4: siden er kun") for f in found), found
    assert "prøve.docx, side 5: siden er tom" in found, found
    # the footer is outside the printable area: it is never a page's text
    assert all("Prøvedokument" not in line for page in print_check.pages(tmp_path / "prøve.pdf", path) for line in page)


@needs_tools
def test_a_full_document_passes(tmp_path):
    doc = _document_with_footer()
    for n in range(120):
        doc.add_paragraph(f"Almindelig tekst nummer {n}, så siden fyldes op.")
    path = tmp_path / "fuld.docx"
    doc.save(path)
    print_check.convert([path], tmp_path, SOFFICE)
    assert len(print_check.pages(tmp_path / "fuld.pdf", path)) >= 3
    assert print_check.problems(path, tmp_path / "fuld.pdf") == []
