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


# --- lone lines -------------------------------------------------------------------------

def _lines(texts: list[str], top: float, left: float = 62.5) -> list[Line]:
    return [Line(t, top + 15 * n, top + 15 * n + 14, left, n + 1, left + 300) for n, t in enumerate(texts)]


PARAGRAPH = "Første linje af et afsnit, der løber over tre linjer i alt, og slutter her."
PRINTED = ["Første linje af et afsnit,", "der løber over tre linjer i", "alt, og slutter her."]


def _check(page_one: list[str], page_two: list[str], sequence) -> list[str]:
    one = _lines(["Tekst før.", *page_one], 740 - 15 * len(page_one))
    two = _lines([*page_two, "Tekst efter."], 63)
    placed = print_check.place_paragraphs([one + FOOTER, two + FOOTER], sequence, AREA)
    return print_check.lone_lines("p.docx", placed)


def test_a_paragraphs_first_or_last_line_alone_at_a_page_break_is_found():
    sequence = [("Tekst før.", False), (PARAGRAPH, False), ("Tekst efter.", False)]
    assert _check(PRINTED[:1], PRINTED[1:], sequence) == [
        "p.docx, side 1: første linje af «Første linje af et afsnit, der løber over …» står alene nederst"]
    assert _check(PRINTED[:2], PRINTED[2:], sequence) == [
        "p.docx, side 2: sidste linje af «Første linje af et afsnit, der løber over …» står alene øverst "
        "(«alt, og slutter her.»)"]
    assert _check(PRINTED, [], sequence) == []


def test_a_paragraph_of_two_and_two_lines_across_a_break_is_fine():
    four = PRINTED + ["Fjerde linje."]
    sequence = [("Tekst før.", False), (" ".join(four), False), ("Tekst efter.", False)]
    assert _check(four[:2], four[2:], sequence) == []


def test_a_lead_with_one_line_under_it_on_its_page_is_found():
    sequence = [("Tekst før.", False), ("Brobygning", True), ("Én linje.", False), ("Tekst efter.", False)]
    assert _check(["Brobygning", "Én linje."], [], sequence) == [
        "p.docx, side 1: «Brobygning» har kun én linje under sig, resten står på næste side"]
    sequence = [("Tekst før.", False), ("Brobygning", True), (PARAGRAPH, False), ("Tekst efter.", False)]
    assert _check(["Brobygning", *PRINTED[:2]], PRINTED[2:], sequence)[0].startswith("p.docx, side 2: sidste linje")


def test_a_paragraph_missing_from_the_print_is_found():
    sequence = [("Tekst før.", False), ("Et afsnit, LibreOffice ikke har skrevet.", False), ("Tekst efter.", False)]
    assert _check([], [], sequence) == ["p.docx: afsnittet «Et afsnit, LibreOffice ikke har skrevet.» findes ikke i "
                                        "udskriften"]


def test_a_short_line_found_in_many_cells_is_not_taken_for_a_paragraphs_start():
    # "2023" stands at the bottom of page 1 in another cell; the paragraph
    # "2023 KK: 12%" is printed whole at the top of page 2
    sequence = [("Tekst før.", False), ("2023", False), ("2023 KK: 12%", False), ("Tekst efter.", False)]
    one = _lines(["Tekst før.", "2023"], 710)
    two = _lines(["2023", "KK: 12%", "Tekst efter."], 63)
    placed = print_check.place_paragraphs([one + FOOTER, two + FOOTER], sequence, AREA)
    assert print_check.lone_lines("p.docx", placed) == []
    assert [n for n, _ in placed[2].lines] == [2, 2]


def test_cells_side_by_side_are_parted_where_pdftotext_joins_them():
    # two cells' lines at the same height: each paragraph finds its own column
    sequence = [("Venstre celle, første og anden linje", False), ("Højre celle, første og anden linje", False)]
    left = _lines(["Venstre celle, første", "og anden linje"], 100)
    right = _lines(["Højre celle, første", "og anden linje"], 100, left=320)
    placed = print_check.place_paragraphs([left + right + FOOTER], sequence, AREA)
    assert [[l.left for _, l in p.lines] for p in placed] == [[62.5, 62.5], [320, 320]]


@needs_tools
def test_the_check_finds_a_lone_line_in_a_table_cell_printed_by_libreoffice(tmp_path):
    """Cases of a three-line paragraph in a table cell after more and more
    lines of text, each case starting a page: where the print puts one of
    its lines alone on a page (read from pdftotext's plain pages), the check
    says so, and only there."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = _document_with_footer()
    cases = range(22, 31)
    for case in cases:
        for n in range(case):
            doc.add_paragraph(f"Tekst {case}-{n} fylder siden op.")
        p = doc.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0]
        for k in (1, 2, 3):
            p.add_run(f"Linje {case}-{k}")
            if k < 3:
                p.runs[-1].add_break()
        off = OxmlElement("w:widowControl")
        off.set(qn("w:val"), "0")
        p._p.get_or_add_pPr().append(off)
        doc.add_page_break()
    path = tmp_path / "celler.docx"
    doc.save(path)
    print_check.convert([path], tmp_path, SOFFICE)
    import subprocess

    plain = subprocess.run([print_check.PDFTOTEXT, "-enc", "UTF-8", str(tmp_path / "celler.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout.split("\f")
    found = print_check.problems(path, tmp_path / "celler.pdf")
    expected = []
    for case in cases:
        page = [next(n for n, text in enumerate(plain, 1) if f"Linje {case}-{k}\n" in text + "\n") for k in (1, 2, 3)]
        name = f"«Linje {case}-1 Linje {case}-2 Linje {case}-3»"
        if page[0] < page[1]:
            expected.append(f"celler.docx, side {page[0]}: første linje af {name} står alene nederst")
        if page[1] < page[2]:
            expected.append(f"celler.docx, side {page[2]}: sidste linje af {name} står alene øverst "
                            f"(«Linje {case}-3»)")
    lone = [f for f in found if "står alene" in f]
    assert lone == expected, found
    # some case puts the page break inside the paragraph (LibreOffice 7.4 leaves its last line alone)
    assert lone, found
