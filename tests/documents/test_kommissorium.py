"""Kommissorium for bestyrelsen: the board from section 3, its members and terms."""
from __future__ import annotations

import re

from docx import Document

from docgen.documents import kommissorium
from docgen.render.markdown import paragraphs_text

from conftest import build_minimal_variant
from docx_text import paragraphs, text, xml_parts

MARKUP = "<w:p> & {{ 7*7 }} {% if x %}"
SECTIONS = ["1. Baggrund", "2. Formål", "3. Sammensætning", "4. Opgaver", "5. Møder", "6. Sekretariatsbetjening"]


def terms_file(built):
    return next(built.glob("* Kommissorium for bestyrelsen - *.docx"))


def member_table(path):
    return next(t for t in Document(str(path)).tables if t.rows[0].cells[-1].text == "Antal")


def build_minimal(write_toml, tmp_path, *replacements):
    return build_minimal_variant(tmp_path, replacements, "Kommissorium for bestyrelsen")


def test_title_and_file_name(shipped):
    document = kommissorium.document(shipped)
    assert document.title == "Kommissorium for bestyrelsen - Husum-Tingbjerg"
    assert document.template == "kommissorium.docx"


def test_the_board_is_named_from_section_3(built, shipped):
    body = shipped.body_index[shipped.board.body]
    doc = Document(str(terms_file(built)))
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [f"Kommissorium for {body.name}"]
    assert body.name in doc.sections[0].footer.paragraphs[0].text


def test_six_numbered_sections_as_word_headings(built):
    doc = Document(str(terms_file(built)))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == SECTIONS


def test_effort_name_period_and_the_texts_of_the_terms(built, shipped):
    lines = paragraphs(terms_file(built))
    assert "Den boligsociale helhedsplan for Husum-Tingbjerg 2024-2028" in lines
    assert "1. september 2024 – 31. august 2028" in lines
    terms = shipped.board
    for markdown in (terms.background, terms.purpose, terms.meetings, terms.secretariat):
        for paragraph in paragraphs_text(markdown):
            assert paragraph in lines


def test_the_boards_responsibility_composition_and_place_come_from_section_3(built, shipped):
    body = shipped.body_index[shipped.board.body]
    lines = paragraphs(terms_file(built))
    for paragraph in paragraphs_text(body.description):
        assert paragraph in lines
    composition = " ".join(paragraphs_text(body.composition))
    assert "Sammensætning ifølge den strategiske samarbejdsaftale (afsnit 3): " + composition in lines
    assert f"Bestyrelsen hører under: {shipped.body_index[body.above].name}" in lines
    below = [b.name for b in shipped.organisation.bodies if b.above == body.id]
    assert below and f"Under bestyrelsen: {below[0]}" in lines


def test_member_table_has_every_member_with_party_role_and_count(built, shipped):
    rows = [[c.text for c in row.cells] for row in member_table(terms_file(built)).rows]
    members = shipped.board.members
    assert rows[0] == ["Part", "Rolle", "Antal"]
    assert rows[1:-1] == [[shipped.party_index[m.party].name, m.role, str(m.count)] for m in members]
    assert rows[-1] == ["I alt", "", str(sum(m.count for m in members))]
    assert any(m.count > 1 for m in members)


def test_one_partys_members_share_one_merged_cell(built, shipped):
    rows = member_table(terms_file(built))._tbl.tr_lst[1:-1]
    merges = [tr.tc_lst[0].vMerge for tr in rows]
    assert merges.count("restart") == len({m.party for m in shipped.board.members})
    assert merges.count("continue") == len(rows) - merges.count("restart")


def test_tasks_are_bullets_in_order(built, shipped):
    doc = Document(str(terms_file(built)))
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    tasks = list(shipped.board.tasks)
    assert bullets[:len(tasks)] == tasks


def test_no_template_tag_survives(built):
    for part, xml in xml_parts(terms_file(built)).items():
        assert not re.search(r"\{\{|\{%|\{#|%\}|\}\}", xml), part


def test_a_board_without_composition_or_place_leaves_those_lines_out(write_toml, tmp_path):
    path = build_minimal(write_toml, tmp_path, ('sammensaetning = "Chefer."\n', ""))
    body = text(path)
    assert "Kommissorium for Bestyrelsen" in body
    assert "Sammensætning ifølge" not in body
    assert "hører under" not in body and "Under bestyrelsen" not in body
    assert [r.cells[0].text for r in member_table(path).rows] == ["Part", "Boligselskabet", "Testby Kommune", "I alt"]


def test_markup_in_the_terms_comes_out_literally(write_toml, tmp_path):
    path = build_minimal(
        write_toml, tmp_path,
        ('baggrund = "Baggrund."', f'baggrund = "Baggrund {MARKUP}"'),
        ('rolle = "Direktør"', f'rolle = "Direktør {MARKUP}"'),
        ('opgaver = ["Følge op på målene"]', f'opgaver = ["Følge op {MARKUP}"]'),
        ('navn = "Bestyrelsen"', f'navn = "Bestyrelsen {MARKUP}"'),
    )
    body = text(path)
    for expected in (f"Baggrund {MARKUP}", f"Direktør {MARKUP}", f"Følge op {MARKUP}",
                     f"Kommissorium for Bestyrelsen {MARKUP}"):
        assert expected in body
    assert "49" not in body
    Document(str(path))
