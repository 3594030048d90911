"""The rendered documents: every fact of agreement.toml lands in the right one."""
from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from docgen.documents.base import contact_line
from docgen.model import lbf
from docgen.model.lbf import AREAS
from docgen.render.markdown import paragraphs_text

from docx_text import paragraphs, text, xml_parts

NAMES = [
    "01 Strategisk samarbejdsaftale - Husum-Tingbjerg.docx",
    "02 Delaftale - Uddannelse og livschancer.docx",
    "03 Delaftale - Beskæftigelse.docx",
    "04 Delaftale - Kriminalitetsforebyggelse.docx",
    "05 Delaftale - Sammenhængskraft og medborgerskab.docx",
    "07 Beredskabsplan - Husum-Tingbjerg.docx",
    "09 Kommissorium for bestyrelsen - Husum-Tingbjerg.docx",
]
SUB_FILE = dict(zip(AREAS, NAMES[1:5]))


def test_build_writes_every_word_document_in_upload_order(built):
    assert sorted(p.name for p in built.glob("*.docx")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_document_opens_and_no_tag_survives(built, name):
    doc = Document(str(built / name))
    assert doc.paragraphs
    for part, xml in xml_parts(built / name).items():
        assert not re.search(r"\{\{|\{%|\{#|%\}|\}\}", xml), part


@pytest.mark.parametrize("name", NAMES)
def test_a4_with_footer_naming_the_document_and_page_numbers(built, name):
    doc = Document(str(built / name))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    footer = section.footer.paragraphs[0]
    assert "Husum-Tingbjerg" in footer.text
    xml = footer._p.xml
    assert "PAGE" in xml and "NUMPAGES" in xml


def test_strategic_agreement_carries_its_sections(built, shipped):
    doc = text(built / NAMES[0])
    assert "Husum-Tingbjerg" in doc
    assert "1. september 2024 – 31. august 2028" in doc
    assert "fsb, AAB, SAB/KAB og Københavns Kommune" in doc
    for department in shipped.area.departments:
        assert department.name in doc
    assert "I alt 18 afdelinger" in doc
    assert "4.869 husstande og ca. 10.562 beboere" in doc
    for body in shipped.organisation.bodies:
        if body.in_structure:
            assert body.name in doc
    for initiative in shipped.initiatives:
        assert initiative.title in doc
    for goals in shipped.areas:
        # LBF's goal and indicator texts come from the pulje
        assert goals.goal is None and lbf.goal_of(shipped, goals) in doc
        assert AREAS[goals.area] in doc
        for n, indicator in enumerate(goals.indicators):
            assert lbf.indicator_of(shipped, goals, n)[0] in doc
        first = paragraphs_text(goals.problem)[0]
        assert first in doc


def test_section_6_lists_the_delaftalens_activities(built, shipped):
    # the signed text's Danish list form: "A, B og C"
    doc = paragraphs(built / NAMES[0])
    for sub in shipped.sub_agreements:
        names = [a.name for a in sub.activities]
        line = "Indsatser: " + ", ".join(names[:-1]) + " og " + names[-1]
        assert line in doc


def test_goal_table_is_a_word_table_with_a_row_per_indicator(built, shipped):
    doc = Document(str(built / NAMES[0]))
    goal_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Mål")
    assert len(goal_table.rows) == 1 + sum(len(g.indicators) for g in shipped.areas)


@pytest.mark.parametrize("area", list(AREAS))
def test_delaftale_carries_parties_goals_staff_and_activities(built, shipped, area):
    sub = next(s for s in shipped.sub_agreements if s.area == area)
    lines = paragraphs(built / SUB_FILE[area])
    doc = "\n".join(lines)
    assert AREAS[area] in doc
    assert "Den boligsociale helhedsplan for Husum-Tingbjerg 2024-2028" in lines
    for party_id in sub.parties:
        party = shipped.party_index[party_id]
        assert party.name in lines
        if party.contact:
            assert contact_line(party) in lines
            if party.contact.email:
                assert party.contact.email in doc
    for n, goal in enumerate(sub.sub_goals, 1):
        assert f"Mål {n}" in lines
        assert goal.goal in lines
        for indicator in goal.indicators:
            assert indicator.indicator in lines
    for allocation in sub.staff:
        role = shipped.role_index[allocation.role]
        assert any(line.startswith(f"{role.title}: ") for line in lines)
    for activity in sub.activities:
        assert activity.name in lines
        for group in activity.target_groups:
            assert group in lines
        for responsibility in activity.responsibilities:
            heading = responsibility.heading or shipped.party_index[responsibility.parties[0]].heading
            assert any(heading in line for line in lines)
            for paragraph in paragraphs_text(responsibility.text):
                assert paragraph in doc


def test_sub_goals_stay_in_their_own_delaftale(built, shipped):
    for sub in shipped.sub_agreements:
        for other in shipped.sub_agreements:
            if other.area != sub.area:
                doc = text(built / SUB_FILE[other.area])
                assert sub.sub_goals[0].goal not in doc


def test_hours_are_shown_where_hours_were_given(built):
    lines = paragraphs(built / SUB_FILE["uddannelse"])
    assert "Studentermedhjælp 1: 15 timer pr. uge" in lines
    assert "Projektleder: 0,25 årsværk" in lines


def test_lists_and_headings_are_real_word_styles(built):
    doc = Document(str(built / SUB_FILE["uddannelse"]))
    used = {p.style.name for p in doc.paragraphs}
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                used |= {p.style.name for p in cell.paragraphs}
    assert {"List Bullet", "Mellemrubrik", "Title", "Heading 2"} <= used


@pytest.mark.parametrize("name", NAMES)
def test_every_table_cell_holds_a_paragraph(built, name):
    # Word requires it; an empty cell without one shifts the row in LibreOffice
    body = Document(str(built / name)).element.body
    cells = body.findall(".//" + qn("w:tc"))
    assert cells
    assert all(cell.find(qn("w:p")) is not None for cell in cells)


def test_empty_baselines_leave_the_columns_in_place(built):
    doc = Document(str(built / SUB_FILE["kriminalitet"]))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Delmål")
    first = table.rows[1].cells
    assert first[1].text.startswith("Samlet antal enkeltsager")
    assert first[3].text == ""                      # no other baseline for Mål 1
    assert first[4].text == "SSP København, Årlig opgørelse"


def test_strategic_agreement_holds_the_organisation_chart_in_section_3(built, shipped):
    import zipfile
    from io import BytesIO

    from PIL import Image

    from docgen.documents.strategic import org_chart

    path = built / NAMES[0]
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    heading = texts.index("Organisationsdiagram")
    assert texts.index("3. Organisering") < heading < texts.index("4. Samspil med centrale tiltag og indsatser i boligområdet")
    picture = doc.paragraphs[heading + 1]._p
    assert picture.findall(".//" + qn("w:drawing")), "no picture after the heading"
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(media) == 1
        image = Image.open(BytesIO(z.read(media[0])))
    assert image.format == "PNG" and image.width > 1000
    chart = org_chart(shipped)
    assert len(chart.boxes) == len(shipped.organisation.bodies) == 5
    assert ("ledergruppe", "foelgegruppe") in chart.links


def test_section_6_holds_the_seeds_two_tables_as_word_tables(built):
    """Tryghed 2021 and Børnesundhedsprofilen 2023: real tables, in the body
    of section 6, with the header row repeating."""
    doc = Document(built / NAMES[0])
    rows = {}
    for table in doc.tables:
        cells = [[c.text for c in row.cells] for row in table.rows]
        rows[cells[0][0]] = (table, cells)
    table, cells = rows["2021"]
    assert cells == [["2021", "Husum", "Tingbjerg", "Øvrige boligsociale hhp-områder", "Hele Danmark"],
                     ["Oplever området som trygt", "68%", "77%", "75%", "93%"]]
    table, cells = rows["Klasse"]
    assert cells[1][:3] == ["3. klasse", "Går du til noget efter skole eller i weekenden (ja)", "65% ↓"]
    assert cells[2][-1] == "76% ↑"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert "pil:" not in text(built / NAMES[0])


def test_one_department_is_written_in_the_singular(tmp_path):
    from conftest import build_minimal_variant

    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = build_minimal_variant(tmp_path / "one", [], "Strategisk samarbejdsaftale")
    assert "I alt 1 afdeling" in text(one) and "I alt 1 afdelinger" not in text(one)
    two = build_minimal_variant(tmp_path / "two", [
        ('[[parter]]\nid = "hp"', '[[parter]]\nid = "civica"\nnavn = "Civica"\n\n[[parter]]\nid = "hp"'),
        ('afdelinger = [{ organisation = "bo", nummer = "1", navn = "Afdeling Et" }]',
         'afdelinger = [{ organisation = "bo", nummer = "1", navn = "Afdeling Et" }, '
         '{ organisation = "bo", nummer = "2", navn = "Afdeling To" }, '
         '{ organisation = "civica", nummer = "3", navn = "Afdeling Tre" }]'),
        ('parter = ["bo", "kommune"]', 'parter = ["bo", "civica", "kommune"]'),
    ], "Strategisk samarbejdsaftale")
    body = text(two)
    assert "1 Civica-afdeling:" in body and "2 Boligselskabet-afdelinger:" in body
    assert "I alt 3 afdelinger" in body


def _cell(doc, text: str):
    return next(cell for table in doc.tables for row in table.rows for cell in row.cells if text in cell.text)


def test_a_line_break_in_agreement_toml_is_a_line_break_in_the_cell(built):
    """The cell holding "KV21: 34,50%" shows "FV19: 66,8%" on a line of its
    own: a w:br inside the cell's one paragraph (not a second paragraph, so
    the cell reads back as the one value it was)."""
    cell = _cell(Document(str(built / NAMES[0])), "KV21: 34,50%")
    assert len(cell.paragraphs) == 1
    assert cell.text.split("\n") == ["KV21: 34,50%", "FV19: 66,8%"]
    assert len(cell.paragraphs[0]._p.findall(".//" + qn("w:br"))) == 1
    year = _cell(Document(str(built / NAMES[0])), "2021\n2019")
    assert year.text == "2021\n2019"
    schools = _cell(Document(str(built / SUB_FILE["kriminalitet"])), "Tingbjerg skole, 3. klasse")
    assert schools.text.split("\n") == ["Tingbjerg skole, 3. klasse 2023: 65%", "Husum skole, 3. klasse 2023: 82%",
                                        "Korsager skole, 3. klasse 2023: 87%"]


def test_the_sub_goals_table_has_a_row_per_indicator_with_the_goal_merged_over_them(built, shipped):
    for area, name in SUB_FILE.items():
        sub = next(s for s in shipped.sub_agreements if s.area == area)
        doc = Document(str(built / name))
        table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Delmål")
        rows = [row._tr for row in table.rows[1:]]
        assert len(rows) == sum(len(g.indicators) for g in sub.sub_goals), name
        first = 0
        for n, goal in enumerate(sub.sub_goals, 1):
            for k, indicator in enumerate(goal.indicators):
                cells = rows[first + k].findall(qn("w:tc"))
                merge = cells[0].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                assert merge is not None and merge.get(qn("w:val")) == ("restart" if k == 0 else "continue")
                texts = ["".join(t.text or "" for t in c.iter(qn("w:t"))) for c in cells]
                assert texts[1] == indicator.indicator.replace("\n", "")
                if k == 0:
                    assert texts[0] == f"Mål {n}{goal.goal}"
                else:  # a merged cell's continuation holds nothing
                    assert texts[0] == "" and texts[4] == ""
                # the goal's rows but its last keep with the next row
                keeps = {p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in rows[first + k].iter(qn("w:p"))}
                assert keeps == {k < len(goal.indicators) - 1}
            first += len(goal.indicators)


def test_a_line_break_in_a_one_line_field_is_still_refused(write_toml):
    from docgen.pipeline import check

    from conftest import MINIMAL, diagnostics_of

    text = MINIMAL.read_text(encoding="utf-8").replace('indikator = "Fraværsprocent"', 'indikator = "Fravær\\nprocent"')
    assert check(write_toml(text))  # an indicator takes line breaks
    text = MINIMAL.read_text(encoding="utf-8").replace('omraadenavn = "Testby"', 'omraadenavn = "Test\\nby"')
    [d] = diagnostics_of(check, write_toml(text))
    assert "på én linje" in d.message
